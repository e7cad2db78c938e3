import { createHmac } from 'node:crypto';
import type { Alert, AlertChannel, AlertRule, ApiError, ClientToServerEvents, Feed, Page, PreviewResponse, ServerToClientEvents, ValidateQueryResponse } from '@sentinel/shared';
import { io, Socket } from 'socket.io-client';
import { openDatabase } from '../../../server/src/database/data-source';
import { Database } from '../../../server/src/database/database';
import { IngestService } from '../../../server/src/ingest/ingest.service';
import { StoriesRepository } from '../../../server/src/stories/stories.repository';
import { canonicalUrl } from '../../../server/src/stories/canonical-url';
import { Tagger } from '../../../server/src/tagging';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { rss, type TestItem } from '../../support/feed-documents';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';
import { startSmtpSink } from '../../support/smtp-sink';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe(`keyword alerts (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let receiver: FeedTestServer;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: TestDatabase;
  let app: RunningApp;
  let wireA: Feed;
  let wireB: Feed;
  const documents: Record<string, TestItem[]> = { a: [], b: [] };
  const received: Received[] = [];
  /** What the webhook answers next; the tests switch it to fail, hang or succeed. */
  let webhookMode: 'ok' | 'fail' = 'ok';
  const secret = 'correct horse battery staple';
  const config = () => testConfig(db, { POLLING_ENABLED: 'false', ALERT_RETRY_DELAYS_SEC: '1,1,1', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });

  const publish = (desk: 'a' | 'b', item: TestItem) => documents[desk].push(item);
  const poll = (feed: Feed) => app.api('POST', `/api/feeds/${feed.id}/poll`);
  const alerts = async (query = '') => (await app.api<Page<Alert>>('GET', `/api/alerts?limit=50${query}`)).body.items;
  const item = (n: number, title: string, description: string, link = `https://news.example/alerts/${n}`): TestItem => ({ title, description, link, guid: `alert-${n}`, pubDate: new Date() });

  beforeAll(async () => {
    newsroom = await startFeedServer((req, res) => {
      const desk = req.url?.includes('/b') ? 'b' : 'a';
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(desk === 'a' ? 'Wire A' : 'Wire B', [...documents[desk]].reverse()));
    });
    receiver = await startFeedServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(webhookMode === 'ok' ? 200 : 500).end();
      });
    });
    smtp = await startSmtpSink();
    db = testDatabase();
    app = await startTestApp(config());
    wireA = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/a.xml` })).body;
    wireB = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/b.xml` })).body;
  });

  afterAll(async () => {
    await app?.close();
    await newsroom?.close();
    await receiver?.close();
    await smtp?.close();
    await db?.cleanup();
  });

  it('validates queries with the line and column of a mistake, and refuses to save an invalid rule', async () => {
    const ok = await app.api<ValidateQueryResponse>('POST', '/api/alerts/rules/validate', { query: '"prison break" OR escape* region:SY' });
    expect(ok.body).toMatchObject({ valid: true });
    const bad = await app.api<ValidateQueryResponse>('POST', '/api/alerts/rules/validate', { query: 'detainees AND' });
    expect(bad.status).toBe(200);
    expect(bad.body).toEqual({ valid: false, error: { message: expect.stringMatching(/expected a term after AND/), line: 1, column: expect.any(Number) } });
    const unknown = await app.api<ValidateQueryResponse>('POST', '/api/alerts/rules/validate', { query: 'topic:prison-brake' });
    expect(unknown.body).toMatchObject({ valid: false, error: { message: expect.stringMatching(/prison-brake/) } });
    const refused = await app.api<ApiError>('POST', '/api/alerts/rules', { name: 'Broken', query: '(escape' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^query: .*column \d+/);
    const hostile = await app.api<ApiError>('POST', '/api/alerts/rules/validate', { query: '('.repeat(1999) });
    expect(hostile.status).toBe(200);
    expect((hostile.body as unknown as ValidateQueryResponse).valid).toBe(false);
  });

  it('fires once for a matching story, pushes it to sockets, signs the webhook and sends e-mail; a second outlet does not fire again', async () => {
    const webhook = (await app.api<AlertChannel>('POST', '/api/alerts/channels', { type: 'webhook', name: 'Ops hook', url: `${receiver.origin}/hook`, secret })).body;
    const email = (await app.api<AlertChannel>('POST', '/api/alerts/channels', { type: 'email', name: 'Duty desk', to: 'duty@example.org' })).body;
    expect(webhook).not.toHaveProperty('secret');
    const rule = await app.api<AlertRule>('POST', '/api/alerts/rules', { name: 'Prison breaks', query: '"prison break" OR (escape* NEAR/5 prison*) OR topic:prison-break', severity: 'critical', channels: [webhook.id, email.id], cooldownSec: 0 });
    expect(rule.status).toBe(201);

    const client: Socket<ServerToClientEvents, ClientToServerEvents> = io(app.url, { transports: ['websocket'], reconnection: false, forceNew: true, ...app.admin.socketOptions() });
    const pushed: Alert[] = [];
    client.on('alert:fired', (e) => pushed.push(e.alert));
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));

    publish('a', item(1, 'Dozens escape prison in Hasakah after attack', 'Inmates escaped from a prison in northeast Syria.'));
    publish('a', item(2, 'Markets rally in Tokyo', 'Shares rose.'));
    await poll(wireA);
    await waitFor(() => pushed.length === 1, 5000, 'alert:fired on the socket');
    expect(pushed[0]).toMatchObject({ ruleName: 'Prison breaks', severity: 'critical', storyTitle: 'Dozens escape prison in Hasakah after attack' });

    const hook = await waitFor(() => received.find((r) => r.body.includes('Dozens escape prison')), 5000, 'the webhook call');
    const timestamp = String(hook.headers['x-sentinel-timestamp']);
    expect(hook.headers['x-sentinel-signature']).toBe(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${hook.body}`).digest('hex')}`);
    expect(JSON.parse(hook.body)).toMatchObject({ event: 'alert.fired', alert: { severity: 'critical', rule: { name: 'Prison breaks' } }, story: { title: 'Dozens escape prison in Hasakah after attack', regions: ['SY'] } });
    const mail = await waitFor(() => smtp.mails.find((m) => m.data.includes('Dozens escape prison')), 5000, 'the e-mail');
    expect(mail.to.join()).toContain('duty@example.org');

    // The same article from another outlet (tracking parameters and all) is the same story: no second alert.
    publish('b', item(3, 'Prison escape in Hasakah', 'Copy of the same report.', 'https://news.example/alerts/1?utm_source=wire-b'));
    await poll(wireB);
    await new Promise((r) => setTimeout(r, 500));
    expect(await alerts()).toHaveLength(1);
    expect(pushed).toHaveLength(1);
    const [stored] = await alerts();
    await waitFor(async () => (await alerts())[0].deliveries.every((d) => d.status === 'delivered'), 5000, 'both deliveries');
    expect((await alerts())[0].deliveries.map((d) => d.channelName).sort()).toEqual(['Duty desk', 'Ops hook']);
    const acked = await app.api<Alert>('POST', `/api/alerts/${stored.id}/acknowledge`);
    expect(acked.body.acknowledgedAt).not.toBeNull();
    expect(await alerts('&acknowledged=false')).toEqual([]);
    client.disconnect();
  });

  it('attaches matches within the cooldown instead of firing, and never fires for a muted rule', async () => {
    const rule = (await app.api<AlertRule>('POST', '/api/alerts/rules', { name: 'Airstrikes', query: 'airstrike* OR "air strike"', cooldownSec: 3600 })).body;
    publish('a', item(10, 'Airstrike hits depot near Idlib', 'Warplanes struck.'));
    await poll(wireA);
    publish('a', item(11, 'Second airstrike reported in Idlib', 'More strikes.'));
    await poll(wireA);
    const fired = await waitFor(async () => {
      const list = await alerts(`&ruleId=${rule.id}`);
      return list.length === 1 && list[0].attachedStoryIds.length === 1 ? list : null;
    }, 5000, 'one alert with one attached story');
    expect(fired[0].storyTitle).toBe('Airstrike hits depot near Idlib');
    const muted = (await app.api<AlertRule>('POST', '/api/alerts/rules', { name: 'Protests', query: 'protest*', cooldownSec: 0 })).body;
    expect((await app.api<AlertRule>('POST', `/api/alerts/rules/${muted.id}/mute`, { muted: true })).body.muted).toBe(true);
    publish('a', item(12, 'Protesters gather in Khartoum', 'Crowds marched.'));
    await poll(wireA);
    await new Promise((r) => setTimeout(r, 500));
    expect(await alerts(`&ruleId=${muted.id}`)).toEqual([]);
    const snoozed = await app.api<AlertRule>('POST', `/api/alerts/rules/${rule.id}/snooze`, { minutes: 60 });
    expect(snoozed.body.snoozedUntil).not.toBeNull();
    expect((await app.api<AlertRule>('POST', `/api/alerts/rules/${rule.id}/snooze`, { minutes: 0 })).body.snoozedUntil).toBeNull();
    expect((await app.api<ApiError>('POST', `/api/alerts/rules/${rule.id}/snooze`, { minutes: -5 })).body.message).toMatch(/minutes must be a whole number from 0/);
    const rules = (await app.api<AlertRule[]>('GET', '/api/alerts/rules')).body;
    expect(rules.find((r) => r.id === rule.id)).toMatchObject({ firedTotal: 1, firedLast24h: 1 });
  });

  it('backtests a rule over stored stories before it is saved', async () => {
    const preview = await app.api<PreviewResponse>('POST', '/api/alerts/rules/preview', { query: 'airstrike* OR escape*', mode: 'each', cooldownSec: 0, since: '2000-01-01T00:00:00Z' });
    expect(preview.status).toBe(200);
    expect(preview.body.matched).toBe(3);
    // Once per event: the second Idlib airstrike report is the same event as the first, so it attaches even without a cooldown.
    expect(preview.body.wouldFire).toBe(2);
    expect(preview.body.alerts.find((a) => a.storyTitle === 'Airstrike hits depot near Idlib')).toMatchObject({ attached: 1 });
    const withCooldown = await app.api<PreviewResponse>('POST', '/api/alerts/rules/preview', { query: 'airstrike*', cooldownSec: 3600, since: '2000-01-01T00:00:00Z' });
    expect(withCooldown.body).toMatchObject({ matched: 2, wouldFire: 1 });
  });

  it('retries a failing webhook and loses no delivery across a restart; a story stored while the server was down still fires once', async () => {
    const hook = (await app.api<AlertChannel>('POST', '/api/alerts/channels', { type: 'webhook', name: 'Flaky hook', url: `${receiver.origin}/flaky`, secret })).body;
    await app.api('POST', '/api/alerts/rules', { name: 'Transfers', query: 'transfer* NEAR/4 detainee*', channels: [hook.id], cooldownSec: 0 });
    webhookMode = 'fail';
    publish('a', item(20, 'Detainees transferred to Iraqi custody', 'About 150 detainees were transferred from Syria.'));
    await poll(wireA);
    const failing = await waitFor(async () => {
      const [alert] = await alerts();
      const delivery = alert?.deliveries.find((d) => d.channelName === 'Flaky hook');
      return delivery && delivery.attempts >= 2 ? delivery : null;
    }, 8000, 'two failed attempts');
    expect(failing).toMatchObject({ status: 'pending', lastError: 'webhook answered HTTP 500' });

    await app.close();
    // While the server is down a poller elsewhere stores a matching story (here: straight into the database).
    const offline = await openDatabase(config().database);
    const tagger = Tagger.fromData();
    const feedRow = { id: wireA.id, title: 'Wire A' };
    const offlineStories = new StoriesRepository(new Database(offline));
    // The same decisions and write as a poll, without the events a running server would emit.
    const offlineStore = { storedKeys: offlineStories.storedKeys.bind(offlineStories), store: async (write: Parameters<StoriesRepository['store']>[0]) => (await offlineStories.store(write), { created: [], updated: [] }) };
    await new IngestService(offlineStore, tagger).ingest(
      feedRow,
      [{ guidKey: 'offline-1', url: 'https://news.example/alerts/offline', canonicalUrl: canonicalUrl('https://news.example/alerts/offline'), title: 'More detainees transferred overnight', summary: 'Detainees transferred again.', publishedAt: new Date() }],
      Date.now(),
    );
    await offline.destroy();

    webhookMode = 'ok';
    app = await startTestApp(config());
    const delivered = await waitFor(async () => {
      const list = await alerts();
      const titles = list.filter((a) => a.ruleName === 'Transfers');
      return titles.length === 2 && titles.every((a) => a.deliveries.every((d) => d.status === 'delivered')) ? titles : null;
    }, 10_000, 'both transfer alerts delivered');
    expect(delivered.map((a) => a.storyTitle).sort()).toEqual(['Detainees transferred to Iraqi custody', 'More detainees transferred overnight']);
    const calls = received.filter((r) => r.body.includes('transferred'));
    expect(calls.length).toBeGreaterThanOrEqual(3);

    // Restart again: nothing fires twice.
    await app.close();
    app = await startTestApp(config());
    await new Promise((r) => setTimeout(r, 500));
    expect((await alerts()).filter((a) => a.ruleName === 'Transfers')).toHaveLength(2);
  }, 40_000);

  it('refuses a webhook on an internal address and a channel without what it needs', async () => {
    const bad = await app.api<ApiError>('POST', '/api/alerts/channels', { type: 'webhook', name: 'x', url: 'ftp://example.org/', secret });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/only http and https/);
    expect((await app.api<ApiError>('POST', '/api/alerts/channels', { type: 'webhook', name: 'x', url: 'https://example.org/' })).body.message).toMatch(/secret is required/);
    expect((await app.api<ApiError>('POST', '/api/alerts/channels', { type: 'email', name: 'x', to: 'nobody' })).body.message).toMatch(/e-mail address/);
    // The address is checked when the channel is saved, not only when a delivery fails later.
    const internal = await app.api<ApiError>('POST', '/api/alerts/channels', { type: 'webhook', name: 'Internal', url: 'http://127.0.0.2:9/hook', secret });
    expect(internal.status).toBe(400);
    expect(internal.body.message).toMatch(/blocked: 127\.0\.0\.2 is a loopback address/);
  });
});
