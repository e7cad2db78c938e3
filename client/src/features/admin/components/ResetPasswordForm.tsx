import type { User } from '@sentinel/shared';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../../lib/api-client';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from '../../../lib/password';
import { useUpdateUser } from '../api/users';

/** An admin sets someone's password (they forgot it, or it leaked); the person is told the new one out of band. */
export function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const update = useUpdateUser();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const fieldId = `reset-password-${user.id}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wrong = newPasswordProblem(password);
    setProblem(wrong);
    if (!wrong) update.mutate({ id: user.id, changes: { password } }, { onSuccess: onDone });
  };

  return (
    <form className="inline-form" onSubmit={submit}>
      <label htmlFor={fieldId}>New password for {user.email}</label>
      <input
        id={fieldId}
        type="password"
        autoComplete="new-password"
        required
        autoFocus
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <button type="submit" disabled={update.isPending}>
        Set password
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
      {(problem || update.isError) && (
        <span className="field-problem" role="alert">
          {problem ?? describeError(update.error)}
        </span>
      )}
    </form>
  );
}
