import { describeError } from '../../../lib/api-client';
import { followLink, navigate } from '../../../lib/url-state';
import { describePrincipal, useLogout, type SignedIn } from '../api/auth';

/** The header's "signed in as …" with the way to one's account and out. */
export function AccountMenu({ me }: { me: SignedIn }) {
  const logout = useLogout();
  // Back to the start afterwards, so the next person does not land on the last one's admin page.
  // (A promise, not a mutate callback: this menu is gone by the time the session has ended.)
  const signOut = () => void logout.mutateAsync().then(() => navigate('/'), () => undefined);
  return (
    <div className="account-menu" data-testid="account-menu">
      <span data-testid="signed-in-as">
        Signed in as <strong>{describePrincipal(me)}</strong> ({me.user.role})
      </span>
      {me.user.kind === 'user' && (
        <a href="/account" onClick={followLink}>
          Account
        </a>
      )}
      <button type="button" onClick={signOut} disabled={logout.isPending}>
        {logout.isPending ? 'Signing out…' : 'Sign out'}
      </button>
      {logout.isError && (
        <span className="field-problem" role="alert">
          Could not sign out: {describeError(logout.error)}
        </span>
      )}
    </div>
  );
}
