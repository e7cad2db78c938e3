import type { ApiError, Feed, Page, RetagJob, Story, TaggingRules, Taxonomy } from '@sentinel/shared';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { rss } from '../../support/feed-documents';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

describe(`tagging API (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    const items = [
      { title: 'Dozens of ISIS detainees escape Hasakah prison', guid: 't1', link: 'https://news.example/t1', description: 'Fighting near a detention facility in Hasakah, northeast Syria, let dozens of prisoners break out overnight.', pubDate: new Date() },
      { title: 'Jordan scores twice as Bulls beat Knicks', guid: 't2', link: 'https://news.example/t2', description: 'A late run sealed the win in Chicago.', pubDate: new Date() },
      { title: 'Zebra herd crosses the river at dawn', guid: 't3', link: 'https://news.example/t3', description: 'Wildlife guides counted thousands of zebras.', pubDate: new Date() },
    ];
    newsroom = await startFeedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Tag Desk', items)));
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    const feed = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/feed.xml` })).body;
    await app.api('POST', `/api/feeds/${feed.id}/poll`);
  });

  afterAll(async () => {
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  const stories = async (query = '') => (await app.api<Page<Story>>('GET', `/api/stories?limit=50${query}`)).body.items;
  const byTitle = async (start: string) => (await stories()).find((s) => s.title.startsWith(start))!;

  it('tags a polled story with its regions, places, topics and the evidence for each', async () => {
    const prison = await byTitle('Dozens of ISIS detainees');
    expect(prison.regions).toEqual(['SY']);
    expect(prison.topics).toContain('prison-break');
    expect(prison.places.map((p) => p.name)).toContain('Hasakah');
    expect(prison.why.some((w) => w.kind === 'region' && w.tag === 'SY')).toBe(true);
    expect(prison.why.some((w) => w.kind === 'topic' && w.tag === 'prison-break' && w.rule.length > 0)).toBe(true);
    const sport = await byTitle('Jordan scores twice');
    // Jordan the player is not the country; the game was in Chicago.
    expect(sport.regions).not.toContain('JO');
    expect(sport.topics).toEqual([]);
  });

  it('filters stories by region, macro-region and topic, and refuses unknown ones', async () => {
    const titles = async (query: string) => (await stories(query)).map((s) => s.title);
    expect(await titles('&region=SY')).toEqual(['Dozens of ISIS detainees escape Hasakah prison']);
    expect(await titles('&region=middle-east&region=UA')).toEqual(['Dozens of ISIS detainees escape Hasakah prison']);
    expect(await titles('&topic=prison-break')).toEqual(['Dozens of ISIS detainees escape Hasakah prison']);
    expect(await titles('&topic=airstrike')).toEqual([]);
    const unknown = await app.api<ApiError>('GET', '/api/stories?region=atlantis');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/region "atlantis" is not known/);
    expect((await app.api<ApiError>('GET', '/api/stories?topic=football')).body.message).toMatch(/topic "football" is not known/);
  });

  it('lists regions, macro-regions and topics for the client', async () => {
    const taxonomy = (await app.api<Taxonomy>('GET', '/api/taxonomy')).body;
    expect(taxonomy.regions.find((r) => r.code === 'SY')).toMatchObject({ name: expect.stringMatching(/Syria/), macroRegion: 'middle-east' });
    expect(taxonomy.macroRegions.find((m) => m.id === 'middle-east')?.countries).toContain('IQ');
    expect(taxonomy.topics.map((t) => t.id)).toContain('detainee-transfer');
  });

  it('refuses a bad rule file with the line and reason, keeping the old rules', async () => {
    const before = (await app.api<TaggingRules>('GET', '/api/tagging/rules')).body;
    expect(before.source).toBe('default');
    const bad = await app.api<ApiError>('PUT', '/api/tagging/rules', { text: `${before.text}\ntopic airstrike\nheavy zebra\n` });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/line \d+: /);
    expect(bad.body.message).toMatch(/previous rules stay active/);
    expect((await app.api<TaggingRules>('GET', '/api/tagging/rules')).body).toEqual(before);
  });

  it('re-tags stored stories after a rule change, in the background with progress, and keeps the rules across a restart', async () => {
    const rules = (await app.api<TaggingRules>('GET', '/api/tagging/rules')).body;
    const saved = await app.api<TaggingRules>('PUT', '/api/tagging/rules', { text: `${rules.text}\n\ntopic wildlife\n3 zebra*\n` });
    expect(saved.status).toBe(200);
    expect(saved.body.source).toBe('custom');
    expect((await byTitle('Zebra herd')).topics).toEqual([]);
    const started = await app.api<RetagJob>('POST', '/api/tagging/retag', { since: '2000-01-01T00:00:00Z' });
    expect(started.status).toBe(202);
    expect(started.body.state).toBe('running');
    const done = await waitFor(async () => {
      const job = (await app.api<RetagJob>('GET', '/api/tagging/retag')).body;
      return job.state === 'done' ? job : null;
    }, 10_000, 're-tag to finish');
    expect(done).toMatchObject({ total: 3, processed: 3, changed: 1 });
    expect((await byTitle('Zebra herd')).topics).toEqual(['wildlife']);
    expect((await stories('&topic=wildlife')).map((s) => s.title)).toEqual(['Zebra herd crosses the river at dawn']);
    expect((await app.api<ApiError>('POST', '/api/tagging/retag', { since: 'last week' })).status).toBe(400);

    await app.close();
    app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
    const afterRestart = (await app.api<TaggingRules>('GET', '/api/tagging/rules')).body;
    expect(afterRestart.source).toBe('custom');
    expect(afterRestart.text).toContain('topic wildlife');
  });
});
