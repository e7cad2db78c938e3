import { useState, type FormEvent } from 'react';
import { FormOutcome } from '../../../components/FormOutcome';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from '../../../lib/password';
import { useChangePassword } from '../api/auth';

/** Changes the signed-in person's own password; the current one proves it is them. */
export function ChangePasswordForm() {
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wrong = newPasswordProblem(newPassword, repeated);
    setProblem(wrong);
    if (wrong) return;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword('');
          setNewPassword('');
          setRepeated('');
        },
      },
    );
  };

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="change-password-heading" data-testid="change-password-form">
      <h2 id="change-password-heading">Change your password</h2>
      <div className="form-grid">
        <label htmlFor="current-password">Current password</label>
        <input
          id="current-password"
          type="password"
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
        />
        <label htmlFor="new-password">New password</label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          required
          aria-describedby="new-password-hint"
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
        />
        <p id="new-password-hint" className="hint">
          At least {MIN_PASSWORD_LENGTH} characters.
        </p>
        <label htmlFor="repeat-password">New password again</label>
        <input id="repeat-password" type="password" autoComplete="new-password" required value={repeated} onChange={(event) => setRepeated(event.target.value)} />
      </div>
      <button type="submit" disabled={change.isPending}>
        {change.isPending ? 'Changing…' : 'Change password'}
      </button>
      <FormOutcome problem={problem} error={change.isError ? change.error : null} errorPrefix="Could not change the password" success={change.isSuccess && 'Your password is changed.'} />
    </form>
  );
}
