/**
 * The wall's bearer token. A wall screen opens `/wall?token=…`; the token is taken out of the
 * address bar at once (so it does not linger in history, bookmarks or over-the-shoulder photos of
 * the screen) and kept in this tab's sessionStorage, where a reload finds it again. The API client
 * and the socket both read it from here. Only `/wall` captures it: `/setup?token=` is a different
 * token and belongs to the setup page.
 */
export const WALL_TOKEN_KEY = 'sentinel.wallToken';
const WALL_PATH = '/wall';

/** What capture needs of `window`, so a unit test can hand in a stand-in. */
export interface WallTokenEnvironment {
  location: { href: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string | URL | null): void };
  sessionStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

// Kept in memory too: storage can be disabled (private windows, kiosk policies) and the wall must still work.
let current: string | null = null;
let loaded = false;

function browserEnvironment(): WallTokenEnvironment | null {
  return typeof window === 'undefined' ? null : window;
}

function storageOf(env: WallTokenEnvironment | null): WallTokenEnvironment['sessionStorage'] | null {
  try {
    return env?.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * Moves `?token=` of a `/wall` URL into session storage and rewrites the URL without it (other
 * query parameters and the hash stay). Call once, before the first request. Returns the token in
 * use afterwards, new or stored earlier.
 */
export function captureWallToken(env: WallTokenEnvironment | null = browserEnvironment()): string | null {
  if (!env) return null;
  const url = new URL(env.location.href);
  const isWall = (url.pathname.replace(/\/+$/, '') || '/') === WALL_PATH;
  if (isWall && url.searchParams.has('token')) {
    const token = url.searchParams.get('token')?.trim() ?? '';
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    if (token) setWallToken(token, env);
  }
  return wallToken(env);
}

/** The token this tab sends, or null when it relies on the session cookie (or nothing). */
export function wallToken(env: WallTokenEnvironment | null = browserEnvironment()): string | null {
  if (!loaded) {
    loaded = true;
    try {
      current = storageOf(env)?.getItem(WALL_TOKEN_KEY) ?? null;
    } catch {
      current = null;
    }
  }
  return current;
}

export function setWallToken(token: string, env: WallTokenEnvironment | null = browserEnvironment()): void {
  current = token;
  loaded = true;
  try {
    storageOf(env)?.setItem(WALL_TOKEN_KEY, token);
  } catch {
    // Storage refused: the token lives in memory until the tab closes or reloads.
  }
}

/** Forgets the token (after a person signs in in this tab, or chooses to). */
export function clearWallToken(env: WallTokenEnvironment | null = browserEnvironment()): void {
  current = null;
  loaded = true;
  try {
    storageOf(env)?.removeItem(WALL_TOKEN_KEY);
  } catch {
    // Nothing stored, nothing to remove.
  }
}

/** For tests: forget what was read, so the next call reads storage again. */
export function resetWallTokenMemory(): void {
  current = null;
  loaded = false;
}
