import type { ApiError, Feed, Page, Story } from '@sentinel/shared';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { rss, type TestItem } from '../../support/feed-documents';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase } from '../../support/harness';

let newsroom: FeedTestServer;
let db: TestDatabase;
let app: RunningApp;
let feedA: Feed;
let feedB: Feed;
const hour = 3600_000;
const base = Date.UTC(2026, 10, 20, 12);
/** Spellings the shared normaliser folds together (polled only by the search test at the end). */
const languageTitles = ['Prison riot in Hassaké', 'Curfew lifted in Hassake', 'إطلاق سراح أحمد', 'غـــزة تحت القصف', 'قصف على غزه', "L’évasion de détenus à N'Djamena"];
const titles = ['Prison break in Hasakah', 'Detainees moved to Iraq', 'Airstrike on Idlib market', 'Ceasefire talks in Doha', 'Flooding in Sudan camps', 'Football: Jordan scores twice', 'Drone strike near Kharkiv'];

beforeAll(async () => {
  const items = (prefix: string, from: number, to: number): TestItem[] =>
    titles.slice(from, to).map((title, i) => ({ title, guid: `${prefix}-${i}`, link: `https://news.example/${prefix}/${i}`, description: `${title}, officials said.`, pubDate: new Date(base - (from + i) * hour) }));
  newsroom = await startFeedServer((req, res) => {
    if (req.url === '/a.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Desk A', items('a', 0, 4)));
    if (req.url === '/b.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Desk B', items('b', 4, 7)));
    if (req.url === '/languages.xml') {
      const written = languageTitles.map((title, i) => ({ title, guid: `l-${i}`, link: `https://news.example/l/${i}`, description: '', pubDate: new Date(base - (100 + i) * hour) }));
      return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Desk L', written));
    }
    res.writeHead(404).end();
  });
  db = testDatabase();
  app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
  feedA = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/a.xml` })).body;
  feedB = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/b.xml` })).body;
  await app.api('POST', `/api/feeds/${feedA.id}/poll`);
  await app.api('POST', `/api/feeds/${feedB.id}/poll`);
});

afterAll(async () => {
  await app?.close();
  await newsroom?.close();
  await db?.cleanup();
});

const get = async (query: string) => app.api<Page<Story>>('GET', `/api/stories${query}`);

describe(`stories API (${TEST_DATABASE})`, () => {
  it('pages through every story newest first with a keyset cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Story> = (await get(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).body;
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((s) => s.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(titles);
  });

  it('filters by feed and by time range', async () => {
    expect((await get(`?feedId=${feedB.id}`)).body.items.map((s) => s.title)).toEqual(titles.slice(4));
    const since = new Date(base - 2 * hour).toISOString();
    const until = new Date(base).toISOString();
    expect((await get(`?since=${since}&until=${until}`)).body.items.map((s) => s.title)).toEqual([titles[1], titles[2]]);
  });

  it('searches titles and summaries by words, case- and accent-insensitively, treating operators as text', async () => {
    expect((await get('?q=PRISON')).body.items.map((s) => s.title)).toEqual(['Prison break in Hasakah']);
    // Whole words: "strike" does not match "Airstrike".
    expect((await get('?q=officials%20strike')).body.items.map((s) => s.title)).toEqual(['Drone strike near Kharkiv']);
    expect((await get('?q=%22detainees%22%20OR%20NEAR(x)')).body.items).toEqual([]);
    expect((await get('?q=detainees%20iraq')).body.items.map((s) => s.title)).toEqual(['Detainees moved to Iraq']);
  });

  it('returns one story by id with its sources', async () => {
    const [first] = (await get('?limit=1')).body.items;
    const one = await app.api<Story>('GET', `/api/stories/${first.id}`);
    expect(one.body).toEqual(first);
    expect(one.body.sources).toEqual([{ feedId: feedA.id, feedTitle: 'Desk A', url: 'https://news.example/a/0' }]);
    expect((await app.api<ApiError>('GET', '/api/stories/987654')).status).toBe(404);
  });

  it.each([
    ['?limit=500', /limit must be at most 200/],
    ['?limit=0', /limit must be between 1 and 200/],
    ['?since=yesterday', /since must be an ISO 8601 date/],
    ['?cursor=bogus', /cursor is not valid/],
    ['?q=%20%21%21', /q must contain at least one letter or digit/],
    ['?feedId=x', /feedId must be a whole number/],
    ['?sort=asc', /property sort should not exist/],
  ])('refuses %s with a 400 that says what to fix', async (query, message) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    expect((response.body as unknown as ApiError).message).toMatch(message);
  });

  it('finds the same stories whatever the accents, Arabic letter variants, tatweel and elisions', async () => {
    const feed = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/languages.xml` })).body;
    await app.api('POST', `/api/feeds/${feed.id}/poll`);
    const found = async (q: string) => (await get(`?q=${encodeURIComponent(q)}`)).body.items.map((s) => s.title).sort();
    const hassake = ['Curfew lifted in Hassake', 'Prison riot in Hassaké'];
    expect(await found('Hassake')).toEqual(hassake);
    expect(await found('Hassaké')).toEqual(hassake);
    expect(await found('HASSAKÉ riot')).toEqual(['Prison riot in Hassaké']);
    expect(await found('احمد')).toEqual(['إطلاق سراح أحمد']);
    expect(await found('اطلاق أحمد')).toEqual(['إطلاق سراح أحمد']);
    const gaza = ['غـــزة تحت القصف', 'قصف على غزه'].sort();
    expect(await found('غزة')).toEqual(gaza);
    expect(await found('غـزه')).toEqual(gaza);
    expect(await found('evasion')).toEqual(["L’évasion de détenus à N'Djamena"]);
    expect(await found("l'Évasion djamena")).toEqual(["L’évasion de détenus à N'Djamena"]);
  });
});
