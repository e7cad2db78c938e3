import { apiRequest, authHeaders, onUnauthorized, parseRetryAfter, setCsrfToken } from './api-client';
import { clearWallToken, resetWallTokenMemory, setWallToken } from './wall-token';

describe('authHeaders', () => {
  const session = { bearerToken: null, csrfToken: 'csrf-1' };

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])('sends the CSRF token on %s', (method) => {
    expect(authHeaders(method, session)).toEqual({ 'X-CSRF-Token': 'csrf-1' });
  });

  it.each(['GET', 'HEAD', 'OPTIONS'])('sends no CSRF token on %s', (method) => {
    expect(authHeaders(method, session)).toEqual({});
  });

  it('sends nothing on an unsafe method before /me handed out a CSRF token', () => {
    expect(authHeaders('POST', { bearerToken: null, csrfToken: null })).toEqual({});
  });

  it('sends the bearer token, and no CSRF token, when the tab is a wall', () => {
    expect(authHeaders('GET', { bearerToken: 'sw_wall', csrfToken: null })).toEqual({ Authorization: 'Bearer sw_wall' });
    expect(authHeaders('POST', { bearerToken: 'sw_wall', csrfToken: 'csrf-1' })).toEqual({ Authorization: 'Bearer sw_wall' });
  });
});

describe('apiRequest', () => {
  const realFetch = globalThis.fetch;
  let calls: { url: string; init: RequestInit }[];
  let answer: () => Response;

  beforeEach(() => {
    calls = [];
    answer = () => new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'content-type': 'application/json' } });
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer();
    }) as typeof fetch;
    resetWallTokenMemory();
    clearWallToken(null);
    setCsrfToken('csrf-xyz');
  });

  afterAll(() => {
    globalThis.fetch = realFetch;
    setCsrfToken(null);
  });

  const headersOf = (index: number) => calls[index].init.headers as Record<string, string>;

  it('sends the same-origin cookie, and the CSRF header on unsafe methods only', async () => {
    await apiRequest('/api/feeds');
    await apiRequest('/api/feeds', { method: 'POST', json: { url: 'https://example.org/rss' } });
    await apiRequest('/api/feeds/3', { method: 'DELETE' });
    expect(calls.map((call) => call.init.credentials)).toEqual(['same-origin', 'same-origin', 'same-origin']);
    expect(headersOf(0)['X-CSRF-Token']).toBeUndefined();
    expect(headersOf(1)['X-CSRF-Token']).toBe('csrf-xyz');
    expect(headersOf(2)['X-CSRF-Token']).toBe('csrf-xyz');
  });

  it("sends a wall's token as a bearer token on every call", async () => {
    setWallToken('sw_room', null);
    await apiRequest('/api/stories');
    expect(headersOf(0).Authorization).toBe('Bearer sw_room');
    clearWallToken(null);
  });

  it('tells listeners about a 401, except from the auth routes (a wrong password is not a lost session)', async () => {
    const seen: string[] = [];
    const off = onUnauthorized((url) => seen.push(url));
    answer = () => new Response(JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'Sign in first' }), { status: 401 });
    await expect(apiRequest('/api/feeds')).rejects.toMatchObject({ statusCode: 401, message: 'Sign in first' });
    await expect(apiRequest('/api/auth/login', { method: 'POST', json: {} })).rejects.toMatchObject({ statusCode: 401 });
    off();
    expect(seen).toEqual(['/api/feeds']);
  });

  it('keeps Retry-After of a 429 on the error', async () => {
    answer = () =>
      new Response(JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: 'Too many attempts' }), { status: 429, headers: { 'Retry-After': '600' } });
    await expect(apiRequest('/api/auth/login', { method: 'POST', json: {} })).rejects.toMatchObject({ statusCode: 429, retryAfterSeconds: 600 });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-31T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Sat, 31 Jan 2026 12:05:00 GMT', now)).toBe(300);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
