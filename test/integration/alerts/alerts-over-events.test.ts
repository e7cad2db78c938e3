import type { Alert, AlertChannel, AlertRule, AlertWebhookPayload, ApiError, ClientToServerEvents, Cluster, Feed, Page, ServerToClientEvents, ValidateQueryResponse } from '@sentinel/shared';
import { io, Socket } from 'socket.io-client';
import { AlertEngine } from '../../../server/src/alerts/alert-engine.service';
import { ClustersService } from '../../../server/src/clusters/clusters.service';
import { rss, type TestItem } from '../../support/feed-documents';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';
import { startSmtpSink } from '../../support/smtp-sink';

/** Four outlets with sites of their own, so each counts as an independent source of an event. */
const OUTLETS = {
  reuters: { title: 'Reuters World', site: 'https://www.reuters.com/world/' },
  bbc: { title: 'BBC Middle East', site: 'https://www.bbc.co.uk/news' },
  aljazeera: { title: 'Al Jazeera', site: 'https://www.aljazeera.com/' },
  dawn: { title: 'Dawn', site: 'https://www.dawn.com/' },
} as const;
type Outlet = keyof typeof OUTLETS;

let sequence = 0;
const report = (title: string, description: string): TestItem => {
  sequence++;
  return { title, description, guid: `events-${sequence}`, link: `https://news.example/events/${sequence}`, pubDate: new Date() };
};

describe(`alerts over events (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let receiver: FeedTestServer;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let db: TestDatabase;
  let app: RunningApp;
  let client: Socket<ServerToClientEvents, ClientToServerEvents>;
  const pushed: Alert[] = [];
  const feeds = {} as Record<Outlet, Feed>;
  const documents: Record<Outlet, TestItem[]> = { reuters: [], bbc: [], aljazeera: [], dawn: [] };
  const hooks: AlertWebhookPayload[] = [];
  const config = () => testConfig(db, { POLLING_ENABLED: 'false', SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });

  /** Everything the story set off has happened: it is placed in its event and the alert engine has evaluated it. */
  const settle = async () => {
    await app.app.get(ClustersService).idle();
    await app.app.get(AlertEngine).kick();
  };
  /** An outlet publishes a report and its feed is polled. */
  const publish = async (outlet: Outlet, item: TestItem) => {
    documents[outlet].push(item);
    expect((await app.api('POST', `/api/feeds/${feeds[outlet].id}/poll`)).status).toBeLessThan(300);
    await settle();
  };
  const alertsOf = async (rule: AlertRule) => (await app.api<Page<Alert>>('GET', `/api/alerts?limit=50&ruleId=${rule.id}`)).body.items;
  const createRule = async (body: Record<string, unknown>) => {
    const created = await app.api<AlertRule>('POST', '/api/alerts/rules', { cooldownSec: 0, ...body });
    expect(created.status).toBe(201);
    return created.body;
  };
  const eventOf = async (storyId: number) => {
    const story = (await app.api<{ clusterId: number | null }>('GET', `/api/stories/${storyId}`)).body;
    return (await app.api<Cluster>('GET', `/api/clusters/${story.clusterId}`)).body;
  };
  const connect = async () => {
    client = io(app.url, { transports: ['websocket'], reconnection: false, forceNew: true, ...app.admin.socketOptions() });
    client.on('alert:fired', (e) => pushed.push(e.alert));
    await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  };

  beforeAll(async () => {
    newsroom = await startFeedServer((req, res) => {
      const outlet = (req.url ?? '').replace(/^\/|\.xml$/g, '') as Outlet;
      if (!OUTLETS[outlet]) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(OUTLETS[outlet].title, [...documents[outlet]].reverse(), { link: OUTLETS[outlet].site }));
    });
    receiver = await startFeedServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        hooks.push(JSON.parse(body) as AlertWebhookPayload);
        res.writeHead(200).end();
      });
    });
    smtp = await startSmtpSink();
    db = testDatabase();
    app = await startTestApp(config());
    for (const outlet of Object.keys(OUTLETS) as Outlet[]) {
      const created = await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/${outlet}.xml`, title: OUTLETS[outlet].title });
      expect(created.status).toBe(201);
      feeds[outlet] = created.body;
    }
    await connect();
  });

  afterAll(async () => {
    client?.disconnect();
    await app?.close();
    await newsroom?.close();
    await receiver?.close();
    await smtp?.close();
    await db?.cleanup();
  });

  it('fires one alert for two reports of one event, with the second attached, even without a cooldown', async () => {
    const rule = await createRule({ name: 'Ghwayran', query: 'ghwayran' });
    await publish('reuters', report("Islamic State fighters storm Ghwayran prison in Syria's Hasakah", 'Militants attacked the Ghwayran prison in Hasakah late on Thursday, and at least 281 inmates escaped, a Kurdish official said.'));
    await publish('bbc', report('Syria jailbreak: dozens of inmates flee Ghwayran prison in Hasakah after attack', 'Jihadists blamed for an assault on the Ghwayran jail in which dozens of prisoners escaped, officials say.'));

    const [alert, ...more] = await alertsOf(rule);
    expect(more).toEqual([]);
    expect(alert.attachedStoryIds).toHaveLength(1);
    const event = await eventOf(alert.storyId);
    expect(event.storyIds).toEqual([alert.storyId, alert.attachedStoryIds[0]]);
    expect(alert).toMatchObject({ clusterId: event.id, followUpOf: null, corroboration: { level: 'single-source' } });
    expect(alert.sources.map((s) => s.outlet)).toEqual(['reuters.com']);
    expect(pushed.filter((a) => a.ruleId === rule.id)).toHaveLength(1);
  });

  it('fires a sources>=3 rule only when the third independent outlet reports the event, listing the three sources', async () => {
    const hook = (await app.api<AlertChannel>('POST', '/api/alerts/channels', { type: 'webhook', name: 'Desk hook', url: `${receiver.origin}/hook`, secret: 'correct horse battery staple' })).body;
    const mail = (await app.api<AlertChannel>('POST', '/api/alerts/channels', { type: 'email', name: 'Duty desk', to: 'duty@example.org' })).body;
    const rule = await createRule({ name: 'Idlib strikes, corroborated', query: 'idlib sources>=3', channels: [hook.id, mail.id] });

    await publish('reuters', report('Airstrike on market in Idlib kills 12, rescuers say', 'Warplanes struck a crowded market in the Syrian city of Idlib on Monday, killing at least 12 people, according to rescue workers.'));
    expect(await alertsOf(rule)).toEqual([]);
    await publish('aljazeera', report('Deadly air raid hits busy Idlib market', 'At least 12 civilians were killed when an airstrike hit a market in Idlib in northwest Syria, the White Helmets said.'));
    expect(await alertsOf(rule)).toEqual([]);
    await publish('bbc', report('Syria: Idlib market airstrike leaves dozen dead', 'An air strike on a market in Idlib killed a dozen people, local rescuers said, in one of the deadliest attacks this year.'));

    const [alert, ...more] = await alertsOf(rule);
    expect(more).toEqual([]);
    const event = await eventOf(alert.storyId);
    expect(event.sources.independent).toBe(3);
    // The first matching report names the alert; the two that followed are attached.
    expect(alert.storyTitle).toBe('Airstrike on market in Idlib kills 12, rescuers say');
    expect(alert.attachedStoryIds).toHaveLength(2);
    expect(alert.sources.map((s) => [s.outlet, s.feedTitle])).toEqual([
      ['reuters.com', 'Reuters World'],
      ['aljazeera.com', 'Al Jazeera'],
      ['bbc.co.uk', 'BBC Middle East'],
    ]);
    expect(alert.corroboration).toEqual(event.corroboration);

    const payload = await waitFor(() => hooks.find((h) => h.alert.id === alert.id), 10_000, 'the webhook call');
    expect(payload.cluster).toEqual({
      id: event.id,
      corroboration: event.corroboration,
      sources: alert.sources.map((s) => ({ outlet: s.outlet, feedTitle: s.feedTitle, storyId: s.storyId })),
    });
    const email = await waitFor(() => smtp.mails.find((m) => m.data.includes('Idlib kills 12')), 10_000, 'the e-mail');
    const text = email.data.replace(/=\r?\n/g, '');
    expect(text).toContain('Sources (3): Reuters World (reuters.com), Al Jazeera (aljazeera.com), BBC Middle East (bbc.co.uk)');
    expect(text).toContain(`Corroboration: ${event.corroboration.text}`);
  });

  it('fires a corroborated:true rule once a second independent outlet confirms the event', async () => {
    const rule = await createRule({ name: 'Sindh floods, confirmed', query: 'sindh flood* corroborated:true' });
    await publish('dawn', report("Floods displace thousands in Pakistan's Sindh province", 'Heavy monsoon rains flooded villages across Sindh, displacing thousands of families, officials said.'));
    expect(await alertsOf(rule)).toEqual([]);
    await publish('aljazeera', report('Thousands flee as monsoon floods swamp Sindh villages', 'Monsoon floods in Pakistan have forced thousands of families in Sindh province from their homes.'));
    const [alert, ...more] = await alertsOf(rule);
    expect(more).toEqual([]);
    expect(alert.corroboration?.level).toBe('corroborated');
    expect(alert.sources.map((s) => s.outlet)).toEqual(['dawn.com', 'aljazeera.com']);
  });

  it('sends one follow-up when a single-source event it alerted on becomes corroborated, and never a second', async () => {
    const hook = (await app.api<AlertChannel[]>('GET', '/api/alerts/channels')).body.find((c) => c.name === 'Desk hook') as AlertChannel;
    const rule = await createRule({ name: 'Khartoum protests', query: 'khartoum protest*', channels: [hook.id], followUpOnCorroboration: true });
    expect(rule.followUpOnCorroboration).toBe(true);

    await publish('dawn', report('Protesters march on Khartoum palace demanding civilian rule', 'Thousands of protesters marched towards the presidential palace in Khartoum, witnesses said.'));
    const [first] = await alertsOf(rule);
    expect(first).toMatchObject({ followUpOf: null, corroboration: { level: 'single-source' } });

    await publish('aljazeera', report('Sudan security forces fire tear gas at Khartoum protesters', 'Security forces in Khartoum fired tear gas at thousands of protesters marching on the presidential palace.'));
    const [followUp, original] = await alertsOf(rule);
    expect(original.id).toBe(first.id);
    expect(followUp).toMatchObject({ followUpOf: first.id, storyId: first.storyId, clusterId: first.clusterId, corroboration: { level: 'corroborated' } });
    expect(followUp.sources.map((s) => s.outlet)).toEqual(['dawn.com', 'aljazeera.com']);
    await waitFor(() => pushed.some((a) => a.id === followUp.id), 5000, 'the follow-up on the socket');
    const call = await waitFor(() => hooks.find((h) => h.alert.id === followUp.id), 10_000, 'the follow-up webhook call');
    expect(call.alert.followUpOf).toBe(first.id);

    await publish('bbc', report('Sudan: tear gas fired as Khartoum protest reaches palace', 'Protesters in Khartoum were met with tear gas near the presidential palace on Thursday.'));
    expect((await alertsOf(rule)).map((a) => a.id)).toEqual([followUp.id, first.id]);
    expect((await alertsOf(rule))[1].attachedStoryIds).toHaveLength(2);
  });

  it('keeps an event alerted on after an analyst merges it into another: its later reports attach', async () => {
    const rules = (await app.api<AlertRule[]>('GET', '/api/alerts/rules')).body;
    const ghwayran = rules.find((r) => r.name === 'Ghwayran') as AlertRule;
    const [alert] = await alertsOf(ghwayran);
    const floods = (await app.api<Page<Cluster>>('GET', '/api/clusters?q=sindh')).body.items[0];
    // The alerted event goes into one the rule never fired for.
    const merged = await app.api<Cluster>('POST', `/api/clusters/${alert.clusterId}/merge`, { into: floods.id });
    expect(merged.status).toBe(200);
    await settle();
    await publish('aljazeera', report('Kurdish forces hunt escapees after assault on Ghwayran jail', 'About 100 inmates escaped from the Ghwayran prison in Hasakah during the attack, according to the Syrian Observatory.'));
    const [after, ...more] = await alertsOf(ghwayran);
    expect(more).toEqual([]);
    expect(after.id).toBe(alert.id);
    expect(after.attachedStoryIds).toHaveLength(2);
    expect((await eventOf(after.attachedStoryIds[1])).id).toBe(floods.id);
  });

  it('refuses an event condition inside OR with a 400 that says where and how to write it', async () => {
    const refused = await app.api<ApiError>('POST', '/api/alerts/rules', { name: 'Misplaced', query: 'prison OR sources>=3' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(
      "query: column 11: sources>=3 is a condition on the story's event: event conditions go at the top level of the rule, joined with AND, not inside OR, e.g. (prison OR jail) sources>=3",
    );
    const checked = await app.api<ValidateQueryResponse>('POST', '/api/alerts/rules/validate', { query: '(prison OR jail) sources>2' });
    expect(checked.body).toEqual({ valid: true, normalized: '(prison OR jail) AND sources>=3' });
  });

  it('fires nothing twice across a restart, and goes on once per event after it', async () => {
    const before = (await app.api<Page<Alert>>('GET', '/api/alerts?limit=200')).body.items.map((a) => a.id);
    client.disconnect();
    await app.close();
    app = await startTestApp(config());
    await connect();
    for (const outlet of Object.keys(OUTLETS) as Outlet[]) expect((await app.api('POST', `/api/feeds/${feeds[outlet].id}/poll`)).status).toBeLessThan(300);
    await settle();
    expect((await app.api<Page<Alert>>('GET', '/api/alerts?limit=200')).body.items.map((a) => a.id)).toEqual(before);

    // A fourth outlet on the Idlib strike attaches to its alert rather than firing again.
    const rules = (await app.api<AlertRule[]>('GET', '/api/alerts/rules')).body;
    const idlib = rules.find((r) => r.name === 'Idlib strikes, corroborated') as AlertRule;
    await publish('dawn', report('Idlib market strike: death toll rises to 12', 'Rescue workers said at least 12 people died in the airstrike on the Idlib market in Syria.'));
    const [alert, ...more] = await alertsOf(idlib);
    expect(more).toEqual([]);
    expect(alert.attachedStoryIds).toHaveLength(3);
    expect((await app.api<Page<Alert>>('GET', '/api/alerts?limit=200')).body.items.map((a) => a.id)).toEqual(before);
  });
});
