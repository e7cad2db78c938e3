import { CreateTokenForm } from '../../features/admin/components/CreateTokenForm';
import { TokenTable } from '../../features/admin/components/TokenTable';

/** `/admin/tokens` (admin): wall screens and integrations, which sign in with a token instead of a password. */
export function TokensPage() {
  return (
    <div className="admin-page" data-testid="tokens-page">
      <h1>Tokens</h1>
      <CreateTokenForm />
      <TokenTable />
    </div>
  );
}
