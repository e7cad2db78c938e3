import type { ApiToken } from '@sentinel/shared';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TimeAgo } from '../../../components/TimeAgo';
import { describeError } from '../../../lib/api-client';
import { formatDateTime, plural } from '../../../lib/format';
import { useTaxonomy, type TaxonomyNames } from '../../../lib/taxonomy';
import { useRevokeToken, useTokens } from '../api/tokens';

function describeScope(token: ApiToken, names: TaxonomyNames): string {
  if (token.role !== 'wall') return '—';
  const parts = [
    token.regions.length > 0 ? token.regions.map(names.region).join(', ') : 'all regions',
    token.topics.length > 0 ? token.topics.map(names.topic).join(', ') : 'all topics',
  ];
  return parts.join('; ');
}

function TokenRow({ token, names }: { token: ApiToken; names: TaxonomyNames }) {
  const revoke = useRevokeToken();
  const expired = token.expiresAt !== null && Date.parse(token.expiresAt) < Date.now();
  return (
    <tr data-testid="token-row" data-token-id={token.id}>
      <th scope="row">{token.name}</th>
      <td>{token.role}</td>
      <td>{describeScope(token, names)}</td>
      <td>{formatDateTime(token.createdAt)}</td>
      <td>
        {token.expiresAt === null ? 'never' : formatDateTime(token.expiresAt)}
        {expired && <strong className="token-expired"> (expired)</strong>}
      </td>
      <td>
        <TimeAgo iso={token.lastUsedAt} />
      </td>
      <td className="row-actions">
        <ConfirmAction
          label="Revoke…"
          question="Revoke it? Screens and scripts using it stop at once."
          confirmLabel="Revoke"
          subject={`token ${token.name}`}
          busy={revoke.isPending}
          onConfirm={() => revoke.mutate(token.id)}
        />
        {revoke.isError && (
          <p className="field-problem" role="alert">
            Could not revoke: {describeError(revoke.error)}
          </p>
        )}
      </td>
    </tr>
  );
}

export function TokenTable() {
  const tokens = useTokens();
  const names = useTaxonomy();
  if (tokens.isPending) return <p className="muted">Loading tokens…</p>;
  if (tokens.isError) return <ErrorMessage error={tokens.error} prefix="Could not load the tokens" />;
  return (
    <section aria-labelledby="tokens-heading">
      <div className="panel-heading">
        <h2 id="tokens-heading">Tokens</h2>
        <span className="panel-heading__note">{plural(tokens.data.length, 'token')}</span>
      </div>
      {tokens.data.length === 0 ? (
        <p className="muted">No tokens yet. A wall screen needs one; create it above.</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table" data-testid="tokens-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Scope</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <TokenRow key={token.id} token={token} names={names} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
