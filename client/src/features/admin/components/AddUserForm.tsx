import { USER_ROLES, type UserRole } from '@sentinel/shared';
import { useState, type FormEvent } from 'react';
import { FormOutcome } from '../../../components/FormOutcome';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from '../../../lib/password';
import { useCreateUser } from '../api/users';
import { ROLE_HINTS } from './role-hints';

/** A new person with a first password, which they can change on their Account page. */
export function AddUserForm() {
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRole>('viewer');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wrong = newPasswordProblem(password);
    setProblem(wrong);
    if (wrong) return;
    create.mutate(
      { email: email.trim(), password, role },
      {
        onSuccess: () => {
          setEmail('');
          setPassword('');
        },
      },
    );
  };

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="add-user-heading" data-testid="add-user-form">
      <h2 id="add-user-heading">Add a person</h2>
      <div className="form-grid">
        <label htmlFor="new-user-email">E-mail</label>
        <input id="new-user-email" type="email" autoComplete="off" required value={email} onChange={(event) => setEmail(event.target.value)} />
        <label htmlFor="new-user-password">First password</label>
        <input
          id="new-user-password"
          type="password"
          autoComplete="new-password"
          required
          aria-describedby="new-user-password-hint"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <p id="new-user-password-hint" className="hint">
          At least {MIN_PASSWORD_LENGTH} characters. Tell it to them; they can change it under Account.
        </p>
        <label htmlFor="new-user-role">Role</label>
        <select id="new-user-role" value={role} onChange={(event) => setRole(event.target.value as UserRole)} aria-describedby="new-user-role-hint">
          {USER_ROLES.map((item) => (
            <option key={item} value={item}>
              {item}
            </option>
          ))}
        </select>
        <p id="new-user-role-hint" className="hint">
          {ROLE_HINTS[role]}
        </p>
      </div>
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Adding…' : 'Add person'}
      </button>
      <FormOutcome
        problem={problem}
        error={create.isError ? create.error : null}
        errorPrefix="Could not add the person"
        success={create.isSuccess && `Added ${create.data.email} as ${create.data.role}.`}
      />
    </form>
  );
}
