import { useState, type FormEvent } from 'react';
import { useLogin, useSetupStatus } from '../api/auth';
import { describeLoginError } from '../hooks/login-error';

interface LoginPageProps {
  /** Why the page is shown instead of the one asked for, when there is more to say than "sign in". */
  notice?: string;
}

/**
 * Shown in place of any page that needs a session, at that page's address: after signing in the
 * page the person asked for renders, with its query string intact.
 */
export function LoginPage({ notice }: LoginPageProps) {
  const login = useLogin();
  const setup = useSetupStatus();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password }, { onError: () => setPassword('') });
  };

  return (
    <div className="auth-page" data-testid="login-page">
      <main className="auth-card" id="main">
        <p className="auth-card__brand">Sentinel Wire</p>
        <h1>Sign in</h1>
        {notice && <p className="auth-card__notice">{notice}</p>}
        {setup.data?.needed && (
          <p className="auth-card__notice" data-testid="setup-needed">
            No account exists yet. Open the one-time setup link that the server printed in its log (it is valid for one hour) to create the
            first administrator.
          </p>
        )}
        <form onSubmit={submit} aria-describedby={login.isError ? 'login-error' : undefined}>
          <div className="form-grid form-grid--stacked">
            <label htmlFor="login-email">E-mail</label>
            <input id="login-email" type="email" autoComplete="username" required autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
            <label htmlFor="login-password">Password</label>
            <input
              id="login-password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit" className="button-primary" disabled={login.isPending}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <div aria-live="assertive">
          {login.isError && (
            <p className="error-message" role="alert" id="login-error" data-testid="login-error">
              <span aria-hidden="true">⚠ </span>
              {describeLoginError(login.error)}
            </p>
          )}
        </div>
      </main>
    </div>
  );
}
