import type { AuditEntry, Cluster, ClusterDetail, ClusterEvent, ClientToServerEvents, Feed, Page, ServerToClientEvents, Story } from '@sentinel/shared';
import { io, Socket } from 'socket.io-client';
import type { FeedTestServer } from '../../support/feed-test-server';
import { addOutletFeeds, type Outlets, startOutlets } from '../../support/outlets';
import { ClustersService } from '../../../server/src/clusters/clusters.service';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const ORIGINAL = {
  title: "Islamic State fighters storm Ghwayran prison in Syria's Hasakah",
  description: 'Militants attacked the Ghwayran prison in Hasakah late on Thursday, and at least 281 inmates escaped, a Kurdish official said on Friday.',
};

/** Five outlets: three report one prison break in their own words, one republishes the wire's text, one is about something else. */
const OUTLETS: Outlets = {
  reuters: { site: 'https://www.reuters.com/world/', items: [{ ...ORIGINAL, guid: 'r1', link: 'https://www.reuters.com/world/ghwayran' }] },
  bbc: {
    site: 'https://www.bbc.co.uk/news',
    items: [{ title: 'Syria jailbreak: dozens of inmates flee Hasakah prison after attack', description: 'Jihadists blamed for an assault on the Ghwayran jail in which dozens of prisoners escaped, officials say.', guid: 'b1', link: 'https://www.bbc.co.uk/news/ghwayran' }],
  },
  aljazeera: {
    site: 'https://www.aljazeera.com/',
    items: [{ title: 'Kurdish forces hunt escapees after assault on Ghwayran jail', description: 'About 100 inmates escaped from the prison in Hasakah during the attack, according to the Syrian Observatory.', guid: 'a1', link: 'https://www.aljazeera.com/news/ghwayran' }],
  },
  copier: { site: 'https://www.dailynews.example.net/', items: [{ ...ORIGINAL, guid: 'c1', link: 'https://www.dailynews.example.net/ghwayran' }] },
  other: {
    site: 'https://www.dawn.com/',
    items: [{ title: "Floods displace thousands in Pakistan's Sindh province", description: 'Heavy monsoon rains flooded villages across Sindh.', guid: 'd1', link: 'https://www.dawn.com/floods' }],
  },
};

describe(`events (clusters) from feeds to the API and the socket (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  const clients: Client[] = [];
  const feeds: Record<string, Feed> = {};

  const connect = (auth: Record<string, unknown> = {}): Client => {
    const client: Client = io(app.url, { ...app.admin.socketOptions(auth), transports: ['websocket'], reconnection: false, forceNew: true });
    clients.push(client);
    return client;
  };
  const connected = (client: Client) => new Promise<void>((resolve, reject) => (client.connected ? resolve() : client.once('connect', () => resolve()).once('connect_error', reject)));
  const clusterEventsOn = (client: Client) => {
    const seen: { kind: 'cluster:new' | 'cluster:updated'; event: ClusterEvent }[] = [];
    client.on('cluster:new', (event) => seen.push({ kind: 'cluster:new', event }));
    client.on('cluster:updated', (event) => seen.push({ kind: 'cluster:updated', event }));
    return seen;
  };
  const poll = async (name: string) => expect((await app.api('POST', `/api/feeds/${feeds[name].id}/poll`)).status).toBeLessThan(300);
  const clusters = async (query = '') => (await app.api<Page<Cluster>>('GET', `/api/clusters${query}`)).body;
  const prisonBreak = async () => (await clusters('?q=ghwayran')).items[0];

  beforeAll(async () => {
    newsroom = await startOutlets(OUTLETS);
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    Object.assign(feeds, await addOutletFeeds(app, newsroom, OUTLETS));
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(async () => {
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  it('counts outlets from each feed\'s site after a poll, and lets an editor set outlet and tier', async () => {
    await poll('bbc');
    const bbc = (await app.api<Feed>('GET', `/api/feeds/${feeds.bbc.id}`)).body;
    expect(bbc).toMatchObject({ outlet: 'bbc.co.uk', tier: 'major' });
    const edited = await app.api<Feed>('PATCH', `/api/feeds/${feeds.copier.id}`, { outlet: 'dailynews.example.net', tier: 'regional' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ outlet: 'dailynews.example.net', tier: 'regional' });
    const bad = await app.api<{ message: string }>('PATCH', `/api/feeds/${feeds.copier.id}`, { tier: 'gossip' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/tier must be one of wire, major/);
  });

  it('makes one event of three outlets and a wire copy, announces it on the socket, and keeps the unrelated story apart', async () => {
    const live = connect();
    const seen = clusterEventsOn(live);
    await connected(live);
    await poll('reuters');
    await waitFor(async () => (await prisonBreak())?.sources.list.length === 2, 10_000, 'reuters joins the bbc event');
    await poll('aljazeera');
    await poll('copier');
    await poll('other');
    const event = await waitFor(async () => {
      const found = await prisonBreak();
      return found?.storyCount === 4 ? found : null;
    }, 10_000, 'the prison break with four stories');

    expect(event.sources.outlets).toBe(4);
    expect(event.sources.independent).toBe(3);
    const reutersStory = event.sources.list.find((s) => s.outlet === 'reuters.com');
    expect(event.sources.list.find((s) => s.outlet === 'dailynews.example.net')).toMatchObject({ copyOf: reutersStory?.storyId });
    expect(event.corroboration).toEqual({ level: 'wire-and-others', text: 'wire service and 2 others' });
    expect(event.regions).toEqual(['SY']);
    expect(event.topics).toContain('prison-break');
    expect(event.places).toEqual(expect.arrayContaining(['Ghwayran prison', 'Hasakah']));
    expect(event.conflicts).toEqual([
      { what: 'escaped', values: [
        { value: 24, text: 'dozens', sources: [expect.any(Number)] },
        { value: 100, text: 'About 100 inmates', sources: [expect.any(Number)] },
        { value: 281, text: 'at least 281 inmates', sources: [reutersStory?.storyId, expect.any(Number)] },
      ] },
    ]);
    expect(event.headline.title).toMatch(/Ghwayran|Hasakah/);

    const all = await clusters();
    expect(all.items.map((c) => c.storyCount).sort()).toEqual([1, 4]);
    expect(all.items[0].id).toBe((await waitFor(async () => (await clusters('?q=sindh')).items[0], 5000, 'flood event')).id);

    // The timeline, oldest first, and stories carry their event.
    const detail = (await app.api<ClusterDetail>('GET', `/api/clusters/${event.id}`)).body;
    expect(detail.stories.map((s) => s.id)).toEqual(event.storyIds);
    const story = (await app.api<Story>('GET', `/api/stories/${event.storyIds[0]}`)).body;
    expect(story.clusterId).toBe(event.id);

    // On the socket: cluster:new when bbc started it, then cluster:updated as outlets joined.
    const forEvent = await waitFor(() => {
      const mine = seen.filter((s) => s.event.cluster.id === event.id);
      return mine.length >= 3 ? mine : null;
    }, 5000, 'cluster events');
    expect(forEvent.every((s) => s.kind === 'cluster:updated')).toBe(true);
    expect(seen.find((s) => s.event.cluster.id !== event.id)?.kind).toBe('cluster:new');

    // Filters.
    expect((await clusters('?region=SY')).items.map((c) => c.id)).toEqual([event.id]);
    expect((await clusters('?topic=prison-break&minSources=3')).items.map((c) => c.id)).toEqual([event.id]);
    expect((await clusters('?minSources=4')).items).toEqual([]);
    const first = await clusters('?limit=1');
    expect(first.items).toHaveLength(1);
    expect((await clusters(`?limit=1&cursor=${first.nextCursor}`)).items.map((c) => c.id)).not.toContain(first.items[0].id);
    const bad = await app.api<{ message: string }>('GET', '/api/clusters?minSources=lots');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/minSources must be a whole number/);
    expect((await app.api<{ message: string }>('GET', '/api/clusters?region=XX-nowhere')).status).toBe(400);
  });

  it('replays cluster events to a socket that reconnects with the last event id it saw', async () => {
    const event = await prisonBreak();
    const resumed = connect({ since: 0 });
    const seen = clusterEventsOn(resumed);
    await connected(resumed);
    const replayed = await waitFor(() => (seen.some((s) => s.event.cluster.id === event.id) ? seen : null), 5000, 'replayed cluster events');
    expect(replayed.find((s) => s.event.cluster.id === event.id)?.event.cluster.storyCount).toBe(4);
  });

  it('gives a scoped wall only the events in its scope', async () => {
    const wall = await app.withToken({ name: 'pakistan wall', role: 'wall', regions: ['PK'] });
    const listed = (await wall.api<Page<Cluster>>('GET', '/api/clusters')).body.items;
    expect(listed.map((c) => c.regions)).toEqual([['PK']]);
    const hidden = await prisonBreak();
    expect((await wall.api('GET', `/api/clusters/${hidden.id}`)).status).toBe(404);
  });

  it('splits stories out and merges events back, by analysts only, and both stick and are audited', async () => {
    const event = await prisonBreak();
    const viewer = await app.as('viewer');
    expect((await viewer.api('POST', `/api/clusters/${event.id}/merge`, { into: 1 })).status).toBe(403);
    const analyst = await app.as('analyst');
    const aljazeera = event.sources.list.find((s) => s.outlet === 'aljazeera.com')!.storyId;

    const missing = await analyst.api<{ message: string }>('POST', `/api/clusters/${event.id}/split`, { storyIds: [] });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/storyIds must name at least one story/);
    const outside = await analyst.api<{ message: string }>('POST', `/api/clusters/${event.id}/split`, { storyIds: [999999] });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toMatch(/not in it: 999999/);

    const split = await analyst.api<Cluster>('POST', `/api/clusters/${event.id}/split`, { storyIds: [aljazeera] });
    expect(split.status).toBe(201);
    expect(split.body).toMatchObject({ storyIds: [aljazeera], sources: { outlets: 1 } });
    expect((await app.api<ClusterDetail>('GET', `/api/clusters/${event.id}`)).body.storyCount).toBe(3);

    // A later Al Jazeera follow-up on the same wording goes to the split event.
    OUTLETS.aljazeera.items.push({ title: 'Kurdish forces still hunt escapees after assault on Ghwayran jail', description: 'About 100 inmates escaped from the prison in Hasakah; the Syrian Observatory says few were caught.', guid: 'a2', link: 'https://www.aljazeera.com/news/ghwayran-2' });
    await poll('aljazeera');
    await waitFor(async () => (await app.api<ClusterDetail>('GET', `/api/clusters/${split.body.id}`)).body.storyCount === 2, 10_000, 'follow-up joins the split event');

    const selfMerge = await analyst.api<{ message: string }>('POST', `/api/clusters/${event.id}/merge`, { into: event.id });
    expect(selfMerge.status).toBe(400);
    const merged = await analyst.api<Cluster>('POST', `/api/clusters/${split.body.id}/merge`, { into: event.id });
    expect(merged.status).toBe(200);
    expect(merged.body.storyCount).toBe(5);
    expect((await app.api('GET', `/api/clusters/${split.body.id}`)).status).toBe(404);

    const audit = (await app.api<Page<AuditEntry>>('GET', '/api/audit')).body.items.map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['cluster.split', 'cluster.merge']));
  });

  it('places, after a restart, a story stored while events were not being built', async () => {
    // The clusters room stops listening (as when the process dies between a story's commit and its placing).
    await app.app.get(ClustersService).beforeApplicationShutdown();
    OUTLETS.other.items.push({ title: "Sindh floods: thousands more displaced as rivers rise", description: 'Villages across Sindh in Pakistan were flooded again.', guid: 'd2', link: 'https://www.dawn.com/floods-2' });
    await poll('other');
    const stories = (await app.api<Page<Story>>('GET', '/api/stories?q=rivers')).body.items;
    expect(stories.map((story) => [story.title, story.clusterId])).toEqual([["Sindh floods: thousands more displaced as rivers rise", null]]);
    await app.close();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    const placed = await waitFor(async () => (await app.api<Story>('GET', `/api/stories/${stories[0].id}`)).body.clusterId, 10_000, 'the missed story placed after the restart');
    expect((await app.api<ClusterDetail>('GET', `/api/clusters/${placed}`)).body.storyIds).toContain(stories[0].id);
  });
});
