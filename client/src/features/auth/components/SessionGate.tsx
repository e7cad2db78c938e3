import { useState, type ReactNode } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { clearWallToken, wallToken } from '../../../lib/wall-token';
import { useMe, type SignedIn } from '../api/auth';
import { useRealtimeWhileSignedIn, useSessionEvents } from '../hooks/useSessionEvents';
import { LoginPage } from './LoginPage';
import { WallTokenRefused } from './WallTokenRefused';

interface SessionGateProps {
  /** The wall may be a token (`wall` role); the analyst pages need a person with at least `viewer`. */
  area: 'wall' | 'analyst';
  children: (me: SignedIn) => ReactNode;
}

/** Renders its page for whoever is signed in, or what stands in for it: sign-in, or a wall's refused-token screen. */
export function SessionGate({ area, children }: SessionGateProps) {
  const me = useMe();
  const [, setTokenDropped] = useState(0);
  useSessionEvents();
  useRealtimeWhileSignedIn(me.data);

  if (me.isPending) return <p className="muted page-loading">Loading…</p>;
  if (me.data === undefined) {
    return (
      <div className="page-loading">
        <ErrorMessage error={me.error} prefix="Cannot tell who is signed in" />
        <button type="button" onClick={() => void me.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (me.data === null) {
    if (area === 'wall' && wallToken()) {
      const signIn = () => {
        clearWallToken();
        setTokenDropped((count) => count + 1);
      };
      return <WallTokenRefused onSignIn={signIn} />;
    }
    return <LoginPage />;
  }
  if (area === 'analyst' && me.data.user.role === 'wall') {
    return <LoginPage notice="This tab shows a wall through a wall token, which cannot open the analyst pages. Sign in to use them." />;
  }
  return <>{children(me.data)}</>;
}
