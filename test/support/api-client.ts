import type { LoginResponse, MeResponse, TokenRole, UserRole } from '@sentinel/shared';

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export type Credentials = { kind: 'anonymous' } | { kind: 'session'; cookie: string; csrfToken: string; email: string; userId: number; role: UserRole } | { kind: 'bearer'; token: string; tokenId: number; role: TokenRole };

/**
 * HTTP to the running app as one caller: anonymous, a signed-in person (session cookie, and the
 * CSRF header on unsafe methods, as the browser client sends them) or a bearer token.
 */
export class ApiClient {
  constructor(
    readonly url: string,
    readonly credentials: Credentials = { kind: 'anonymous' },
  ) {}

  async api<T = unknown>(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...this.authHeaders(method), ...headers }, redirect: 'manual' };
    if (body !== undefined) {
      if (typeof body === 'string') init.body = body;
      else {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
    }
    const response = await fetch(this.url + route, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  /** The headers this caller sends: the cookie (plus X-CSRF-Token on unsafe methods) or the bearer token. */
  authHeaders(method = 'GET'): Record<string, string> {
    const c = this.credentials;
    if (c.kind === 'session') {
      const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
      return unsafe ? { cookie: c.cookie, 'x-csrf-token': c.csrfToken } : { cookie: c.cookie };
    }
    if (c.kind === 'bearer') return { authorization: `Bearer ${c.token}` };
    return {};
  }

  /** socket.io-client options that authenticate this caller (cookie header or `auth.token`). */
  socketOptions(auth: Record<string, unknown> = {}): { auth: Record<string, unknown>; extraHeaders?: Record<string, string> } {
    const c = this.credentials;
    if (c.kind === 'bearer') return { auth: { ...auth, token: c.token } };
    if (c.kind === 'session') return { auth, extraHeaders: { cookie: c.cookie } };
    return { auth };
  }
}

/** Signs in through the real login route and returns a client carrying the session. */
export async function signIn(url: string, email: string, password: string): Promise<ApiClient> {
  const response = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (response.status !== 200) throw new Error(`sign-in as ${email} answered ${response.status}: ${await response.text()}`);
  const { user } = (await response.json()) as LoginResponse;
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0];
  const me = await fetch(`${url}/api/auth/me`, { headers: { cookie } });
  const { csrfToken } = (await me.json()) as MeResponse;
  return new ApiClient(url, { kind: 'session', cookie, csrfToken: csrfToken ?? '', email: user.email, userId: user.id, role: user.role });
}
