import { type Feed, type Page, type RetagJob, type Story, type StoryFilter, storyFilterParams, storyMatchesFilter, type StoryMatchContext, type Taxonomy, type TaggingRules } from '@sentinel/shared';
import { Database } from '../../../server/src/database/database';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { rss, type TestItem } from '../../support/feed-documents';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

/**
 * The rows a filtered page reads (story_tags: a country, a macro-region, a topic, each with the
 * story's published time, see stories/story-filter-sql.ts): written at ingest, on an outlet's
 * edit and on a re-tag, and read so that paging a filter gives exactly the stories the shared
 * matcher passes, newest first, without gaps or repeats.
 */

const hour = 3600_000;
const base = Date.UTC(2026, 10, 20, 12);

const PLACES = ['Idlib, Syria', 'Mosul, Iraq', 'Kharkiv, Ukraine', 'Khartoum, Sudan', 'Gaza', 'Bamako, Mali'];
const EVENTS = ['Airstrike on a market in {p}', 'Prison break in {p}: detainees escape', 'Displaced families in {p} wait for aid', 'Drone strike near {p}', 'Talks in {p} end without a deal'];

/** 30 stories over 12 hours, three of them at each time, so that pages end inside a tie. */
const ITEMS: TestItem[] = Array.from({ length: 30 }, (_, i) => {
  const place = PLACES[i % PLACES.length];
  const title = EVENTS[(i * 7) % EVENTS.length].replace('{p}', place);
  return { title, guid: `s-${i}`, link: `https://news.example/s/${i}`, description: `${title}, officials said.`, pubDate: new Date(base - Math.floor(i / 3) * hour) };
});

/** A story in two countries of one macro-region. */
const TRANSFER: TestItem = { title: 'Detainees moved to Iraq', guid: 'transfer', link: 'https://news.example/transfer', description: 'Hundreds of detainees were transferred from Syria to Baghdad.', pubDate: new Date(base - 30 * hour) };

/** The story the edit and the re-tag tests change, away from the others. */
const EDITED = { guid: 'edited', link: 'https://news.example/edited', pubDate: new Date(base - 48 * hour) };

let newsroom: FeedTestServer;
let db: TestDatabase;
let app: RunningApp;
let feed: Feed;
let editedTitle = 'Airstrike on a market in Idlib, Syria';

async function poll(): Promise<void> {
  const polled = await app.api<{ status: string }>('POST', `/api/feeds/${feed.id}/poll`);
  expect(polled.body.status).toBe('ok');
}

type TagRow = { kind: string; value: string; published_at: string | number };

async function tagRowsOf(storyId: number): Promise<{ kind: string; value: string; publishedAt: string }[]> {
  const rows: TagRow[] = await app.app.get(Database).dataSource.query(`SELECT kind, value, published_at FROM story_tags WHERE story_id = ${storyId} ORDER BY kind, value`);
  return rows.map((row) => ({ kind: row.kind, value: row.value, publishedAt: new Date(Number(row.published_at)).toISOString() }));
}

async function listed(query: string, client = app.admin): Promise<Story[]> {
  const response = await client.api<Page<Story>>('GET', `/api/stories?limit=200${query}`);
  expect(response.status).toBe(200);
  return response.body.items;
}

async function editedStory(): Promise<Story> {
  const found = (await listed('')).find((story) => story.url === EDITED.link);
  if (!found) throw new Error('the edited story is not listed');
  return found;
}

function queryString(filter: StoryFilter): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(storyFilterParams(filter))) for (const item of [value].flat()) search.append(key, item);
  return search.toString();
}

beforeAll(async () => {
  newsroom = await startFeedServer((req, res) => {
    if (req.url !== '/desk.xml') return res.writeHead(404).end();
    const edited = { ...EDITED, title: editedTitle, description: `${editedTitle}, officials said.` };
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Desk', [...ITEMS, TRANSFER, edited]));
  });
  db = testDatabase();
  app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
  feed = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/desk.xml`, title: 'Desk' })).body;
  await poll();
});

afterAll(async () => {
  await app?.close();
  await newsroom?.close();
  await db?.cleanup();
});

describe(`filter rows of stories (${TEST_DATABASE})`, () => {
  it("writes a row per country, per macro-region and per topic at ingest, each with the story's published time", async () => {
    const story = await editedStory();
    expect(story).toMatchObject({ regions: ['SY'], topics: ['airstrike'] });
    const at = EDITED.pubDate.toISOString();
    expect(await tagRowsOf(story.id)).toEqual([
      { kind: 'macro', value: 'middle-east', publishedAt: at },
      { kind: 'region', value: 'SY', publishedAt: at },
      { kind: 'topic', value: 'airstrike', publishedAt: at },
    ]);
    // Two countries of one macro-region: one macro row.
    const transfer = (await listed('')).find((story) => story.url === TRANSFER.link);
    expect(transfer?.regions).toEqual(expect.arrayContaining(['SY', 'IQ']));
    expect((await tagRowsOf(transfer!.id)).filter((row) => row.kind !== 'topic').map((row) => `${row.kind}:${row.value}`)).toEqual(['macro:middle-east', 'region:IQ', 'region:SY']);
  });

  it('writes the rows again when the outlet edits the story, so filters follow the new text', async () => {
    editedTitle = 'Drone strike near Kharkiv, Ukraine';
    await poll();
    const story = await editedStory();
    expect(story).toMatchObject({ title: editedTitle, regions: ['UA'] });
    const at = EDITED.pubDate.toISOString();
    expect(await tagRowsOf(story.id)).toEqual([
      { kind: 'macro', value: 'europe', publishedAt: at },
      { kind: 'region', value: 'UA', publishedAt: at },
      ...[...story.topics].sort().map((topic) => ({ kind: 'topic', value: topic, publishedAt: at })),
    ]);
    expect((await listed('&region=europe')).map((s) => s.id)).toContain(story.id);
    expect((await listed('&region=middle-east')).map((s) => s.id)).not.toContain(story.id);
  });

  it('writes the rows again when a re-tag changes the tags of a story', async () => {
    const rules = (await app.api<TaggingRules>('GET', '/api/tagging/rules')).body;
    expect((await app.api('PUT', '/api/tagging/rules', { text: `${rules.text}\n\ntopic drones\n3 drone*\n` })).status).toBe(200);
    expect((await app.api<RetagJob>('POST', '/api/tagging/retag', { since: '2000-01-01T00:00:00Z' })).status).toBe(202);
    await waitFor(async () => (await app.api<RetagJob>('GET', '/api/tagging/retag')).body.state === 'done', 10_000, 're-tag to finish');
    const story = await editedStory();
    expect(story.topics).toContain('drones');
    const at = EDITED.pubDate.toISOString();
    expect(await tagRowsOf(story.id)).toEqual([
      { kind: 'macro', value: 'europe', publishedAt: at },
      { kind: 'region', value: 'UA', publishedAt: at },
      ...[...story.topics].sort().map((topic) => ({ kind: 'topic', value: topic, publishedAt: at })),
    ]);
    expect((await listed('&topic=drones&region=europe')).map((s) => s.id)).toContain(story.id);
  });

  it.each<[string, StoryFilter]>([
    ['a macro-region', { regions: ['middle-east'] }],
    ['a country', { regions: ['SY'] }],
    ['two countries', { regions: ['UA', 'IQ'] }],
    ['a macro-region and a country of another', { regions: ['middle-east', 'UA'] }],
    ['a topic', { topics: ['airstrike'] }],
    ['two topics', { topics: ['airstrike', 'prison-break'] }],
    ['words', { q: 'displaced aid' }],
    ['a macro-region and words', { regions: ['middle-east'], q: 'aid' }],
    ['a macro-region, a topic and a time', { regions: ['middle-east'], topics: ['airstrike'], since: new Date(base - 6 * hour).toISOString() }],
    ['two topics and a feed', { topics: ['airstrike', 'prison-break'], feedId: 1 }],
  ])('pages %s newest first without gaps or repeats, passing exactly the stories the shared matcher passes', async (_name, filter) => {
    const all = await listed('');
    const taxonomy = (await app.api<Taxonomy>('GET', '/api/taxonomy')).body;
    const macros = new Map<string, readonly string[]>(taxonomy.macroRegions.map((macro) => [macro.id, macro.countries]));
    const context: StoryMatchContext = { resolveRegion: (id) => macros.get(id) ?? [id.toUpperCase()], groupOf: () => null };
    const effective = filter.feedId === undefined ? filter : { ...filter, feedId: feed.id };
    const expected = all.filter((story) => storyMatchesFilter(effective, story, context)).map((story) => story.id);
    expect(expected.length).toBeGreaterThan(2);
    expect(expected.length).toBeLessThan(all.length);

    const paged: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Story> = (await app.api<Page<Story>>('GET', `/api/stories?limit=2&${queryString(effective)}${cursor ? `&cursor=${cursor}` : ''}`)).body;
      paged.push(...page.items.map((story) => story.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(expected);
  });

  it("lists a wall scoped to a macro-region (its regions arrive as that macro-region's countries) as the macro-region itself", async () => {
    const wall = await app.withToken({ name: 'Levant wall', role: 'wall', regions: ['middle-east'] });
    const middleEast = (await listed('&region=middle-east')).map((story) => story.id);
    expect(middleEast.length).toBeGreaterThan(2);
    expect((await listed('&region=middle-east', wall)).map((story) => story.id)).toEqual(middleEast);
    expect((await listed('', wall)).map((story) => story.id)).toEqual(middleEast);
    expect((await listed('&region=SY&region=UA', wall)).map((story) => story.id)).toEqual((await listed('&region=SY')).map((story) => story.id));
  });
});
