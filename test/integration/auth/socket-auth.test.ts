import type { ClientToServerEvents, Feed, ServerToClientEvents, StoryEvent } from '@sentinel/shared';
import { io, Socket } from 'socket.io-client';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { rss, type TestItem } from '../../support/feed-documents';
import { type RunningApp, startTestApp, testConfig, testDatabase, type TestDatabase, TEST_DATABASE, waitFor } from '../../support/harness';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

describe(`socket door (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  let feed: Feed;
  const published: TestItem[] = [];
  const clients: Client[] = [];

  const publish = (title: string, description: string) =>
    published.push({ title, description, guid: `s-${published.length}`, link: `https://news.example/s/${published.length}`, pubDate: new Date() });
  const poll = () => app.api('POST', `/api/feeds/${feed.id}/poll`);

  function open(options: { auth?: Record<string, unknown>; extraHeaders?: Record<string, string> }): Client {
    const client: Client = io(app.url, { ...options, transports: ['websocket'], reconnection: false, forceNew: true });
    clients.push(client);
    return client;
  }

  /** Resolves with "connected" (also when it already is) or the connect_error message. */
  const outcome = (client: Client) =>
    new Promise<string>((resolve) => {
      if (client.connected) return resolve('connected');
      client.once('connect', () => resolve('connected'));
      client.once('connect_error', (error) => resolve(error.message));
    });
  const disconnected = (client: Client) => new Promise<string>((resolve) => client.once('disconnect', (reason) => resolve(reason)));

  beforeAll(async () => {
    newsroom = await startFeedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Socket Desk', [...published].reverse())));
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false', SOCKETS_PER_PRINCIPAL: '3' }));
    feed = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/live.xml` })).body;
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(async () => {
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  it('refuses a handshake without credentials, or with a bad token, as "unauthorized"', async () => {
    expect(await outcome(open({}))).toBe('unauthorized');
    expect(await outcome(open({ auth: { token: 'swt_made-up' } }))).toBe('unauthorized');
    expect(await outcome(open({ auth: { token: 42 } }))).toBe('unauthorized');
    expect(await outcome(open({ extraHeaders: { cookie: 'sw_session=forged' } }))).toBe('unauthorized');
  });

  it('accepts the session cookie and a wall token', async () => {
    expect(await outcome(open(app.admin.socketOptions()))).toBe('connected');
    const wall = await app.withToken({ name: 'Socket wall', role: 'wall' });
    expect(await outcome(open(wall.socketOptions()))).toBe('connected');
  });

  it('refuses a browser handshake from another origin', async () => {
    const options = app.admin.socketOptions();
    expect(await outcome(open({ ...options, extraHeaders: { ...options.extraHeaders, origin: 'https://evil.example' } }))).toBe('origin not allowed');
    expect(await outcome(open({ ...options, extraHeaders: { ...options.extraHeaders, origin: app.url } }))).toBe('connected');
  });

  it('caps connections per token', async () => {
    const wall = await app.withToken({ name: 'Capped wall', role: 'wall' });
    for (let i = 0; i < 3; i++) expect(await outcome(open(wall.socketOptions()))).toBe('connected');
    expect(await outcome(open(wall.socketOptions()))).toMatch(/too many connections/);
    clients[clients.length - 2].disconnect();
    await waitFor(async () => (await outcome(open(wall.socketOptions()))) === 'connected', 5000, 'a freed place');
  });

  it('disconnects the sockets of a revoked token within seconds, and refuses it afterwards', async () => {
    const wall = await app.withToken({ name: 'Doomed wall', role: 'wall' });
    const client = open(wall.socketOptions());
    expect(await outcome(client)).toBe('connected');
    const gone = disconnected(client);
    expect((await app.api('DELETE', `/api/tokens/${wall.tokenId}`)).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    expect(await outcome(open(wall.socketOptions()))).toBe('unauthorized');
  });

  it('disconnects a deleted user and a signed-out session', async () => {
    const analyst = await app.as('analyst');
    const client = open(analyst.socketOptions());
    expect(await outcome(client)).toBe('connected');
    const gone = disconnected(client);
    expect((await app.api('DELETE', `/api/users/${(analyst.credentials as { userId: number }).userId}`)).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    const viewer = await app.as('viewer');
    const second = open(viewer.socketOptions());
    expect(await outcome(second)).toBe('connected');
    const ended = disconnected(second);
    await viewer.api('POST', '/api/auth/logout');
    expect(await ended).toBe('io server disconnect');
  });

  it('pushes a scoped wall only the stories of its scope, live and on resume', async () => {
    const wall = await app.withToken({ name: 'Sahel wall', role: 'wall', regions: ['ML'] });
    const live = open(wall.socketOptions());
    const everything = open(app.admin.socketOptions());
    const seenByWall: StoryEvent[] = [];
    const seenByAdmin: StoryEvent[] = [];
    live.on('story:new', (e) => seenByWall.push(e));
    everything.on('story:new', (e) => seenByAdmin.push(e));
    expect(await outcome(live)).toBe('connected');
    expect(await outcome(everything)).toBe('connected');
    publish('Convoy ambushed near Gao', 'Gunmen attacked a convoy near Gao in northern Mali.');
    publish('Port strike in Rotterdam', 'Dock workers in Rotterdam, the Netherlands, stopped work.');
    await poll();
    await waitFor(() => seenByAdmin.length >= 2, 5000, 'both stories on the unscoped socket');
    await waitFor(() => seenByWall.length >= 1, 5000, 'the Mali story on the wall');
    await new Promise((r) => setTimeout(r, 200));
    expect(seenByWall.map((e) => e.story.title)).toEqual(['Convoy ambushed near Gao']);
    // Resume from before both stories: the replay respects the scope too.
    const since = Math.min(...seenByAdmin.map((e) => e.eventId)) - 1;
    const resumed = open(wall.socketOptions({ since }));
    const replayed: StoryEvent[] = [];
    resumed.on('story:new', (e) => replayed.push(e));
    expect(await outcome(resumed)).toBe('connected');
    await waitFor(() => replayed.length >= 1, 5000, 'replay');
    await new Promise((r) => setTimeout(r, 200));
    expect(replayed.map((e) => e.story.title)).toEqual(['Convoy ambushed near Gao']);
    // A subscription cannot widen the scope.
    await new Promise<void>((resolve) => live.emit('subscribe', { regions: ['NL'] }, () => resolve()));
    publish('Second strike in Rotterdam', 'Dock workers in Rotterdam, the Netherlands, walked out again.');
    await poll();
    await waitFor(() => seenByAdmin.length >= 3, 5000, 'the third story');
    await new Promise((r) => setTimeout(r, 200));
    expect(seenByWall).toHaveLength(1);
  });

  it("pushes an alert to the rule's owner, admins and the room's readers, not to another analyst or a wall scoped elsewhere", async () => {
    const alice = await app.as('analyst');
    const bob = await app.as('analyst');
    const viewer = await app.as('viewer');
    const elsewhere = await app.withToken({ name: 'Asia wall', role: 'wall', regions: ['JP'] });
    const rule = await alice.api<{ id: number }>('POST', '/api/alerts/rules', { name: 'Dam alert', query: 'dam', cooldownSec: 0 });
    expect(rule.status).toBe(201);
    const sockets = { alice: open(alice.socketOptions()), bob: open(bob.socketOptions()), viewer: open(viewer.socketOptions()), admin: open(app.admin.socketOptions()), elsewhere: open(elsewhere.socketOptions()) };
    const received: Record<string, string[]> = {};
    for (const [name, client] of Object.entries(sockets)) {
      received[name] = [];
      client.on('alert:fired', (e) => received[name].push(e.alert.ruleName));
      expect(await outcome(client)).toBe('connected');
    }
    publish('Dam breached near Kherson', 'A dam near Kherson in Ukraine was breached overnight.');
    await poll();
    await waitFor(() => received.alice.length && received.viewer.length && received.admin.length, 5000, 'the alert on the sockets that may see it');
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toEqual({ alice: ['Dam alert'], bob: [], viewer: ['Dam alert'], admin: ['Dam alert'], elsewhere: [] });
  });

  it('does not let an expired token resume', async () => {
    const wall = await app.withToken({ name: 'Brief wall', role: 'wall', expiresAt: new Date(Date.now() + 1500).toISOString() });
    const client = open(wall.socketOptions());
    expect(await outcome(client)).toBe('connected');
    const gone = disconnected(client);
    expect(await gone).toBe('io server disconnect'); // the expiry sweep ends it
    expect(await outcome(open(wall.socketOptions({ since: 1 })))).toBe('unauthorized');
  }, 15_000);
});
