import { captureWallToken, clearWallToken, resetWallTokenMemory, WALL_TOKEN_KEY, wallToken, type WallTokenEnvironment } from './wall-token';

/** A stand-in for window: an address bar that records replaceState, and a session storage. */
function fakeWindow(href: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const env: WallTokenEnvironment = {
    location: { href },
    history: {
      state: { kept: true },
      replaceState: (_state, _unused, url) => {
        replaced.push(String(url));
        env.location.href = new URL(String(url), href).href;
      },
    },
    sessionStorage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
      removeItem: (key) => void storage.delete(key),
    },
  };
  return { env, storage, replaced };
}

describe('wall token capture', () => {
  beforeEach(() => resetWallTokenMemory());

  it('moves ?token= of /wall into session storage and out of the address bar, keeping the other parameters and the hash', () => {
    const { env, storage, replaced } = fakeWindow('https://wire.example/wall?regions=SY,IQ&token=sw_abc123&rotate=60#top');
    expect(captureWallToken(env)).toBe('sw_abc123');
    expect(storage.get(WALL_TOKEN_KEY)).toBe('sw_abc123');
    expect(replaced).toEqual(['/wall?regions=SY%2CIQ&rotate=60#top']);
    expect(env.location.href).not.toContain('sw_abc123');
    expect(wallToken(env)).toBe('sw_abc123');
  });

  it('finds the stored token again after a reload, when the address no longer has it', () => {
    const { env, replaced } = fakeWindow('https://wire.example/wall?view=map', { [WALL_TOKEN_KEY]: 'sw_stored' });
    expect(captureWallToken(env)).toBe('sw_stored');
    expect(replaced).toEqual([]);
  });

  it('replaces an older stored token with the one in the new wall link', () => {
    const { env, storage } = fakeWindow('https://wire.example/wall/?token=sw_new', { [WALL_TOKEN_KEY]: 'sw_old' });
    expect(captureWallToken(env)).toBe('sw_new');
    expect(storage.get(WALL_TOKEN_KEY)).toBe('sw_new');
  });

  it('leaves the setup link alone: /setup?token= is the one-time setup token, not a wall token', () => {
    const { env, storage, replaced } = fakeWindow('https://wire.example/setup?token=setup-secret');
    expect(captureWallToken(env)).toBeNull();
    expect(storage.size).toBe(0);
    expect(replaced).toEqual([]);
    expect(env.location.href).toContain('token=setup-secret');
  });

  it('strips an empty ?token= without storing anything', () => {
    const { env, storage, replaced } = fakeWindow('https://wire.example/wall?token=&theme=light');
    expect(captureWallToken(env)).toBeNull();
    expect(storage.size).toBe(0);
    expect(replaced).toEqual(['/wall?theme=light']);
  });

  it('still works when session storage refuses to store (the token stays in memory)', () => {
    const { env, replaced } = fakeWindow('https://wire.example/wall?token=sw_memory');
    env.sessionStorage.setItem = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    expect(captureWallToken(env)).toBe('sw_memory');
    expect(replaced).toEqual(['/wall']);
  });

  it('forgets the token when cleared (a person signed in in this tab)', () => {
    const { env, storage } = fakeWindow('https://wire.example/wall?token=sw_gone');
    captureWallToken(env);
    clearWallToken(env);
    expect(wallToken(env)).toBeNull();
    expect(storage.has(WALL_TOKEN_KEY)).toBe(false);
    resetWallTokenMemory();
    expect(wallToken(env)).toBeNull();
  });
});
