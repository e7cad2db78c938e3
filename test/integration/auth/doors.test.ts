import * as http from 'node:http';
import { ServerProcess } from '../../support/server-process';
import { type RunningApp, startTestApp, testConfig, testDatabase, type TestDatabase, TEST_DATABASE } from '../../support/harness';

/** A raw GET with a Host header of our choosing (fetch will not let us set one). */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/api/health`, { headers: { host } }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

describe(`headers, hosts and the first admin (${TEST_DATABASE})`, () => {
  let db: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
  });

  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('sends security headers on every response, errors included', async () => {
    for (const response of [await fetch(`${app.url}/api/health`), await fetch(`${app.url}/api/feeds`), await fetch(`${app.url}/wall`)]) {
      const csp = response.headers.get('content-security-policy') ?? '';
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc).toBe("'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('refuses Host headers it was not given (DNS rebinding) and answers loopback names', async () => {
    const refused = await getWithHost(app.url, 'attacker.example');
    expect(refused.status).toBe(421);
    expect(JSON.parse(refused.body).message).toMatch(/ALLOWED_HOSTS/);
    expect((await getWithHost(app.url, 'localhost:3000')).status).toBe(200);
    expect((await getWithHost(app.url, '127.0.0.1')).status).toBe(200);
  });

  it('answers the names in ALLOWED_HOSTS and PUBLIC_URL, and embeds walls where FRAME_ANCESTORS allows', async () => {
    const other = testDatabase();
    const configured = await startTestApp(testConfig(other, { POLLING_ENABLED: 'false', PUBLIC_URL: 'https://wire.example.org', ALLOWED_HOSTS: 'wall.room.lan', FRAME_ANCESTORS: 'https://intranet.example.org' }));
    try {
      expect((await getWithHost(configured.url, 'wall.room.lan:3000')).status).toBe(200);
      expect((await getWithHost(configured.url, 'wire.example.org')).status).toBe(421); // an explicit list replaces the default
      expect((await getWithHost(configured.url, 'attacker.example')).status).toBe(421);
      const response = await fetch(`${configured.url}/api/health`);
      expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors https:\/\/intranet\.example\.org/);
      expect(response.headers.get('x-frame-options')).toBeNull();
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
    } finally {
      await configured.close();
      await other.cleanup();
    }
  });

  it('without ADMIN_EMAIL, prints a one-time setup link that creates the first admin once', async () => {
    const fresh = testDatabase();
    const server = new ServerProcess({ ...testConfigEnv(fresh.env) });
    try {
      const url = await server.start();
      const link = await waitForOutput(server, /(http:\/\/\S+\/setup\?token=([\w-]+))/);
      const token = new URL(link).searchParams.get('token')!;
      expect(await (await fetch(`${url}/api/auth/setup`)).json()).toEqual({ needed: true });
      expect((await fetch(`${url}/api/feeds`)).status).toBe(401);
      const post = (body: unknown) => fetch(`${url}/api/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post({ token: 'guessed', email: 'first@sentinel.test', password: 'first-admin-password' })).status).toBe(403);
      expect((await post({ token, email: 'first@sentinel.test', password: 'short' })).status).toBe(400);
      const done = await post({ token, email: 'first@sentinel.test', password: 'first-admin-password' });
      expect(done.status).toBe(200);
      expect(await done.json()).toMatchObject({ user: { email: 'first@sentinel.test', role: 'admin' } });
      const cookie = (done.headers.get('set-cookie') ?? '').split(';')[0];
      expect((await fetch(`${url}/api/users`, { headers: { cookie } })).status).toBe(200);
      expect((await post({ token, email: 'second@sentinel.test', password: 'second-admin-password' })).status).toBe(409);
      expect(await (await fetch(`${url}/api/auth/setup`)).json()).toEqual({ needed: false });
      expect(server.output).not.toContain('first-admin-password');
    } finally {
      await server.stop('SIGTERM');
      await fresh.cleanup();
    }
  }, 30_000);
});

function testConfigEnv(dbEnv: Record<string, string>): Record<string, string> {
  return { PORT: '0', HOST: '127.0.0.1', DEFAULT_FEEDS: 'none', POLLING_ENABLED: 'false', ...dbEnv };
}

async function waitForOutput(server: ServerProcess, pattern: RegExp): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const match = pattern.exec(server.output);
    if (match) return match[1];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${pattern} in the server output:\n${server.output}`);
}
