import type { ChangePasswordRequest, LoginRequest, LoginResponse, MeResponse, SetupRequest, SetupStatus } from '@sentinel/shared';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiRequestError, apiGet, apiRequest, setCsrfToken } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { clearWallToken, wallToken } from '../../../lib/wall-token';

/**
 * Who is signed in (`GET /api/auth/me`), signing in and out, the one-time setup and changing one's
 * own password. The `me` cache holds the answer, or null when nobody is signed in: a 401 anywhere
 * sets it to null (see useSessionEvents), which puts the sign-in page on screen.
 */
export type SignedIn = MeResponse;

async function fetchMe(signal?: AbortSignal): Promise<MeResponse | null> {
  try {
    const me = await apiGet<MeResponse>('/api/auth/me', undefined, signal);
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiRequestError && error.isUnauthorized) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
    // A wall that starts while the server is down must get in by itself once it is back.
    refetchInterval: (query) => (query.state.status === 'error' ? 30_000 : false),
  });
}

/** "admin@example.org" or "token “Room wall”": who the header says is signed in. */
export function describePrincipal(me: SignedIn): string {
  return me.user.kind === 'user' ? me.user.email : `token “${me.user.name}”`;
}

/**
 * Drops everything cached for the previous caller except `me` itself: the session gate observes
 * that query, and an observer of a removed query would never hear the new answer.
 */
function forgetCallerData(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
}

/** A new session: nothing cached for the previous caller survives. */
function beginSession(client: QueryClient, me: MeResponse): void {
  forgetCallerData(client);
  client.setQueryData(queryKeys.me, me);
}

/** After the server set the session cookie: drop any wall token (the person, not the wall, is now asking) and ask who we are. */
async function sessionAfterCookie(): Promise<MeResponse> {
  clearWallToken();
  const me = await fetchMe();
  if (!me) throw new Error('Signed in, but the browser did not keep the session cookie. Check that the address uses the same scheme and host as the server.');
  return me;
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (request: LoginRequest) => {
      await apiRequest<LoginResponse>('/api/auth/login', { method: 'POST', json: request });
      return sessionAfterCookie();
    },
    onSuccess: (me) => beginSession(client, me),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      // A tab that shows through a token has no server session to end; forgetting the token is enough.
      if (wallToken()) return;
      try {
        await apiRequest<void>('/api/auth/logout', { method: 'POST' });
      } catch (error) {
        // Already signed out on the server: the outcome the person wanted.
        if (!(error instanceof ApiRequestError && error.isUnauthorized)) throw error;
      }
    },
    onSuccess: () => endSession(client),
  });
}

/** Forget the caller here: no CSRF token, no wall token, no cached data; the gate shows sign-in. */
export function endSession(client: QueryClient): void {
  setCsrfToken(null);
  clearWallToken();
  forgetCallerData(client);
  client.setQueryData(queryKeys.me, null);
}

export function useSetupStatus() {
  return useQuery({
    queryKey: queryKeys.setup,
    queryFn: ({ signal }) => apiGet<SetupStatus>('/api/auth/setup', undefined, signal),
    staleTime: 60_000,
  });
}

export function useCompleteSetup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (request: SetupRequest) => {
      await apiRequest<LoginResponse>('/api/auth/setup', { method: 'POST', json: request });
      return sessionAfterCookie();
    },
    onSuccess: (me) => beginSession(client, me),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (request: ChangePasswordRequest) => apiRequest<void>('/api/auth/password', { method: 'POST', json: request }),
  });
}
