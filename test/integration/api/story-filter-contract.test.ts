import {
  type ClientToServerEvents,
  type Feed,
  type Page,
  parseStoryFilter,
  type ServerToClientEvents,
  type Story,
  type StoryFilter,
  storyFilterParams,
  storyMatchesFilter,
  type StoryMatchContext,
  type Taxonomy,
} from '@sentinel/shared';
import { io, type Socket } from 'socket.io-client';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { rss, type TestItem } from '../../support/feed-documents';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

/**
 * One meaning of a story filter: the same table of filters through the API's list (SQL), a live
 * socket subscription (the shared matcher on the server) and the shared matcher as the client
 * runs it, over the same stories, with identical results.
 */

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
type FeedName = 'levant' | 'europe' | 'wire';

const hour = 3600_000;
const base = Date.UTC(2026, 10, 20, 12);
const at = (hoursAgo: number) => new Date(base - hoursAgo * hour);

const FEEDS: Record<FeedName, { title: string; group?: string; items: TestItem[] }> = {
  levant: {
    title: 'Levant Desk',
    group: 'Arabic',
    items: [
      { title: 'Prison break in Hassaké', guid: 'l0', link: 'https://news.example/levant/prison-break', description: 'Detainees escaped from Ghwayran prison in northeast Syria.', pubDate: at(0) },
      { title: 'Airstrike on Idlib market', guid: 'l1', link: 'https://news.example/levant/idlib', description: 'Warplanes struck a crowded market in Idlib, Syria.', pubDate: at(1) },
      { title: 'Detainees moved to Iraq', guid: 'l2', link: 'https://news.example/levant/transfer', description: 'Hundreds of detainees were transferred from Syria to Baghdad.', pubDate: at(2) },
      { title: 'Ceasefire talks in Doha', guid: 'l3', link: 'https://news.example/levant/doha', description: 'Negotiators met in Doha, Qatar, for ceasefire talks.', pubDate: at(3) },
    ],
  },
  europe: {
    title: 'Europe Desk',
    group: 'Europe',
    items: [
      { title: 'Drone strike near Kharkiv', guid: 'e0', link: 'https://news.example/europe/kharkiv', description: 'Russian drones hit a power station near Kharkiv, Ukraine.', pubDate: at(0.5) },
      { title: "L'évasion de détenus à Hassake", guid: 'e1', link: 'https://news.example/europe/evasion', description: 'Des détenus se sont évadés en Syrie.', pubDate: at(1.5) },
      { title: 'Flooding in Sudan camps', guid: 'e2', link: 'https://news.example/europe/sudan', description: 'Heavy rain flooded camps around Khartoum, Sudan.', pubDate: at(4) },
    ],
  },
  wire: {
    title: 'Wire',
    items: [
      // Another outlet's copy of the Levant story: it becomes a second source of that story.
      { title: 'Prison break in Hassaké', guid: 'w0', link: 'https://news.example/levant/prison-break', description: 'Detainees escaped from Ghwayran prison in northeast Syria.', pubDate: at(0) },
      { title: 'Curfew lifted in Hasakah', guid: 'w1', link: 'https://news.example/wire/curfew', description: 'Authorities in northeast Syria lifted the curfew.', pubDate: at(2.5) },
      { title: 'Football: Jordan scores twice', guid: 'w2', link: 'https://news.example/wire/football', description: 'Jordan beat Oman in a friendly.', pubDate: at(5) },
    ],
  },
};

/** Each row: a filter (some built from the feeds' ids) and the titles it should find. */
const ROWS: { name: string; filter: (feeds: Record<FeedName, Feed>) => StoryFilter; titles: string[] }[] = [
  { name: 'no filter', filter: () => ({}), titles: ['*'] },
  { name: 'a country', filter: () => ({ regions: ['SY'] }), titles: ['Prison break in Hassaké', 'Airstrike on Idlib market', 'Detainees moved to Iraq', "L'évasion de détenus à Hassake", 'Curfew lifted in Hasakah'] },
  { name: 'a macro-region', filter: () => ({ regions: ['middle-east'] }), titles: ['Prison break in Hassaké', 'Airstrike on Idlib market', 'Detainees moved to Iraq', 'Ceasefire talks in Doha', "L'évasion de détenus à Hassake", 'Curfew lifted in Hasakah', 'Football: Jordan scores twice'] },
  { name: 'two countries', filter: () => ({ regions: ['UA', 'IQ'] }), titles: ['Detainees moved to Iraq', 'Drone strike near Kharkiv'] },
  { name: 'a topic', filter: () => ({ topics: ['airstrike'] }), titles: ['Airstrike on Idlib market', 'Drone strike near Kharkiv'] },
  { name: 'two topics', filter: () => ({ topics: ['prison-break', 'detainee-transfer'] }), titles: ['Prison break in Hassaké', 'Detainees moved to Iraq', "L'évasion de détenus à Hassake"] },
  { name: 'a search without accents', filter: () => ({ q: 'hassake' }), titles: ['Prison break in Hassaké', "L'évasion de détenus à Hassake"] },
  { name: 'a search with accents', filter: () => ({ q: 'HASSAKÉ' }), titles: ['Prison break in Hassaké', "L'évasion de détenus à Hassake"] },
  { name: 'a search with an elision', filter: () => ({ q: "l'Évasion détenus" }), titles: ["L'évasion de détenus à Hassake"] },
  { name: 'a search of two words', filter: () => ({ q: 'detainees syria' }), titles: ['Prison break in Hassaké', 'Detainees moved to Iraq'] },
  { name: 'a feed, through a later source', filter: (f) => ({ feedId: f.wire.id }), titles: ['Prison break in Hassaké', 'Curfew lifted in Hasakah', 'Football: Jordan scores twice'] },
  { name: 'a feed', filter: (f) => ({ feedId: f.europe.id }), titles: ['Drone strike near Kharkiv', "L'évasion de détenus à Hassake", 'Flooding in Sudan camps'] },
  { name: 'a group', filter: () => ({ group: 'Arabic' }), titles: ['Prison break in Hassaké', 'Airstrike on Idlib market', 'Detainees moved to Iraq', 'Ceasefire talks in Doha'] },
  { name: 'another group', filter: () => ({ group: 'Europe' }), titles: ['Drone strike near Kharkiv', "L'évasion de détenus à Hassake", 'Flooding in Sudan camps'] },
  { name: 'a group no feed has', filter: () => ({ group: 'Nobody' }), titles: [] },
  { name: 'since (inclusive)', filter: () => ({ since: at(1).toISOString() }), titles: ['Prison break in Hassaké', 'Drone strike near Kharkiv', 'Airstrike on Idlib market'] },
  { name: 'until (exclusive)', filter: () => ({ until: at(3).toISOString() }), titles: ['Flooding in Sudan camps', 'Football: Jordan scores twice'] },
  { name: 'since and until', filter: () => ({ since: at(2.5).toISOString(), until: at(1).toISOString() }), titles: ["L'évasion de détenus à Hassake", 'Detainees moved to Iraq', 'Curfew lifted in Hasakah'] },
  {
    name: 'a macro-region, a topic and a group',
    filter: () => ({ regions: ['middle-east'], topics: ['prison-break', 'detainee-transfer'], group: 'Europe' }),
    titles: ["L'évasion de détenus à Hassake"],
  },
  { name: 'a country and a search', filter: () => ({ regions: ['IQ'], q: 'detainees' }), titles: ['Detainees moved to Iraq'] },
  { name: 'a feed, a search and a time', filter: (f) => ({ feedId: f.levant.id, q: 'syria', since: at(1.5).toISOString() }), titles: ['Prison break in Hassaké', 'Airstrike on Idlib market'] },
];

/** The filter as a query string, the form the client's URL and the API both read. */
function queryString(filter: StoryFilter): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(storyFilterParams(filter))) for (const item of [value].flat()) search.append(key, item);
  return search.toString();
}

describe(`one story filter for the API, the socket and the client (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  const feeds = {} as Record<FeedName, Feed>;
  const sockets: Client[] = [];
  /** Per row: the ids of the stories the live subscription pushed (as new, or as updated when a later source made it match). */
  const pushed: Set<number>[] = [];

  beforeAll(async () => {
    newsroom = await startFeedServer((req, res) => {
      const name = req.url?.replace(/^\/|\.xml$/g, '') as FeedName;
      const feed = FEEDS[name];
      if (!feed) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(feed.title, feed.items));
    });
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false', SOCKETS_PER_PRINCIPAL: '50' }));
    for (const name of Object.keys(FEEDS) as FeedName[]) {
      const created = await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/${name}.xml`, title: FEEDS[name].title, group: FEEDS[name].group });
      expect(created.status).toBe(201);
      feeds[name] = created.body;
    }
    // A live subscription per row, made before any story exists.
    for (const row of ROWS) {
      const socket: Client = io(app.url, { ...app.admin.socketOptions({}), transports: ['websocket'], reconnection: false, forceNew: true });
      const seen = new Set<number>();
      socket.on('story:new', ({ story }) => seen.add(story.id));
      socket.on('story:updated', ({ story }) => seen.add(story.id));
      sockets.push(socket);
      pushed.push(seen);
      await new Promise<void>((resolve, reject) => socket.once('connect', () => resolve()).once('connect_error', reject));
      expect(await socket.emitWithAck('subscribe', row.filter(feeds))).toEqual({ ok: true });
    }
    for (const name of ['levant', 'europe', 'wire'] as FeedName[]) {
      const polled = await app.api<{ status: string }>('POST', `/api/feeds/${feeds[name].id}/poll`);
      expect(polled.body.status).toBe('ok');
    }
    // Every event was written to every socket before the poll answered; one round trip per socket sees them all in.
    for (const [index, socket] of sockets.entries()) await socket.emitWithAck('subscribe', ROWS[index].filter(feeds));
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  let all: Story[];
  let context: StoryMatchContext;

  beforeAll(async () => {
    all = (await app.api<Page<Story>>('GET', '/api/stories?limit=200')).body.items;
    const taxonomy = (await app.api<Taxonomy>('GET', '/api/taxonomy')).body;
    const listed = (await app.api<Feed[]>('GET', '/api/feeds')).body;
    const macros = new Map<string, readonly string[]>(taxonomy.macroRegions.map((macro) => [macro.id, macro.countries]));
    const groups = new Map(listed.map((feed) => [feed.id, feed.group]));
    // What the client holds: the taxonomy and the feed list from the API.
    context = { resolveRegion: (id) => macros.get(id) ?? (/^[a-z]{2}$/i.test(id) ? [id.toUpperCase()] : null), groupOf: (id) => groups.get(id) };
  });

  it('stores the stories the table is about, one of them from two feeds', () => {
    expect(all).toHaveLength(9);
    const merged = all.find((story) => story.title === 'Prison break in Hassaké');
    expect(merged?.sources.map((source) => source.feedId)).toEqual([feeds.levant.id, feeds.wire.id]);
  });

  it.each(ROWS.map((row, index) => [row.name, index] as const))('%s: the API, the live subscription and the client matcher agree', async (_name, index) => {
    const row = ROWS[index];
    const filter = row.filter(feeds);
    const query = queryString(filter);
    const response = await app.api<Page<Story>>('GET', `/api/stories?limit=200&${query}`);
    expect(response.status).toBe(200);
    const fromApi = response.body.items.map((story) => story.id).sort();
    // The client reads its filter back from the URL with the shared parser, then matches with the shared matcher.
    const parsed = parseStoryFilter(Object.fromEntries([...new URLSearchParams(query).keys()].map((key) => [key, new URLSearchParams(query).getAll(key)])));
    expect(parsed).toEqual({ ok: true, filter });
    const fromClient = all.filter((story) => storyMatchesFilter(filter, story, context)).map((story) => story.id).sort();
    const fromSocket = [...pushed[index]].sort();

    const expected = row.titles[0] === '*' ? all.map((story) => story.title) : row.titles;
    expect(response.body.items.map((story) => story.title).sort()).toEqual([...expected].sort());
    expect(fromSocket).toEqual(fromApi);
    expect(fromClient).toEqual(fromApi);
  });

  it.each([
    [{ regions: ['atlantis'] }, /^region "atlantis" is not known/],
    [{ topics: ['football'] }, /^topic "football" is not known/],
    [{ group: 'g'.repeat(201) }, /^group must be at most 200 characters$/],
    [{ feedId: '0' }, /^feedId must be a whole number from 1 to 2147483647$/],
    [{ q: '¿?' }, /^q must contain at least one letter or digit$/],
    [{ since: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' }, /^since must be earlier than until$/],
    [{ colour: 'red' }, /^property colour should not exist/],
  ])('refuses %j with the same message on the API and the socket', async (input, message) => {
    const response = await app.api<{ message: string }>('GET', `/api/stories?${new URLSearchParams(input as Record<string, string>)}`);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(message);
    const socket = sockets[0];
    const refused = await socket.emitWithAck('subscribe', input as StoryFilter);
    // The API also lists its page fields; the socket names only the filter's.
    expect(refused).toEqual({ ok: false, error: `subscribe: ${response.body.message.replace(', limit, cursor', '')}` });
  });
});
