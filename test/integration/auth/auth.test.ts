import type { ApiToken, AuditEntry, Feed, MeResponse, Page, Story, User } from '@sentinel/shared';
import { Database } from '../../../server/src/database/database';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { rss } from '../../support/feed-documents';
import { ApiClient, type RunningApp, signIn, startTestApp, testConfig, testDatabase, type TestDatabase, TEST_ADMIN, TEST_DATABASE } from '../../support/harness';

describe(`accounts, sessions and tokens (${TEST_DATABASE})`, () => {
  let db: TestDatabase;
  let app: RunningApp;
  let newsroom: FeedTestServer;

  beforeAll(async () => {
    newsroom = await startFeedServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rss('Desk', [
          { title: 'Clashes in Aleppo countryside', description: 'Fighting near Aleppo in Syria.', guid: 'a', link: 'https://news.example/a', pubDate: new Date() },
          { title: 'Floods in Lagos', description: 'Heavy rain flooded Lagos, Nigeria.', guid: 'b', link: 'https://news.example/b', pubDate: new Date() },
        ]),
      ),
    );
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    const feed = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/rss.xml` })).body;
    await app.api('POST', `/api/feeds/${feed.id}/poll`);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  const login = (email: string, password: string, headers: Record<string, string> = {}) => app.anonymous.api<{ user: User }>('POST', '/api/auth/login', { email, password }, headers);

  it('signs in with an httpOnly SameSite=Lax cookie, says who is signed in, and signs out', async () => {
    const answer = await login(TEST_ADMIN.email.toUpperCase(), TEST_ADMIN.password);
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({ email: TEST_ADMIN.email, role: 'admin' });
    const cookie = answer.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sw_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // served over plain http here
    const client = await signIn(app.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const me = await client.api<MeResponse>('GET', '/api/auth/me');
    expect(me.body).toEqual({ user: { kind: 'user', id: expect.any(Number), email: TEST_ADMIN.email, role: 'admin' }, csrfToken: expect.stringMatching(/^[\w-]{40,}$/) });
    expect((await client.api('POST', '/api/auth/logout')).status).toBe(204);
    expect((await client.api('GET', '/api/auth/me')).status).toBe(401);
  });

  it('refuses a wrong password or an unknown account with the same 401', async () => {
    const wrong = await login(TEST_ADMIN.email, 'not-the-password');
    const unknown = await login('nobody@sentinel.test', 'not-the-password');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
    expect(JSON.stringify(wrong.body)).not.toContain('not-the-password');
  });

  it('locks an account after repeated failures with 429 and Retry-After, and a success resets the count', async () => {
    const analyst = await app.as('analyst', 'lockout@sentinel.test');
    const password = 'password-of-lockout@sentinel.test';
    // Four failures, then a success: the count starts again.
    for (let i = 0; i < 4; i++) expect((await login('lockout@sentinel.test', 'wrong-password')).status).toBe(401);
    expect((await login('lockout@sentinel.test', password)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login('lockout@sentinel.test', 'wrong-password')).status).toBe(401);
    // The fifth failure in a row locks the account; even the right password waits now.
    expect((await login('lockout@sentinel.test', 'wrong-password')).status).toBe(401);
    const locked = await login('lockout@sentinel.test', password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((locked.body as unknown as { message: string }).message).toMatch(/try again in \d+ minute/);
    // Sessions already open are not affected.
    expect((await analyst.api('GET', '/api/auth/me')).status).toBe(200);
  });

  it('requires the X-CSRF-Token header on unsafe requests made with the cookie, but not with a bearer token', async () => {
    const admin = app.admin;
    if (admin.credentials.kind !== 'session') throw new Error('admin signs in with a session');
    const cookieOnly = { cookie: admin.credentials.cookie };
    const noHeader = await fetch(`${app.url}/api/users`, { method: 'POST', headers: { ...cookieOnly, 'content-type': 'application/json' }, body: JSON.stringify({ email: 'csrf@sentinel.test', password: 'long-enough-password', role: 'viewer' }) });
    expect(noHeader.status).toBe(403);
    expect((await noHeader.json()).message).toMatch(/X-CSRF-Token/);
    const wrongHeader = await fetch(`${app.url}/api/users`, { method: 'POST', headers: { ...cookieOnly, 'x-csrf-token': 'guess', 'content-type': 'application/json' }, body: '{}' });
    expect(wrongHeader.status).toBe(403);
    // Reads need no header.
    expect((await fetch(`${app.url}/api/users`, { headers: cookieOnly })).status).toBe(200);
    const integration = await app.withToken({ name: 'Ingest bot', role: 'admin' });
    expect((await integration.api<User>('POST', '/api/users', { email: 'bot-made@sentinel.test', password: 'long-enough-password', role: 'viewer' })).status).toBe(201);
  });

  it('keeps sessions and tokens across a restart, and signs out a session once it expires', async () => {
    let viewer = await app.as('viewer');
    let wall: ApiClient = await app.withToken({ name: 'Restart wall', role: 'wall' });
    await app.close();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    viewer = new ApiClient(app.url, viewer.credentials);
    wall = new ApiClient(app.url, wall.credentials);
    expect((await viewer.api('GET', '/api/auth/me')).status).toBe(200);
    expect((await wall.api('GET', '/api/stories')).status).toBe(200);
    const database = app.app.get(Database);
    await database.dataSource.query('UPDATE sessions SET expires_at = 1 WHERE user_id = $1'.replace('$1', String((viewer.credentials as { userId: number }).userId)));
    expect((await viewer.api('GET', '/api/auth/me')).status).toBe(401);
  });

  it('lets admins manage users, and nobody delete or demote the last admin', async () => {
    const created = await app.api<User>('POST', '/api/users', { email: ' New.Analyst@Sentinel.test ', password: 'a-long-password-1', role: 'analyst' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new.analyst@sentinel.test', role: 'analyst' });
    expect(JSON.stringify(created.body)).not.toMatch(/hash|password/i);
    expect((await app.api('POST', '/api/users', { email: 'new.analyst@sentinel.test', password: 'a-long-password-1', role: 'analyst' })).status).toBe(409);
    const short = await app.api<{ message: string }>('POST', '/api/users', { email: 'short@sentinel.test', password: 'short', role: 'viewer' });
    expect([short.status, short.body.message]).toEqual([400, 'password must be at least 12 characters']);
    expect((await app.api('POST', '/api/users', { email: 'x@sentinel.test', password: 'a-long-password-1', role: 'root' })).status).toBe(400);
    const promoted = await app.api<User>('PATCH', `/api/users/${created.body.id}`, { role: 'viewer' });
    expect(promoted.body.role).toBe('viewer');
    const list = await app.api<User[]>('GET', '/api/users');
    expect(list.body.map((u) => u.email)).toContain('new.analyst@sentinel.test');
    const adminId = (app.admin.credentials as { userId: number }).userId;
    const admins = list.body.filter((u) => u.role === 'admin');
    if (admins.length === 1) {
      expect((await app.api('DELETE', `/api/users/${adminId}`)).status).toBe(409);
      expect((await app.api('PATCH', `/api/users/${adminId}`, { role: 'viewer' })).status).toBe(409);
    }
    expect((await app.api('DELETE', `/api/users/${created.body.id}`)).status).toBe(204);
    expect((await app.api('GET', `/api/users/${created.body.id}`)).status).toBe(404);
  });

  it('lets a person change their own password (with the current one), which ends their other sessions', async () => {
    const email = 'changer@sentinel.test';
    const first = await app.as('viewer', email);
    const second = await signIn(app.url, email, `password-of-${email}`);
    const id = (first.credentials as { userId: number }).userId;
    const wrong = await first.api<{ message: string }>('POST', '/api/auth/password', { currentPassword: 'nope', newPassword: 'a-brand-new-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/currentPassword/);
    expect((await first.api('PATCH', `/api/users/${id}`, { password: 'a-brand-new-password' })).status).toBe(400);
    expect((await first.api('PATCH', `/api/users/${id}`, { role: 'admin' })).status).toBe(403);
    expect((await first.api('POST', '/api/auth/password', { currentPassword: `password-of-${email}`, newPassword: 'a-brand-new-password' })).status).toBe(204);
    expect((await first.api('GET', '/api/auth/me')).status).toBe(200);
    expect((await second.api('GET', '/api/auth/me')).status).toBe(401);
    expect((await login(email, `password-of-${email}`)).status).toBe(401);
    expect((await login(email, 'a-brand-new-password')).status).toBe(200);
  });

  it('issues a token once, lists it without the secret but with its last use, and revokes it at once', async () => {
    const created = await app.api<{ id: number; token: string }>('POST', '/api/tokens', { name: 'Ops wall 1', role: 'wall' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^swt_[\w-]{40,}$/);
    const wall = new ApiClient(app.url, { kind: 'bearer', token: created.body.token, tokenId: created.body.id, role: 'wall' });
    expect((await wall.api('GET', '/api/stories')).status).toBe(200);
    expect((await wall.api('GET', '/api/feeds')).status).toBe(403);
    expect((await wall.api('POST', '/api/feeds', { url: 'https://example.org/rss' })).status).toBe(403);
    const listed = (await app.api<ApiToken[]>('GET', '/api/tokens')).body.find((t) => t.id === created.body.id)!;
    expect(listed).toMatchObject({ name: 'Ops wall 1', role: 'wall', regions: [], topics: [], lastUsedAt: expect.any(String) });
    expect(JSON.stringify(listed)).not.toContain(created.body.token.slice(4, 20));
    expect(JSON.stringify(listed)).not.toMatch(/hash/i);
    expect((await app.api('DELETE', `/api/tokens/${created.body.id}`)).status).toBe(204);
    const after = await wall.api<{ message: string }>('GET', '/api/stories');
    expect(after.status).toBe(401);
    expect(after.body.message).toMatch(/token/);
    expect((await app.api('POST', '/api/tokens', { name: 'x', role: 'wall', expiresAt: '2001-01-01T00:00:00Z' })).status).toBe(400);
    expect((await app.api('POST', '/api/tokens', { name: 'x', role: 'wall', regions: ['atlantis'] })).status).toBe(400);
    expect((await app.api('POST', '/api/tokens', { name: 'x', role: 'superuser' })).status).toBe(400);
  });

  it('shows a wall token scoped to a region only the stories of that region', async () => {
    const wall = await app.withToken({ name: 'Levant wall', role: 'wall', regions: ['SY'] });
    const everything = (await app.api<Page<Story>>('GET', '/api/stories')).body.items;
    const scoped = (await wall.api<Page<Story>>('GET', '/api/stories')).body.items;
    expect(everything.map((s) => s.title).sort()).toEqual(['Clashes in Aleppo countryside', 'Floods in Lagos']);
    expect(scoped.map((s) => s.title)).toEqual(['Clashes in Aleppo countryside']);
    // Asking for another region inside a scoped token shows nothing, not everything.
    expect((await wall.api<Page<Story>>('GET', '/api/stories?region=NG')).body.items).toEqual([]);
    const lagos = everything.find((s) => s.title === 'Floods in Lagos')!;
    expect((await wall.api('GET', `/api/stories/${lagos.id}`)).status).toBe(404);
    expect((await app.api('GET', `/api/stories/${lagos.id}`)).status).toBe(200);
  });

  it('answers anonymous health checks with the status only', async () => {
    const anonymous = await app.anonymous.api('GET', '/api/health');
    expect(anonymous).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(Object.keys(anonymous.body as object)).toEqual(['status']);
    expect((await app.api<{ feeds: unknown }>('GET', '/api/health')).body.feeds).toBeDefined();
  });

  it('records who created, changed and deleted users, tokens and feeds in the audit log', async () => {
    const token = await app.api<{ id: number }>('POST', '/api/tokens', { name: 'Audited wall', role: 'wall' });
    await app.api('DELETE', `/api/tokens/${token.body.id}`);
    const log = (await app.api<Page<AuditEntry>>('GET', '/api/audit?limit=200')).body.items;
    const actions = log.map((e) => `${e.action} by ${e.actor}`);
    expect(actions).toEqual(expect.arrayContaining([`token.create by ${TEST_ADMIN.email}`, `token.revoke by ${TEST_ADMIN.email}`, `user.create by ${TEST_ADMIN.email}`, `user.delete by ${TEST_ADMIN.email}`]));
    expect(log.find((e) => e.action === 'token.create' && e.subjectId === token.body.id)?.detail).toContain('Audited wall');
    // Newest first, and paged.
    const page = await app.api<Page<AuditEntry>>('GET', '/api/audit?limit=2');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.items[0].id).toBeGreaterThan(page.body.items[1].id);
    const next = await app.api<Page<AuditEntry>>('GET', `/api/audit?limit=2&cursor=${page.body.nextCursor}`);
    expect(next.body.items[0].id).toBeLessThan(page.body.items[1].id);
  });
});
