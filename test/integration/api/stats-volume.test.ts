import type { ApiError, Feed, Page, Story, VolumeResponse } from '@sentinel/shared';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { rss, type TestItem } from '../../support/feed-documents';
import { type ApiClient, type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase } from '../../support/harness';

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
    ['too many buckets', 'by=topic&bucket=hour&since=2025-01-01T00:00:00Z&until=2026-01-01T00:00:00Z', /spans 8760 hours; a series holds at most 2000 buckets: narrow since and until or use bucket=day/],
  ])('refuses %s with 400 and what to fix', async (_name, query, message) => {
    const answer = await volume(query);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toMatch(message);
  });
});
