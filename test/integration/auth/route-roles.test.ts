import type { Role } from '@sentinel/shared';
import { ROLE_RANK } from '@sentinel/shared';
import { ApiClient, type RunningApp, startTestApp, testConfig, testDatabase, type TestDatabase, TEST_DATABASE, waitFor } from '../../support/harness';
import { declaredRoutes } from '../../support/routes';

/**
 * Every route × every kind of caller. The table names the least role each route needs; a route
 * the application registers but the table does not list fails the test, so a new route cannot
 * slip in unguarded. "allowed" means neither 401 nor 403 (a 400 for the empty body or a 404 for
 * the made-up id is the route doing its job).
 */
type Level = Role | 'public';
const ROUTES: Record<string, Level> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'GET /api/auth/setup': 'public',
  'POST /api/auth/setup': 'public',
  'GET /api/auth/me': 'wall',
  'POST /api/auth/password': 'viewer',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'GET /api/users/:id': 'admin',
  // Open to every person for their own password; another user's id needs admin (see PROBED_AS).
  'PATCH /api/users/:id': 'viewer',
  'DELETE /api/users/:id': 'admin',
  'GET /api/tokens': 'admin',
  'POST /api/tokens': 'admin',
  'DELETE /api/tokens/:id': 'admin',
  'GET /api/audit': 'admin',
  'GET /api/stories': 'wall',
  'GET /api/stories/:id': 'wall',
  'GET /api/clusters': 'wall',
  'GET /api/clusters/:id': 'wall',
  'POST /api/clusters/:id/merge': 'analyst',
  'POST /api/clusters/:id/split': 'analyst',
  'GET /api/publisher-families': 'viewer',
  'PUT /api/publisher-families/:outlet': 'admin',
  'DELETE /api/publisher-families/:outlet': 'admin',
  'GET /api/taxonomy': 'wall',
  'GET /api/stats/volume': 'wall',
  'GET /api/feeds': 'viewer',
  'GET /api/feeds/:id': 'viewer',
  'POST /api/feeds': 'admin',
  'PATCH /api/feeds/:id': 'admin',
  'DELETE /api/feeds/:id': 'admin',
  'POST /api/feeds/:id/poll': 'admin',
  'GET /api/opml': 'admin',
  'POST /api/opml': 'admin',
  'GET /api/tagging/rules': 'admin',
  'PUT /api/tagging/rules': 'admin',
  'GET /api/tagging/retag': 'admin',
  'POST /api/tagging/retag': 'admin',
  'GET /api/alerts': 'wall',
  'POST /api/alerts/:id/acknowledge': 'analyst',
  'GET /api/alerts/rules': 'analyst',
  'POST /api/alerts/rules': 'analyst',
  'POST /api/alerts/rules/validate': 'analyst',
  'POST /api/alerts/rules/preview': 'analyst',
  'GET /api/alerts/rules/:id': 'analyst',
  'PATCH /api/alerts/rules/:id': 'analyst',
  'DELETE /api/alerts/rules/:id': 'analyst',
  'POST /api/alerts/rules/:id/snooze': 'analyst',
  'POST /api/alerts/rules/:id/mute': 'analyst',
  'GET /api/alerts/channels': 'analyst',
  'POST /api/alerts/channels': 'analyst',
  'PATCH /api/alerts/channels/:id': 'analyst',
  'DELETE /api/alerts/channels/:id': 'analyst',
  // Last: it ends the caller's session.
  'POST /api/auth/logout': 'wall',
};

/** Routes whose service narrows the declared role for what the probe asks (here: changing another user). */
const PROBED_AS: Record<string, Level> = { 'PATCH /api/users/:id': 'admin' };

type Caller = 'anonymous' | 'viewer' | 'analyst' | 'admin' | 'wall' | 'revoked token' | 'expired token';

function expected(level: Level, caller: Caller): 'allowed' | 401 | 403 {
  if (level === 'public') return 'allowed';
  if (caller === 'anonymous' || caller === 'revoked token' || caller === 'expired token') return 401;
  return ROLE_RANK[caller] >= ROLE_RANK[level] ? 'allowed' : 403;
}

describe(`every route × every caller (${TEST_DATABASE})`, () => {
  let db: TestDatabase;
  let app: RunningApp;
  const callers = {} as Record<Caller, ApiClient>;

  beforeAll(async () => {
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    callers.anonymous = app.anonymous;
    callers.viewer = await app.as('viewer');
    callers.analyst = await app.as('analyst');
    callers.admin = app.admin;
    callers.wall = await app.withToken({ name: 'Room wall', role: 'wall' });
    const revoked = await app.withToken({ name: 'Old wall', role: 'wall' });
    expect((await app.api('DELETE', `/api/tokens/${revoked.tokenId}`)).status).toBe(204);
    callers['revoked token'] = revoked;
    const expiring = await app.withToken({ name: 'Short wall', role: 'wall', expiresAt: new Date(Date.now() + 1500).toISOString() });
    callers['expired token'] = expiring;
    await waitFor(async () => (await expiring.api('GET', '/api/stories')).status === 401, 5000);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  it('lists every route the application registers, and each declares who may use it', () => {
    const declared = declaredRoutes(app.app);
    expect(declared.filter((r) => !r.access).map((r) => r.key)).toEqual([]);
    expect(declared.map((r) => r.key).sort()).toEqual(Object.keys(ROUTES).sort());
    for (const route of declared) expect([route.key, route.access]).toEqual([route.key, ROUTES[route.key]]);
  });

  for (const caller of ['anonymous', 'viewer', 'analyst', 'wall', 'revoked token', 'expired token', 'admin'] as Caller[]) {
    it(`answers ${caller} on every route as the table says`, async () => {
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const [key, level] of Object.entries(ROUTES)) {
        const [method, path] = key.split(' ');
        // An id nobody has, except for a user: the admin's own id 1 probes "another user" for the others.
        const route = path.replace('/api/users/:id', '/api/users/1').replace(':id', '999999');
        const body = method === 'GET' || method === 'DELETE' ? undefined : method === 'POST' && path === '/api/opml' ? '<opml/>' : {};
        const headers: Record<string, string> = path === '/api/opml' && method === 'POST' ? { 'content-type': 'text/xml' } : {};
        const answer = await callers[caller].api(method, route, body, headers);
        const outcome = answer.status === 401 || answer.status === 403 ? answer.status : 'allowed';
        if (answer.status >= 500) throw new Error(`${key} as ${caller} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        seen.push(`${key} → ${outcome}`);
        wanted.push(`${key} → ${expected(PROBED_AS[key] ?? level, caller)}`);
      }
      expect(seen).toEqual(wanted);
    }, 60_000);
  }
});
