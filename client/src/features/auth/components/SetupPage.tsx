import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FormOutcome } from '../../../components/FormOutcome';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from '../../../lib/password';
import { followLink, navigate, useUrlState } from '../../../lib/url-state';
import { useCompleteSetup, useSetupStatus } from '../api/auth';

/**
 * `/setup?token=…`: the first administrator, once. The token comes from the link the server
 * printed in its log; the page asks for that person's e-mail and password and signs them in.
 */
export function SetupPage() {
  const { params } = useUrlState();
  const token = params.get('token') ?? '';
  const status = useSetupStatus();
  const setup = useCompleteSetup();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wrong = newPasswordProblem(password, repeated);
    setProblem(wrong);
    if (!wrong) setup.mutate({ token, email: email.trim(), password }, { onSuccess: () => navigate('/', { replace: true }) });
  };

  let body;
  if (status.isPending) body = <p className="muted">Checking whether setup is still open…</p>;
  else if (status.isError) body = <ErrorMessage error={status.error} prefix="Cannot reach the server" />;
  else if (!status.data.needed)
    body = (
      <p>
        Setup is done: an administrator account exists.{' '}
        <a href="/" onClick={followLink}>
          Go to sign-in
        </a>
      </p>
    );
  else if (!token) body = <p className="error-message">This page needs the setup link from the server log (it ends in “/setup?token=…”).</p>;
  else
    body = (
      <form onSubmit={submit} data-testid="setup-form">
        <p>Create the first administrator. More people can be added afterwards on the Users page.</p>
        <div className="form-grid form-grid--stacked">
          <label htmlFor="setup-email">Administrator's e-mail</label>
          <input id="setup-email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
          <label htmlFor="setup-password">Password</label>
          <input
            id="setup-password"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby="setup-password-hint"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <p id="setup-password-hint" className="hint">
            At least {MIN_PASSWORD_LENGTH} characters.
          </p>
          <label htmlFor="setup-repeat">Password again</label>
          <input id="setup-repeat" type="password" autoComplete="new-password" required value={repeated} onChange={(event) => setRepeated(event.target.value)} />
        </div>
        <button type="submit" className="button-primary" disabled={setup.isPending}>
          {setup.isPending ? 'Creating…' : 'Create administrator and sign in'}
        </button>
        <FormOutcome problem={problem} error={setup.isError ? setup.error : null} errorPrefix="Setup failed" live="assertive" />
      </form>
    );

  return (
    <div className="auth-page" data-testid="setup-page">
      <main className="auth-card" id="main">
        <p className="auth-card__brand">Sentinel Wire</p>
        <h1>First-time setup</h1>
        {body}
      </main>
    </div>
  );
}
