import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { onUnauthorized, setCsrfToken } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { realtime } from '../../../lib/realtime';
import type { SignedIn } from '../api/auth';

/**
 * The session ends when the server says so: a 401 from the API or a socket the server refuses
 * puts null into `me` (the gate then shows sign-in, or on a wall the "token refused" screen). A
 * socket the server closed on its side makes us ask `/api/auth/me` again, which tells a revoked
 * token from a server restart.
 */
export function useSessionEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    const signedOut = () => {
      setCsrfToken(null);
      client.setQueryData(queryKeys.me, null);
    };
    const off = [
      onUnauthorized(signedOut),
      realtime.onRefused(signedOut),
      realtime.onServerDisconnect(() => void client.invalidateQueries({ queryKey: queryKeys.me })),
    ];
    return () => off.forEach((unsubscribe) => unsubscribe());
  }, [client]);
}

/** The socket runs while somebody is signed in, and reconnects (new credentials) when that somebody changes. */
export function useRealtimeWhileSignedIn(me: SignedIn | null | undefined): void {
  const caller = me ? `${me.user.kind}:${me.user.id}` : null;
  useEffect(() => {
    if (!caller) return;
    realtime.start();
    return () => realtime.stop();
  }, [caller]);
}
