import { TOKEN_ROLES, type CreatedToken, type TokenRole } from '@sentinel/shared';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useTaxonomy } from '../../../lib/taxonomy';
import { expiryFromDate, useCreateToken } from '../api/tokens';
import { NewTokenSecret } from './NewTokenSecret';
import { ROLE_HINTS } from './role-hints';
import { ScopePicker } from './ScopePicker';

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A wall token (read-only, optionally scoped) or an integration token with a person's role; optional expiry. */
export function CreateTokenForm() {
  const create = useCreateToken();
  const names = useTaxonomy();
  const [name, setName] = useState('');
  const [role, setRole] = useState<TokenRole>('wall');
  const [scope, setScope] = useState<{ regions: string[]; topics: string[] }>({ regions: [], topics: [] });
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<{ token: CreatedToken; name: string; role: TokenRole } | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wallScope = role === 'wall' ? scope : { regions: [], topics: [] };
    const request = {
      name: name.trim(),
      role,
      ...(wallScope.regions.length > 0 ? { regions: wallScope.regions } : {}),
      ...(wallScope.topics.length > 0 ? { topics: wallScope.topics } : {}),
      ...(expires ? { expiresAt: expiryFromDate(expires) } : {}),
    };
    create.mutate(request, {
      onSuccess: (token) => {
        setCreated({ token, name: request.name, role });
        setName('');
        setScope({ regions: [], topics: [] });
        setExpires('');
      },
    });
  };

  if (created) return <NewTokenSecret created={created.token} name={created.name} role={created.role} onDismiss={() => setCreated(null)} />;

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="create-token-heading" data-testid="create-token-form">
      <h2 id="create-token-heading">Create a token</h2>
      <div className="form-grid">
        <label htmlFor="token-name">Name</label>
        <input id="token-name" required maxLength={100} placeholder="Operations room wall" value={name} onChange={(event) => setName(event.target.value)} />
        <label htmlFor="token-role">Role</label>
        <select id="token-role" value={role} onChange={(event) => setRole(event.target.value as TokenRole)} aria-describedby="token-role-hint">
          {TOKEN_ROLES.map((item) => (
            <option key={item} value={item}>
              {item}
            </option>
          ))}
        </select>
        <p id="token-role-hint" className="hint">
          {ROLE_HINTS[role]}
        </p>
        <label htmlFor="token-expires">Expires (optional)</label>
        <input id="token-expires" type="date" min={today()} value={expires} onChange={(event) => setExpires(event.target.value)} aria-describedby="token-expires-hint" />
        <p id="token-expires-hint" className="hint">
          At the end of that day. Leave empty for a token that lasts until it is revoked.
        </p>
      </div>
      {role === 'wall' && <ScopePicker names={names} regions={scope.regions} topics={scope.topics} onChange={setScope} />}
      <button type="submit" className="button-primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create token'}
      </button>
      <div aria-live="polite">{create.isError && <ErrorMessage error={create.error} prefix="Could not create the token" />}</div>
    </form>
  );
}
