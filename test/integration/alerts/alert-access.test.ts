import type { Alert, AlertChannel, AlertRule, ApiError, AuditEntry, Feed, Page } from '@sentinel/shared';
import { rss, type TestItem } from '../../support/feed-documents';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { type ApiClient, type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

/** Ownership of rules and channels, who reads which alerts, and how channels are checked when saved. */
describe(`alerts per user (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let receiver: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  let feed: Feed;
  let alice: ApiClient;
  let bob: ApiClient;
  let viewer: ApiClient;
  let aliceHook: AlertChannel;
  let aliceRule: AlertRule;
  let adminHook: AlertChannel;
  let adminRule: AlertRule;
  const items: TestItem[] = [];
  const secret = 'a-signing-secret-of-32-characters';
  const userId = (client: ApiClient) => (client.credentials.kind === 'session' ? client.credentials.userId : -1);
  const alertsOf = async (client: ApiClient, query = '') => {
    const response = await client.api<Page<Alert>>('GET', `/api/alerts?limit=50${query}`);
    expect(response.status).toBe(200);
    return response.body.items;
  };

  beforeAll(async () => {
    newsroom = await startFeedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Wire', [...items].reverse())));
    receiver = await startFeedServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(req.url?.includes('failing') ? 500 : 200).end());
    });
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false', ALERT_RETRY_DELAYS_SEC: '1,1,1' }));
    feed = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/feed.xml` })).body;
    alice = await app.as('analyst');
    bob = await app.as('analyst');
    viewer = await app.as('viewer');
  });

  afterAll(async () => {
    await app?.close();
    await newsroom?.close();
    await receiver?.close();
    await db?.cleanup();
  });

  it('gives rules and channels an owner: analysts see and change only their own, admins all', async () => {
    const created = await alice.api<AlertChannel>('POST', '/api/alerts/channels', { type: 'webhook', name: 'Alice hook', url: `${receiver.origin}/failing/alice-hook`, secret });
    expect(created.status).toBe(201);
    aliceHook = created.body;
    expect(aliceHook.ownerId).toBe(userId(alice));
    const rule = await alice.api<AlertRule>('POST', '/api/alerts/rules', { name: 'Alice escapes', query: 'escape*', channels: [aliceHook.id], cooldownSec: 0 });
    expect(rule.status).toBe(201);
    aliceRule = rule.body;
    expect(aliceRule.ownerId).toBe(userId(alice));

    expect((await alice.api<AlertRule[]>('GET', '/api/alerts/rules')).body.map((r) => r.id)).toEqual([aliceRule.id]);
    expect((await bob.api<AlertRule[]>('GET', '/api/alerts/rules')).body).toEqual([]);
    expect((await bob.api<AlertChannel[]>('GET', '/api/alerts/channels')).body).toEqual([]);

    // Another analyst's rule or channel answers exactly like one that does not exist.
    const hidden = `alert rule ${aliceRule.id} does not exist`;
    for (const [method, route, body] of [
      ['GET', `/api/alerts/rules/${aliceRule.id}`, undefined],
      ['PATCH', `/api/alerts/rules/${aliceRule.id}`, { name: 'Mine now' }],
      ['POST', `/api/alerts/rules/${aliceRule.id}/snooze`, { minutes: 60 }],
      ['POST', `/api/alerts/rules/${aliceRule.id}/mute`, { muted: true }],
      ['DELETE', `/api/alerts/rules/${aliceRule.id}`, undefined],
    ] as const) {
      const response = await bob.api<ApiError>(method, route, body);
      expect([method, route, response.status, response.body.message]).toEqual([method, route, 404, hidden]);
    }
    expect((await bob.api<ApiError>('PATCH', `/api/alerts/channels/${aliceHook.id}`, { enabled: false })).body).toMatchObject({ statusCode: 404, message: `channel ${aliceHook.id} does not exist` });
    expect((await bob.api<ApiError>('DELETE', `/api/alerts/channels/${aliceHook.id}`)).body).toMatchObject({ statusCode: 404, message: `channel ${aliceHook.id} does not exist` });
    expect((await app.api<AlertRule>('GET', `/api/alerts/rules/${aliceRule.id}`)).body).toMatchObject({ name: 'Alice escapes', enabled: true, muted: false });

    // A rule delivers only to channels its owner may use.
    const borrowed = await bob.api<ApiError>('POST', '/api/alerts/rules', { name: 'Borrowed', query: 'escape*', channels: [aliceHook.id] });
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.message).toContain(`id ${aliceHook.id}`);

    // Admins see and change everything, but an analyst's rule still only uses that analyst's channels.
    adminHook = (await app.api<AlertChannel>('POST', '/api/alerts/channels', { type: 'webhook', name: 'Desk hook', url: `${receiver.origin}/desk-hook`, secret })).body;
    expect((await app.api<AlertRule[]>('GET', '/api/alerts/rules')).body.map((r) => r.id)).toContain(aliceRule.id);
    expect((await app.api<AlertChannel[]>('GET', '/api/alerts/channels')).body.map((c) => c.id).sort()).toEqual([aliceHook.id, adminHook.id].sort());
    expect((await app.api<AlertRule>('PATCH', `/api/alerts/rules/${aliceRule.id}`, { severity: 'critical' })).body).toMatchObject({ severity: 'critical', ownerId: userId(alice) });
    const foreign = await app.api<ApiError>('PATCH', `/api/alerts/rules/${aliceRule.id}`, { channels: [adminHook.id] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toContain(`id ${adminHook.id}`);
    const own = await app.api<AlertRule>('POST', '/api/alerts/rules', { name: 'Desk escapes', query: 'escape*', channels: [adminHook.id, aliceHook.id], cooldownSec: 0 });
    expect(own.status).toBe(201);
    adminRule = own.body;

    // Readers cannot reach rules, previews or channels at all.
    expect((await viewer.api('GET', '/api/alerts/rules')).status).toBe(403);
    expect((await viewer.api('POST', '/api/alerts/rules/preview', { query: 'escape*' })).status).toBe(403);
    expect((await viewer.api('POST', '/api/alerts/rules/validate', { query: 'escape*' })).status).toBe(403);
    expect((await viewer.api('POST', '/api/alerts/channels', { type: 'email', name: 'Relay', to: 'anyone@example.org' })).status).toBe(403);

    const audit = (await app.api<Page<AuditEntry>>('GET', '/api/audit?limit=200')).body.items;
    const actions = audit.filter((e) => e.subjectType === 'rule' || e.subjectType === 'channel').map((e) => `${e.action} ${e.subjectId}`);
    expect(actions).toEqual(expect.arrayContaining([`channel.create ${aliceHook.id}`, `rule.create ${aliceRule.id}`, `rule.update ${aliceRule.id}`, `rule.create ${adminRule.id}`]));
    // Bob's refused attempts changed nothing, so they are not in the log.
    const bobEmail = bob.credentials.kind === 'session' ? bob.credentials.email : '';
    expect(audit.filter((e) => e.actor === bobEmail)).toEqual([]);
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(JSON.stringify(audit)).not.toContain('failing/alice-hook');
  });

  it('checks a webhook when it is saved: outbound address rules, secret length, a new secret for a new URL', async () => {
    const refused = async (body: unknown, message: RegExp, route = '/api/alerts/channels', method = 'POST') => {
      const response = await alice.api<ApiError>(method, route, body);
      expect([response.status, response.body.message]).toEqual([400, expect.stringMatching(message)]);
    };
    await refused({ type: 'webhook', name: 'Intranet', url: 'http://10.0.0.1/hook', secret }, /url: blocked: 10\.0\.0\.1 is a private address/);
    await refused({ type: 'webhook', name: 'Loopback', url: 'http://127.0.0.2:1/', secret }, /blocked: 127\.0\.0\.2 is a loopback address/);
    await refused({ type: 'webhook', name: 'Named loopback', url: 'http://localhost:1/', secret }, /localhost resolves to .*loopback/);
    await refused({ type: 'webhook', name: 'Nowhere', url: 'https://hooks.sentinel-test.invalid/x', secret }, /could not resolve host hooks\.sentinel-test\.invalid/);
    await refused({ type: 'webhook', name: 'Weak', url: `${receiver.origin}/weak`, secret: 'short-secret' }, /secret must be at least 16 characters/);
    await refused({ type: 'email', name: 'Mixed', to: 'desk@example.org', url: `${receiver.origin}/x` }, /url: only for webhook channels/);

    const route = `/api/alerts/channels/${aliceHook.id}`;
    await refused({ url: `${receiver.origin}/moved` }, /changing a webhook's url needs a new secret/, route, 'PATCH');
    await refused({ url: `${receiver.origin}/moved`, secret }, /needs a new secret, not its old one/, route, 'PATCH');
    await refused({ url: 'http://10.0.0.1/moved', secret: 'another-secret-of-32-characters' }, /private address/, route, 'PATCH');
    await refused({ secret: 'too-short' }, /at least 16 characters/, route, 'PATCH');

    // The masked URL a client was shown, sent back, means "unchanged".
    const unchanged = await alice.api<AlertChannel>('PATCH', route, { url: aliceHook.target, name: 'Alice hook' });
    expect(unchanged.status).toBe(200);
    const moved = await alice.api<AlertChannel>('PATCH', route, { url: `${receiver.origin}/failing/alice-hook-2`, secret: 'another-secret-of-32-characters' });
    expect(moved.status).toBe(200);
    expect(moved.body.target).toBe(`${receiver.origin}/…ok-2`);

    const listed = (await alice.api<AlertChannel[]>('GET', '/api/alerts/channels')).body;
    expect(listed).toEqual([expect.objectContaining({ id: aliceHook.id, target: `${receiver.origin}/…ok-2`, ownerId: userId(alice) })]);
    expect(JSON.stringify(listed)).not.toMatch(/secret|failing/);
    const email = await alice.api<AlertChannel>('POST', '/api/alerts/channels', { type: 'email', name: 'Desk', to: 'desk@example.org', enabled: false });
    expect(email.body.target).toBe('desk@example.org');
  });

  it('lists for each reader the alerts they may see, and lets only those who see an alert acknowledge it', async () => {
    items.push(
      { title: 'Dozens escape prison in Hasakah after attack', description: 'Inmates escaped from a prison in northeast Syria.', link: 'https://news.example/access/1', guid: 'access-1', pubDate: new Date() },
      { title: 'Inmates escape prison near Lyon', description: 'Three prisoners escaped from a jail in France.', link: 'https://news.example/access/2', guid: 'access-2', pubDate: new Date() },
    );
    await app.api('POST', `/api/feeds/${feed.id}/poll`);
    const all = await waitFor(async () => {
      const list = await alertsOf(app.admin);
      return list.length === 4 && list.every((a) => a.deliveries.every((d) => d.attempts > 0)) ? list : null;
    }, 10_000, 'four alerts (two rules, two stories), each delivery tried');

    const ofAlice = all.filter((a) => a.ruleId === aliceRule.id);
    expect((await alertsOf(alice)).map((a) => a.id).sort()).toEqual(ofAlice.map((a) => a.id).sort());
    expect(await alertsOf(bob)).toEqual([]);
    // Admins and rule owners see why a delivery failed; the room's readers see that it did, not why.
    expect(ofAlice[0].deliveries[0]).toMatchObject({ channelName: 'Alice hook', lastError: 'webhook answered HTTP 500' });
    expect((await alertsOf(alice)).find((a) => a.id === ofAlice[0].id)?.deliveries[0].lastError).toBe('webhook answered HTTP 500');
    const forViewer = await alertsOf(viewer);
    expect(forViewer).toHaveLength(4);
    expect(forViewer.flatMap((a) => a.deliveries).every((d) => d.lastError === null)).toBe(true);

    const wall = await app.withToken({ name: 'Lobby wall', role: 'wall' });
    expect(await alertsOf(wall)).toHaveLength(4);
    const middleEast = await app.withToken({ name: 'Middle East wall', role: 'wall', regions: ['middle-east'] });
    const scoped = await alertsOf(middleEast);
    expect(scoped.map((a) => a.storyTitle)).toEqual(['Dozens escape prison in Hasakah after attack', 'Dozens escape prison in Hasakah after attack']);
    // A scoped page is as full as it can be, and its cursor leads to the rest.
    const first = (await middleEast.api<Page<Alert>>('GET', '/api/alerts?limit=1')).body;
    expect(first.items).toHaveLength(1);
    const second = (await middleEast.api<Page<Alert>>('GET', `/api/alerts?limit=1&cursor=${encodeURIComponent(first.nextCursor ?? '')}`)).body;
    expect(second.items.map((a) => a.storyTitle)).toEqual(['Dozens escape prison in Hasakah after attack']);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(second.nextCursor).toBeNull();
    const france = await app.withToken({ name: 'France wall', role: 'wall', regions: ['FR'] });
    expect((await alertsOf(france)).map((a) => a.storyTitle)).toEqual(['Inmates escape prison near Lyon', 'Inmates escape prison near Lyon']);

    const target = ofAlice[0].id;
    expect((await bob.api<ApiError>('POST', `/api/alerts/${target}/acknowledge`)).body).toMatchObject({ statusCode: 404, message: `alert ${target} does not exist` });
    expect((await viewer.api('POST', `/api/alerts/${target}/acknowledge`)).status).toBe(403);
    expect((await wall.api('POST', `/api/alerts/${target}/acknowledge`)).status).toBe(403);
    const acked = await alice.api<Alert>('POST', `/api/alerts/${target}/acknowledge`);
    expect(acked.status).toBe(200);
    expect(acked.body.acknowledgedAt).not.toBeNull();
   }, 30_000);

  it("disables a departing user's rules and channels, and keeps them and their alerts for admins", async () => {
    const aliceId = userId(alice);
    expect((await app.api<AlertRule>('GET', `/api/alerts/rules/${aliceRule.id}`)).body.enabled).toBe(true);
    expect((await app.api('DELETE', `/api/users/${aliceId}`)).status).toBe(204);
    const orphan = (await app.api<AlertRule>('GET', `/api/alerts/rules/${aliceRule.id}`)).body;
    expect(orphan).toMatchObject({ id: aliceRule.id, ownerId: null, enabled: false });
    const channel = (await app.api<AlertChannel[]>('GET', '/api/alerts/channels')).body.find((c) => c.id === aliceHook.id);
    expect(channel).toMatchObject({ ownerId: null, enabled: false });
    expect((await alice.api('GET', '/api/alerts/rules')).status).toBe(401);
    expect((await bob.api('GET', `/api/alerts/rules/${aliceRule.id}`)).status).toBe(404);
    expect((await alertsOf(app.admin, `&ruleId=${aliceRule.id}`)).length).toBe(2);
    expect(await alertsOf(bob, `&ruleId=${aliceRule.id}`)).toEqual([]);
  });
});
