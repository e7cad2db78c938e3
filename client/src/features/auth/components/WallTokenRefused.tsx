/**
 * The wall's screen when its token is refused (wrong, expired or revoked). Large and plain: it is
 * read from across a room by someone who has to go and fetch a new wall link.
 */
export function WallTokenRefused({ onSignIn }: { onSignIn: () => void }) {
  return (
    <div className="wall-refused" data-testid="wall-token-refused">
      <main id="main">
        <h1>
          <span aria-hidden="true">⚠ </span>This wall's token is invalid or revoked
        </h1>
        <p>The server no longer accepts the token this screen was opened with, so it shows no news. Ask an administrator for a new wall link.</p>
        <button type="button" onClick={onSignIn}>
          Sign in as a person instead
        </button>
      </main>
    </div>
  );
}
