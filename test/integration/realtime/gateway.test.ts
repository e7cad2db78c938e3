import type { ClientToServerEvents, Feed, ServerToClientEvents, StoryEvent } from '@sentinel/shared';
import { io, Socket } from 'socket.io-client';
import { Database } from '../../../server/src/database/database';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { rss, type TestItem } from '../../support/feed-documents';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

describe(`real-time gateway (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  let feed: Feed;
  const published: TestItem[] = [];
  const clients: Client[] = [];

  const publish = (title: string, description = 'Officials said.') =>
    published.push({ title, guid: `g-${published.length}`, link: `https://news.example/${published.length}`, description, pubDate: new Date() });
  const poll = () => app.api('POST', `/api/feeds/${feed.id}/poll`);

  function connect(auth: Record<string, unknown> = {}): Client {
    const client: Client = io(app.url, { ...app.admin.socketOptions(auth), transports: ['websocket'], reconnection: false, forceNew: true });
    clients.push(client);
    return client;
  }

  function collect<E extends keyof ServerToClientEvents>(client: Client, event: E): Parameters<ServerToClientEvents[E]>[0][] {
    const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
    client.on(event as 'story:new', ((payload: never) => seen.push(payload)) as never);
    return seen;
  }

  const connected = (client: Client) => new Promise<void>((resolve, reject) => (client.connected ? resolve() : client.once('connect', () => resolve()).once('connect_error', reject)));

  beforeAll(async () => {
    newsroom = await startFeedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Live Desk', [...published].reverse())));
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
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

  it('pushes a story stored by a poll to a connected client, with an eventId', async () => {
    const client = connect();
    const stories = collect(client, 'story:new');
    await connected(client);
    publish('Airstrike hits fuel depot in Idlib', 'Warplanes struck a fuel depot near Idlib in northwest Syria.');
    await poll();
    const [event] = await waitFor(() => (stories.length ? stories : null), 5000, 'story:new');
    expect(event.story.title).toBe('Airstrike hits fuel depot in Idlib');
    expect(event.eventId).toBeGreaterThan(0);
    expect(event.story.regions).toContain('SY');
  });

  it('replays exactly the missed stories, in order, after a disconnect and after a server restart', async () => {
    const first = connect();
    const live = collect(first, 'story:new');
    await connected(first);
    publish('Talks resume in Doha');
    await poll();
    await waitFor(() => live.length === 1, 5000, 'live story');
    const lastSeen = live[0].eventId;
    first.disconnect();

    for (let i = 1; i <= 5; i++) publish(`Missed story ${i}`);
    await poll();
    // Restart the server on the same database in the middle of the outage.
    await app.close();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    for (let i = 6; i <= 10; i++) publish(`Missed story ${i}`);
    await poll();

    const second = connect({ since: lastSeen });
    const replayed = collect(second, 'story:new');
    await connected(second);
    await waitFor(() => replayed.length >= 10, 5000, 'ten replayed stories');
    await new Promise((r) => setTimeout(r, 300));
    expect(replayed.map((e) => e.story.title)).toEqual(Array.from({ length: 10 }, (_, i) => `Missed story ${i + 1}`));
    const ids = replayed.map((e) => e.eventId);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(10);

    publish('Live again');
    await poll();
    await waitFor(() => replayed.length === 11, 5000, 'the next live story');
    expect(replayed[10].story.title).toBe('Live again');
  });

  it('applies a subscription filter and refuses a bad one with an error', async () => {
    const client = connect();
    const stories = collect(client, 'story:new');
    const errors = collect(client, 'error');
    await connected(client);
    const bad = await client.emitWithAck('subscribe', { regions: ['atlantis'] });
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/region "atlantis" is not known/) });
    expect(await client.emitWithAck('subscribe', { regions: ['UA'] })).toEqual({ ok: true });
    publish('Drone strike on Kharkiv power station', 'Russian drones hit a power station in Kharkiv, Ukraine.');
    publish('Flooding in Khartoum camps', 'Heavy rain flooded displacement camps around Khartoum, Sudan.');
    await poll();
    await waitFor(() => stories.length >= 1, 5000, 'filtered story');
    await new Promise((r) => setTimeout(r, 300));
    expect(stories.map((e) => e.story.title)).toEqual(['Drone strike on Kharkiv power station']);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/region "atlantis" is not known/)]);
  });

  it('answers unknown events and floods with one error each, and survives oversized payloads', async () => {
    const client = connect();
    const errors = collect(client, 'error');
    await connected(client);
    (client as unknown as Socket).emit('hack', { x: 1 });
    await waitFor(() => errors.length === 1, 3000, 'error for an unknown event');
    expect(errors[0].message).toMatch(/unknown event "hack"/);
    for (let i = 0; i < 30; i++) client.emit('subscribe', {});
    await new Promise((r) => setTimeout(r, 300));
    expect(errors.filter((e) => /too many messages/.test(e.message))).toHaveLength(1);

    const big = connect();
    await connected(big);
    const closed = new Promise<string>((resolve) => big.once('disconnect', (reason) => resolve(reason)));
    big.emit('subscribe', { q: 'x'.repeat(64 * 1024) });
    expect(await closed).toMatch(/transport (close|error)/);
    const after = connect();
    await connected(after);
    expect(after.connected).toBe(true);
  });

  it('tells a client that was away too long to resync', async () => {
    const database = app.app.get(Database);
    await database.dataSource.query('DELETE FROM change_events WHERE id < (SELECT MAX(id) FROM change_events)');
    const client = connect({ since: 1 });
    const resync = collect(client, 'resync');
    await connected(client);
    await waitFor(() => resync.length === 1, 3000, 'resync');
    expect(resync[0].reason).toMatch(/refetch/);
  });

  it('sends stats with feed health and connected clients', async () => {
    const client = connect();
    const stats = collect(client, 'stats');
    await connected(client);
    const [first] = await waitFor(() => (stats.length ? stats : null), 8000, 'stats');
    expect(first.clients).toBeGreaterThanOrEqual(1);
    expect(first.feeds.ok + first.feeds.error + first.feeds.pending + first.feeds.stale).toBeGreaterThanOrEqual(1);
    expect(typeof first.lastHourByTopic).toBe('object');
  }, 15_000);
});

export type { StoryEvent };
