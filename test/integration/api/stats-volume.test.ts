import { type ApiError, type ClientToServerEvents, type Feed, type Page, type ServerToClientEvents, type StatsEvent, type Story, type Taxonomy, volumeEventKey, type VolumeResponse } from '@sentinel/shared';
import { io, type Socket } from 'socket.io-client';
import { ClustersService } from '../../../server/src/clusters/clusters.service';
import { Database } from '../../../server/src/database/database';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { rss, type TestItem } from '../../support/feed-documents';
import { type ApiClient, type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

const at = (iso: string) => new Date(iso);

/** Two desks: a wire with news from Syria and elsewhere, and a nature blog in the group "Features". */
const WIRE: TestItem[] = [
  { title: 'Airstrike hits fuel depot in Idlib', guid: 'w1', link: 'https://wire.example/w1', description: 'Warplanes struck a fuel depot near Idlib in northwest Syria.', pubDate: at('2026-01-10T10:15:00Z') },
  { title: 'Dozens of ISIS detainees escape Hasakah prison', guid: 'w2', link: 'https://wire.example/w2', description: 'Fighting near a detention facility in Hasakah, northeast Syria, let dozens of prisoners break out overnight.', pubDate: at('2026-01-10T10:40:00Z') },
  { title: 'Shelling reported near Kharkiv', guid: 'w3', link: 'https://wire.example/w3', description: 'Artillery fire hit the outskirts of Kharkiv in Ukraine overnight.', pubDate: at('2026-01-11T09:00:00Z') },
];
const NATURE: TestItem[] = [
  { title: 'Zebra herd crosses the river at dawn', guid: 'n1', link: 'https://nature.example/n1', description: 'Wildlife guides counted thousands of zebras.', pubDate: at('2026-01-10T12:05:00Z') },
];

/** What the volume should be, counted here from the story list for the same filter. */
function expectedCounts(stories: Story[], by: 'topic' | 'region', bucketMs: number): Map<number, Record<string, number>> {
  const buckets = new Map<number, Record<string, number>>();
  for (const story of stories) {
    const start = Math.floor(Date.parse(story.publishedAt) / bucketMs) * bucketMs;
    const counts = buckets.get(start) ?? {};
    const tags = by === 'topic' ? story.topics : story.regions;
    for (const tag of tags.length ? tags : ['none']) counts[tag] = (counts[tag] ?? 0) + 1;
    buckets.set(start, counts);
  }
  return buckets;
}

/** What the event volume should be, counted here from the story list with the shared definition of a story's event. */
function expectedEventCounts(stories: Story[], by: 'topic' | 'region', bucketMs: number): Map<number, Record<string, number>> {
  const events = new Map<number, Map<string, Set<number>>>();
  for (const story of stories) {
    const start = Math.floor(Date.parse(story.publishedAt) / bucketMs) * bucketMs;
    const tags = by === 'topic' ? story.topics : story.regions;
    const bucket = events.get(start) ?? new Map<string, Set<number>>();
    for (const tag of tags.length ? tags : ['none']) bucket.set(tag, (bucket.get(tag) ?? new Set()).add(volumeEventKey(story)));
    events.set(start, bucket);
  }
  return new Map([...events].map(([start, bucket]) => [start, Object.fromEntries([...bucket].map(([tag, keys]) => [tag, keys.size]))]));
}

describe(`GET /api/stats/volume (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  let wire: Feed;

  const volume = (query: string, client: ApiClient = app.admin) => client.api<VolumeResponse & ApiError>('GET', `/api/stats/volume?${query}`);
  const storiesFor = async (query: string, client: ApiClient = app.admin) => (await client.api<Page<Story>>('GET', `/api/stories?limit=200&${query}`)).body.items;

  beforeAll(async () => {
    newsroom = await startFeedServer((req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(req.url?.includes('nature') ? rss('Nature Desk', NATURE) : rss('Wire', WIRE)));
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    wire = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/wire.xml` })).body;
    const nature = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/nature.xml`, group: 'Features' })).body;
    await app.api('POST', `/api/feeds/${wire.id}/poll`);
    await app.api('POST', `/api/feeds/${nature.id}/poll`);
    expect(await storiesFor('')).toHaveLength(4);
  });

  afterAll(async () => {
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  it('counts stories per hour by topic, every bucket from since to until, empty ones included', async () => {
    const answer = await volume('by=topic&bucket=hour&since=2026-01-10T09:00:00Z&until=2026-01-10T13:00:00Z');
    expect(answer.status).toBe(200);
    expect(answer.body.by).toBe('topic');
    expect(answer.body.bucket).toBe('hour');
    // Stories unless asked otherwise; the totals are the buckets summed.
    expect(answer.body.count).toBe('stories');
    const summed: Record<string, number> = {};
    for (const bucket of answer.body.buckets) for (const [tag, n] of Object.entries(bucket.counts)) summed[tag] = (summed[tag] ?? 0) + n;
    expect(answer.body.totals).toEqual(summed);
    // The change-log position the counts include, so a client adds only the story:new events after it.
    expect(answer.body.asOf).toBeGreaterThanOrEqual(4);
    expect(answer.body.buckets.map((b) => b.start)).toEqual(['2026-01-10T09:00:00.000Z', '2026-01-10T10:00:00.000Z', '2026-01-10T11:00:00.000Z', '2026-01-10T12:00:00.000Z']);
    const [nine, ten, eleven, noon] = answer.body.buckets;
    expect(nine.counts).toEqual({});
    expect(ten.counts['prison-break']).toBe(1);
    expect(eleven.counts).toEqual({});
    // An untagged story still counts, under "none", so the total volume stays true.
    expect(noon.counts).toEqual({ none: 1 });
    const expected = expectedCounts(await storiesFor('since=2026-01-10T09:00:00Z&until=2026-01-10T13:00:00Z'), 'topic', 3_600_000);
    for (const bucket of answer.body.buckets) expect(bucket.counts).toEqual(expected.get(Date.parse(bucket.start)) ?? {});
  });

  it('counts stories per day by region, a story with no region under "none"', async () => {
    const answer = await volume('by=region&bucket=day&since=2026-01-09T00:00:00Z&until=2026-01-12T00:00:00Z');
    expect(answer.status).toBe(200);
    expect(answer.body.buckets.map((b) => b.start)).toEqual(['2026-01-09T00:00:00.000Z', '2026-01-10T00:00:00.000Z', '2026-01-11T00:00:00.000Z']);
    expect(answer.body.buckets[1].counts).toMatchObject({ SY: 2, none: 1 });
    expect(answer.body.buckets[2].counts).toMatchObject({ UA: 1 });
    const expected = expectedCounts(await storiesFor(''), 'region', 86_400_000);
    for (const bucket of answer.body.buckets) expect(bucket.counts).toEqual(expected.get(Date.parse(bucket.start)) ?? {});
  });

  it.each([
    ['a country', 'regions=SY'],
    ['a macro-region, by the old parameter name', 'region=middle-east'],
    ['a topic', 'topics=prison-break'],
    ['search words', 'q=zebra'],
    ['a feed', () => `feedId=${wire.id}`],
    ['a feed group', 'group=Features'],
    ['several fields at once', 'regions=SY&q=fuel'],
  ])('narrows to the stories the list shows for %s', async (_name, filter) => {
    const query = typeof filter === 'function' ? filter() : filter;
    const window = 'since=2026-01-09T00:00:00Z&until=2026-01-12T00:00:00Z';
    const stories = await storiesFor(`${query}&${window}`);
    expect(stories.length).toBeGreaterThan(0);
    for (const by of ['topic', 'region'] as const) {
      const answer = await volume(`by=${by}&bucket=day&${window}&${query}`);
      expect(answer.status).toBe(200);
      const expected = expectedCounts(stories, by, 86_400_000);
      for (const bucket of answer.body.buckets) expect([query, bucket.start, bucket.counts]).toEqual([query, bucket.start, expected.get(Date.parse(bucket.start)) ?? {}]);
      // The same filter counting events: the SQL's event of a story is the shared one.
      const events = await volume(`by=${by}&bucket=day&count=events&${window}&${query}`);
      expect(events.status).toBe(200);
      const expectedEvents = expectedEventCounts(stories, by, 86_400_000);
      for (const bucket of events.body.buckets) expect([query, bucket.start, bucket.counts]).toEqual([query, bucket.start, expectedEvents.get(Date.parse(bucket.start)) ?? {}]);
    }
  });

  it('without since starts at the first matching story and runs to now', async () => {
    const answer = await volume('by=topic&bucket=day&q=zebra');
    expect(answer.status).toBe(200);
    expect(answer.body.buckets[0]).toEqual({ start: '2026-01-10T00:00:00.000Z', counts: { none: 1 } });
    const last = answer.body.buckets.at(-1)!;
    expect(Date.parse(last.start)).toBe(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    expect((await volume('by=topic&bucket=day&q=nothingmatchesthis')).body.buckets).toEqual([]);
  });

  it('shows a scoped wall token only the stories of its scope', async () => {
    const wall = await app.withToken({ name: 'Syria wall', role: 'wall', regions: ['SY'] });
    const answer = await volume('by=region&bucket=day&since=2026-01-09T00:00:00Z&until=2026-01-12T00:00:00Z', wall);
    expect(answer.status).toBe(200);
    expect(answer.body.buckets.map((b) => b.counts)).toEqual([{}, { SY: 2 }, {}]);
    // Asking outside the scope finds nothing rather than everything.
    const outside = await volume('by=region&bucket=day&since=2026-01-09T00:00:00Z&until=2026-01-12T00:00:00Z&regions=UA', wall);
    expect(outside.body.buckets).toEqual([]);
  });

  it.each([
    ['no by', 'bucket=hour', /by is required: topic or region/],
    ['an unknown by', 'by=feed&bucket=hour', /by must be topic or region/],
    ['no bucket', 'by=topic', /bucket is required: hour or day/],
    ['an unknown bucket', 'by=topic&bucket=week', /bucket must be hour or day/],
    ['a since that is not a date', 'by=topic&bucket=hour&since=yesterday', /since must be an ISO 8601 date/],
    ['since after until', 'by=topic&bucket=hour&since=2026-01-11T00:00:00Z&until=2026-01-10T00:00:00Z', /since must be earlier than until/],
    ['an unknown region', 'by=topic&bucket=day&regions=atlantis', /region "atlantis" is not known/],
    ['an unknown parameter', 'by=topic&bucket=day&limit=5', /property limit should not exist/],
    ['an unknown count', 'by=topic&bucket=day&count=clusters', /count must be stories or events/],
    ['an empty count', 'by=topic&bucket=day&count=', /count must be stories or events/],
    ['too many buckets', 'by=topic&bucket=hour&since=2025-01-01T00:00:00Z&until=2026-01-01T00:00:00Z', /spans 8760 hours; a series holds at most 2000 buckets: narrow since and until or use bucket=day/],
  ])('refuses %s with 400 and what to fix', async (_name, query, message) => {
    const answer = await volume(query);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(message);
  });
});

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Two prison breaks in one hour, each an event of several outlets: Ghwayran (Syria) told by three
 * outlets at 10:xx and followed up by a fourth at 11:15, and Maiduguri (Nigeria) told by two.
 */
const PRISON_BREAKS: Record<string, { site: string; item: TestItem }> = {
  reuters: {
    site: 'https://www.reuters.com/world/',
    item: { title: "Islamic State fighters storm Ghwayran prison in Syria's Hasakah", description: 'Militants attacked the Ghwayran prison in Hasakah late on Thursday, and at least 281 inmates escaped, a Kurdish official said on Friday.', guid: 'r1', link: 'https://www.reuters.com/world/ghwayran', pubDate: at('2026-02-03T10:05:00Z') },
  },
  bbc: {
    site: 'https://www.bbc.co.uk/news',
    item: { title: 'Syria jailbreak: dozens of inmates flee Hasakah prison after attack', description: 'Jihadists blamed for an assault on the Ghwayran jail in which dozens of prisoners escaped, officials say.', guid: 'b1', link: 'https://www.bbc.co.uk/news/ghwayran', pubDate: at('2026-02-03T10:20:00Z') },
  },
  aljazeera: {
    site: 'https://www.aljazeera.com/',
    item: { title: 'Kurdish forces hunt escapees after assault on Ghwayran jail', description: 'About 100 inmates escaped from the prison in Hasakah during the attack, according to the Syrian Observatory.', guid: 'a1', link: 'https://www.aljazeera.com/news/ghwayran', pubDate: at('2026-02-03T10:40:00Z') },
  },
  rudaw: {
    site: 'https://www.rudaw.net/english',
    item: { title: 'Kurdish-led forces recapture dozens of Ghwayran prison escapees in Hasakah', description: 'The SDF said it had recaptured dozens of the inmates who escaped from the Ghwayran prison in Hasakah.', guid: 'k1', link: 'https://www.rudaw.net/english/ghwayran', pubDate: at('2026-02-03T11:15:00Z') },
  },
  premiumtimes: {
    site: 'https://www.premiumtimesng.com/',
    item: { title: 'Gunmen free hundreds of inmates from Maiduguri prison in Nigeria', description: 'Attackers stormed the Maiduguri custodial centre in Borno state overnight and more than 200 inmates escaped, prison officials said.', guid: 'p1', link: 'https://www.premiumtimesng.com/maiduguri', pubDate: at('2026-02-03T10:10:00Z') },
  },
  punch: {
    site: 'https://punchng.com/',
    item: { title: 'Nigeria jailbreak: Maiduguri prison attacked, inmates escape', description: 'Hundreds of prisoners fled after gunmen attacked the prison in Maiduguri, Borno state, officials said on Sunday.', guid: 'u1', link: 'https://punchng.com/maiduguri', pubDate: at('2026-02-03T10:50:00Z') },
  },
};

describe(`GET /api/stats/volume?count=events and the stats event (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  let stories: Story[];
  const clients: Client[] = [];

  const volume = (query: string) => app.api<VolumeResponse & ApiError>('GET', `/api/stats/volume?${query}`);
  const hours = 'since=2026-02-03T10:00:00Z&until=2026-02-03T12:00:00Z';
  const storyFrom = (outlet: string) => stories.find((story) => story.url === PRISON_BREAKS[outlet].item.link)!;

  beforeAll(async () => {
    newsroom = await startFeedServer((req, res) => {
      const outlet = PRISON_BREAKS[(req.url ?? '').replace(/^\/|\.xml$/g, '')];
      if (!outlet) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(`${req.url} desk`, [outlet.item], { link: outlet.site }));
    });
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    for (const name of Object.keys(PRISON_BREAKS)) {
      const feed = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/${name}.xml`, title: `${name} desk` })).body;
      expect((await app.api('POST', `/api/feeds/${feed.id}/poll`)).status).toBeLessThan(300);
      // One outlet at a time, in order, as a newsroom would see them: each is placed before the next arrives.
      await app.app.get(ClustersService).idle();
    }
    stories = (await app.api<Page<Story>>('GET', '/api/stories?limit=200')).body.items;
    // The events the counts below rest on: one for Ghwayran, another for Maiduguri.
    const ghwayran = ['reuters', 'bbc', 'aljazeera', 'rudaw'].map((outlet) => storyFrom(outlet).clusterId);
    const maiduguri = ['premiumtimes', 'punch'].map((outlet) => storyFrom(outlet).clusterId);
    expect(new Set(ghwayran).size).toBe(1);
    expect(new Set(maiduguri).size).toBe(1);
    expect(ghwayran[0]).not.toBe(maiduguri[0]);
    expect(ghwayran[0]).not.toBeNull();
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  afterAll(async () => {
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  it('counts three stories of one event as 3 stories and as 1 event', async () => {
    const asStories = await volume(`by=region&bucket=hour&${hours}`);
    const asEvents = await volume(`by=region&bucket=hour&count=events&${hours}`);
    expect(asStories.status).toBe(200);
    expect(asEvents.status).toBe(200);
    expect(asStories.body.count).toBe('stories');
    expect(asEvents.body.count).toBe('events');
    const [tenAsStories] = asStories.body.buckets;
    const [tenAsEvents] = asEvents.body.buckets;
    expect(tenAsStories).toEqual({ start: '2026-02-03T10:00:00.000Z', counts: { SY: 3, NG: 2 } });
    expect(tenAsEvents).toEqual({ start: '2026-02-03T10:00:00.000Z', counts: { SY: 1, NG: 1 } });
  });

  it('counts two events in one bucket as 2, however many stories each has', async () => {
    const asStories = await volume(`by=topic&bucket=hour&${hours}`);
    const asEvents = await volume(`by=topic&bucket=hour&count=events&${hours}`);
    expect(asStories.body.buckets[0].counts['prison-break']).toBe(5);
    expect(asEvents.body.buckets[0].counts['prison-break']).toBe(2);
    for (const [answer, expected] of [[asStories, expectedCounts(stories, 'topic', 3_600_000)], [asEvents, expectedEventCounts(stories, 'topic', 3_600_000)]] as const) {
      for (const bucket of answer.body.buckets) expect(bucket.counts).toEqual(expected.get(Date.parse(bucket.start)) ?? {});
    }
  });

  it('counts an event in each hour it gained a story, and once in a total over both', async () => {
    const byHour = await volume(`by=region&bucket=hour&count=events&${hours}`);
    expect(byHour.body.buckets.map((bucket) => bucket.counts.SY)).toEqual([1, 1]);
    // Summed over the hours it would be 2: the total counts the event once.
    expect(byHour.body.totals).toEqual({ SY: 1, NG: 1 });
    const byDay = await volume('by=region&bucket=day&count=events&since=2026-02-03T00:00:00Z&until=2026-02-04T00:00:00Z');
    expect(byDay.body.buckets).toEqual([{ start: '2026-02-03T00:00:00.000Z', counts: { SY: 1, NG: 1 } }]);
    const storiesByDay = await volume('by=region&bucket=day&since=2026-02-03T00:00:00Z&until=2026-02-04T00:00:00Z');
    expect(storiesByDay.body.buckets[0].counts).toEqual({ SY: 4, NG: 2 });
    expect(storiesByDay.body.totals).toEqual({ SY: 4, NG: 2 });
  });

  it('narrows the event counts with the same filter as the story counts', async () => {
    const nigeria = await volume(`by=topic&bucket=hour&count=events&regions=NG&${hours}`);
    expect(nigeria.body.buckets.map((bucket) => bucket.counts)).toEqual([{ 'prison-break': 1 }, {}]);
    const followUp = await volume(`by=region&bucket=hour&count=events&q=recapture&${hours}`);
    expect(followUp.body.buckets.map((bucket) => bucket.counts)).toEqual([{}, { SY: 1 }]);
  });

  it('sends the last hour\'s events beside its stories in the stats event', async () => {
    const taxonomy = (await app.api<Taxonomy>('GET', '/api/taxonomy')).body;
    const macroOf = (code: string) => taxonomy.regions.find((region) => region.code === code)!.macroRegion;
    // Every story was first seen moments ago and placed by now: a stats event counted from now on counts them all.
    const placedBy = Date.now();
    const client: Client = io(app.url, { ...app.admin.socketOptions(), transports: ['websocket'], reconnection: false, forceNew: true });
    clients.push(client);
    const received: StatsEvent[] = [];
    client.on('stats', (stats) => received.push(stats));
    const stats = await waitFor(() => received.find((event) => Date.parse(event.at) >= placedBy), 15_000, 'a stats event counted after the stories were placed');
    expect(stats.lastHourByTopic['prison-break']).toBe(6);
    expect(stats.lastHourEventsByTopic['prison-break']).toBe(2);
    expect(stats.lastHourEventsByRegion[macroOf('SY')]).toBe(1);
    expect(stats.lastHourEventsByRegion[macroOf('NG')]).toBe(1);
    expect(stats.lastHourByRegion[macroOf('SY')]).toBe(4);
  }, 20_000);

  it('counts a story not yet placed in an event as an event of its own', async () => {
    const database = app.app.get(Database);
    const punch = storyFrom('punch');
    // The state between a story's commit and its placing (or a crash in between), held still for the test.
    await database.dataSource.query(`UPDATE stories SET cluster_id = NULL WHERE id = ${Number(punch.id)}`);
    try {
      const asEvents = await volume(`by=region&bucket=hour&count=events&${hours}`);
      expect(asEvents.body.buckets[0].counts).toEqual({ SY: 1, NG: 2 });
      expect(asEvents.body.totals.NG).toBe(2);
    } finally {
      await database.dataSource.query(`UPDATE stories SET cluster_id = ${Number(punch.clusterId)} WHERE id = ${Number(punch.id)}`);
    }
  });
});
