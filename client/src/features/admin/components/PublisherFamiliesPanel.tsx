import type { PublisherFamily } from '@sentinel/shared';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describeError } from '../../../lib/api-client';
import { plural } from '../../../lib/format';
import { usePublisherFamilies, useRemovePublisherFamily } from '../api/publisher-families';
import { PublisherFamilyForm } from './PublisherFamilyForm';

function FamilyRow({ family, canManage }: { family: PublisherFamily; canManage: boolean }) {
  const remove = useRemovePublisherFamily();
  return (
    <tr data-testid="publisher-family-row">
      <th scope="row">{family.outlet}</th>
      <td>{family.family}</td>
      {canManage && (
        <td className="row-actions">
          <ConfirmAction
            label="Remove…"
            question={`Count ${family.outlet} on its own again?`}
            confirmLabel="Remove"
            subject={`family of ${family.outlet}`}
            busy={remove.isPending}
            onConfirm={() => remove.mutate(family.outlet)}
          />
          {remove.isError && (
            <p className="field-problem" role="alert">
              Could not remove: {describeError(remove.error)}
            </p>
          )}
        </td>
      )}
    </tr>
  );
}

/** Outlets of one publisher that count as one source (bbc.com as bbc.co.uk); admins change them, and events are recounted at once. */
export function PublisherFamiliesPanel({ canManage }: { canManage: boolean }) {
  const families = usePublisherFamilies();
  return (
    <section aria-labelledby="families-heading" data-testid="publisher-families">
      <div className="panel-heading">
        <h2 id="families-heading">Publisher families</h2>
        {families.data && <span className="panel-heading__note">{plural(families.data.length, 'outlet')} in a family</span>}
      </div>
      <p className="muted">An outlet in a family counts as that family in events: two of its sites reporting the same thing are one source.</p>
      {families.isPending && <p className="muted">Loading publisher families…</p>}
      {families.isError && <ErrorMessage error={families.error} prefix="Could not load the publisher families" />}
      {families.data && families.data.length > 0 && (
        <div className="table-scroll">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">Outlet</th>
                <th scope="col">Counts as</th>
                {canManage && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {families.data.map((family) => (
                <FamilyRow key={family.outlet} family={family} canManage={canManage} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && <PublisherFamilyForm />}
    </section>
  );
}
