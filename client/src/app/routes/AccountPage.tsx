import type { SignedIn } from '../../features/auth/api/auth';
import { ChangePasswordForm } from '../../features/auth/components/ChangePasswordForm';

/** `/account`: who you are signed in as, and your password. */
export function AccountPage({ me }: { me: SignedIn }) {
  return (
    <div className="admin-page" data-testid="account-page">
      <h1>Your account</h1>
      {me.user.kind === 'user' ? (
        <>
          <p>
            Signed in as <strong>{me.user.email}</strong> with the role <strong>{me.user.role}</strong>.
          </p>
          <ChangePasswordForm />
        </>
      ) : (
        <p>This tab uses the token “{me.user.name}” ({me.user.role}); a token has no password to change.</p>
      )}
    </div>
  );
}
