import { AuditLog } from '../../features/admin/components/AuditLog';

/** `/admin/audit` (admin): who changed feeds, rules, people and tokens. */
export function AuditPage() {
  return (
    <div className="admin-page" data-testid="audit-page">
      <h1>Audit log</h1>
      <AuditLog />
    </div>
  );
}
