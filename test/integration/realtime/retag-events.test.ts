import type { ClientToServerEvents, Feed, Page, RetagJob, ServerToClientEvents, Story, StoryEvent, TaggingRules } from '@sentinel/shared';
import { io, Socket } from 'socket.io-client';
import { StoriesService } from '../../../server/src/stories/stories.service';
import { RetagService } from '../../../server/src/tagging-api/retag.service';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { rss, type TestItem } from '../../support/feed-documents';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const WILDLIFE_RULE = '\n\ntopic wildlife\n3 zebra*\n';

/** Re-tagging announces what it changed, like ingest: live, in the change log, and across shutdown. */
describe(`re-tagging and live events (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let items: TestItem[] = [];
  let db: TestDatabase;
  let app: RunningApp;
  const clients: Client[] = [];

  function connect(auth: Record<string, unknown> = {}): Client {
    const client: Client = io(app.url, { ...app.admin.socketOptions(auth), transports: ['websocket'], reconnection: false, forceNew: true });
    clients.push(client);
    return client;
  }
  const connected = (client: Client) => new Promise<void>((resolve, reject) => (client.connected ? resolve() : client.once('connect', () => resolve()).once('connect_error', reject)));
  const updatesOn = (client: Client) => {
    const seen: StoryEvent[] = [];
    client.on('story:updated', (event) => seen.push(event));
    return seen;
  };

  async function pollItems(next: TestItem[]): Promise<void> {
    items = next;
    const feed = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/feed-${Date.now()}.xml` })).body;
    await app.api('POST', `/api/feeds/${feed.id}/poll`);
  }
  const retagStatus = async () => (await app.api<RetagJob>('GET', '/api/tagging/retag')).body;
  const retagDone = () => waitFor(async () => ((await retagStatus()).state === 'done' ? retagStatus() : null), 20_000, 're-tag to finish');

  beforeAll(async () => {
    newsroom = await startFeedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Nature Desk', items)));
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(async () => {
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  it('pushes story:updated for each re-tagged story to open sockets, and replays it to one that was away', async () => {
    await pollItems([
      { title: 'Zebra herd crosses the river at dawn', guid: 'z1', link: 'https://news.example/z1', description: 'Wildlife guides counted thousands of zebras.', pubDate: new Date() },
      { title: 'Council approves new bus timetable', guid: 'b1', link: 'https://news.example/b1', description: 'Buses will run later on weekdays.', pubDate: new Date() },
    ]);
    const live = connect();
    const pushed = updatesOn(live);
    await connected(live);
    const rules = (await app.api<TaggingRules>('GET', '/api/tagging/rules')).body;
    expect((await app.api('PUT', '/api/tagging/rules', { text: rules.text + WILDLIFE_RULE })).status).toBe(200);

    expect((await app.api('POST', '/api/tagging/retag', {})).status).toBe(202);
    expect(await retagDone()).toMatchObject({ processed: 2, changed: 1 });
    const [event] = await waitFor(() => (pushed.length ? pushed : null), 5000, 'story:updated');
    expect(pushed).toHaveLength(1);
    expect(event.story).toMatchObject({ title: 'Zebra herd crosses the river at dawn', topics: ['wildlife'] });
    expect(event.eventId).toEqual(expect.any(Number));

    // A wall that was closed while the re-tag ran catches up from the change log.
    const resumed = connect({ since: event.eventId - 1 });
    const replayed = updatesOn(resumed);
    await connected(resumed);
    const [again] = await waitFor(() => (replayed.length ? replayed : null), 5000, 'replayed story:updated');
    expect(again).toEqual({ eventId: event.eventId, story: expect.objectContaining({ id: event.story.id, topics: ['wildlife'] }) });
  });

  it('announces nothing when a re-tag changes no tags', async () => {
    const live = connect();
    const pushed = updatesOn(live);
    await connected(live);
    expect((await app.api('POST', '/api/tagging/retag', {})).status).toBe(202);
    expect(await retagDone()).toMatchObject({ changed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pushed).toEqual([]);
  });

  it('stops between batches at shutdown without an error, says how far it got, and resumes on the next start', async () => {
    const herd = Array.from({ length: 450 }, (_, i): TestItem => ({
      title: `Zebra census ${i} finds more foals`,
      guid: `census-${i}`,
      link: `https://news.example/census/${i}`,
      description: 'Rangers counted the herd from the air.',
      pubDate: new Date(Date.now() - i * 1000),
    }));
    // Tagged before the wildlife rule exists, then the rule comes back: every census story changes.
    const base = (await app.api<TaggingRules>('GET', '/api/tagging/rules')).body.text.replace(WILDLIFE_RULE, '');
    expect((await app.api('PUT', '/api/tagging/rules', { text: base })).status).toBe(200);
    await pollItems(herd);
    expect((await app.api('PUT', '/api/tagging/rules', { text: base + WILDLIFE_RULE })).status).toBe(200);
    const wildlife = async () => {
      let count = 0;
      let cursor: string | null = '';
      while (cursor !== null) {
        const page: Page<Story> = (await app.api<Page<Story>>('GET', `/api/stories?topic=wildlife&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
        count += page.items.length;
        cursor = page.nextCursor;
      }
      return count;
    };
    const before = await wildlife();

    // Shutdown begins right after the first batch commits, and that batch waits until the job has been told to stop.
    const retag = app.app.get(RetagService);
    const stories = app.app.get(StoriesService);
    let shutdownBegun!: () => void;
    const begun = new Promise<void>((resolve) => (shutdownBegun = resolve));
    const stop = retag.beforeApplicationShutdown.bind(retag);
    jest.spyOn(retag, 'beforeApplicationShutdown').mockImplementation(() => {
      const stopped = stop();
      shutdownBegun();
      return stopped;
    });
    const batch = stories.retagBatch.bind(stories);
    let closing: Promise<void> | undefined;
    jest.spyOn(stories, 'retagBatch').mockImplementation(async (...args) => {
      const result = await batch(...args);
      if (!closing) {
        closing = app.close();
        await begun;
      }
      return result;
    });

    expect((await app.api('POST', '/api/tagging/retag', { since: '2000-01-01T00:00:00Z' })).status).toBe(202);
    await waitFor(() => closing !== undefined, 10_000, 'shutdown to begin');
    await expect(closing).resolves.toBeUndefined();
    const stopped = retag.status();
    expect(stopped).toMatchObject({ state: 'cancelled', processed: 200, error: null });
    expect(stopped.total).toBeGreaterThanOrEqual(452);

    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    const done = await retagDone();
    expect(done).toMatchObject({ since: '2000-01-01T00:00:00.000Z', processed: stopped.total, total: stopped.total, error: null });
    expect(done.changed).toBe(450);
    expect(await wildlife()).toBe(before + 450);
  }, 60_000);
});
