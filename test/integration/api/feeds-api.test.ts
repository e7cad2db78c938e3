import type { ApiError, Feed, OpmlImportResult } from '@sentinel/shared';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { atom, newsItem, rss } from '../../support/feed-documents';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase } from '../../support/harness';

let site: FeedTestServer;
let db: TestDatabase;
let app: RunningApp;

beforeAll(async () => {
  site = await startFeedServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/news/rss.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Levant Dispatch', [newsItem('http://127.0.0.1', 'Checkpoint reopened')], { link: 'https://levant.example/' }));
    if (path === '/atom.xml') return res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom('Horn Wire', []));
    if (path === '/site')
      return res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><html><head><title>Levant</title><link rel="alternate" type="application/rss+xml" title="RSS" href="/news/rss.xml"></head><body>Front page</body></html>');
    if (path === '/plain-page') return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><head><title>No feed</title></head><body>Nothing here</body></html>');
    res.writeHead(404).end();
  });
  db = testDatabase();
  app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
});

afterAll(async () => {
  await app?.close();
  await site?.close();
  await db?.cleanup();
});

describe(`feeds API (${TEST_DATABASE})`, () => {
  it('subscribes to a feed URL and names it after the feed', async () => {
    const created = await app.api<Feed>('POST', '/api/feeds', { url: `${site.origin}/atom.xml`, group: 'Africa' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: `${site.origin}/atom.xml`, title: 'Horn Wire', group: 'Africa', enabled: true, status: 'pending', storyCount: 0, lastError: null });
    const listed = await app.api<Feed[]>('GET', '/api/feeds');
    expect(listed.body.map((f) => f.id)).toContain(created.body.id);
  });

  it('subscribes to the feed a site page advertises', async () => {
    const created = await app.api<Feed>('POST', '/api/feeds', { url: `${site.origin}/site` });
    expect(created.status).toBe(201);
    expect(created.body.url).toBe(`${site.origin}/news/rss.xml`);
    expect(created.body.title).toBe('Levant Dispatch');
  });

  it('answers 409 with the existing feed id for a duplicate, also when reached through its site page', async () => {
    const existing = (await app.api<Feed[]>('GET', '/api/feeds')).body.find((f) => f.url.endsWith('/news/rss.xml'))!;
    for (const url of [`${site.origin}/news/rss.xml`, `${site.origin}/site`]) {
      const duplicate = await app.api<ApiError>('POST', '/api/feeds', { url });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ statusCode: 409, error: 'Conflict', existingId: existing.id });
      expect(duplicate.body.message).toMatch(/already subscribed/);
    }
  });

  it.each([
    [{ url: 'ftp://example.org/feed' }, /only http and https/],
    [{ url: 'not a url' }, /not a valid URL/],
    [{ url: `https://example.org/${'a'.repeat(2100)}` }, /longer than 2048/],
    [{}, /url is required/],
    [{ url: 'https://example.org/rss', intervalSec: 5 }, /intervalSec must be a whole number of seconds between 60 and 86400/],
    [{ url: 'https://example.org/rss', colour: 'red' }, /property colour should not exist/],
  ])('refuses %j with a 400 that says what to fix', async (body, message) => {
    const response = await app.api<ApiError>('POST', '/api/feeds', body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(message) });
  });

  it('refuses a page that advertises no feed', async () => {
    const response = await app.api<ApiError>('POST', '/api/feeds', { url: `${site.origin}/plain-page` });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/not a feed: the page is HTML and advertises no feed/);
  });

  it('refuses malformed JSON with a 400 in the usual shape', async () => {
    const response = await app.api<ApiError>('POST', '/api/feeds', '{"url": ', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'request body is not valid JSON' });
  });

  it('updates, disables and deletes a feed; unknown ids are 404 and bad ids 400', async () => {
    const created = (await app.api<Feed>('POST', '/api/feeds', { url: `${site.origin}/atom.xml?edition=2` })).body;
    const patched = await app.api<Feed>('PATCH', `/api/feeds/${created.id}`, { title: 'Horn Wire (edition 2)', enabled: false, intervalSec: 600, group: 'Horn of Africa' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'Horn Wire (edition 2)', enabled: false, intervalSec: 600, effectiveIntervalSec: 600, group: 'Horn of Africa' });
    expect((await app.api<ApiError>('PATCH', `/api/feeds/${created.id}`, { intervalSec: 'soon' })).status).toBe(400);
    expect((await app.api('DELETE', `/api/feeds/${created.id}`)).status).toBe(204);
    const gone = await app.api<ApiError>('GET', `/api/feeds/${created.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.message).toBe(`feed ${created.id} does not exist`);
    expect((await app.api<ApiError>('GET', '/api/feeds/abc')).body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'feed id must be a whole number' });
    expect((await app.api('POST', '/api/feeds/999999/poll')).status).toBe(404);
  });

  it('imports OPML with groups, counts duplicates and explains invalid entries, and exports it back', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
      <outline text="Middle East">
        <outline text="Rudaw" title="Rudaw" type="rss" xmlUrl="https://rudaw.example/rss"/>
        <outline text="Levant again" xmlUrl="${site.origin}/news/rss.xml"/>
      </outline>
      <outline text="Africa"><outline text="Dabanga" xmlUrl="https://dabanga.example/feed"/><outline text="Dabanga twice" xmlUrl="https://dabanga.example/feed"/></outline>
      <outline text="Broken" xmlUrl="javascript:alert(1)"/>
    </body></opml>`;
    const imported = await app.api<OpmlImportResult>('POST', '/api/opml', opml, { 'content-type': 'text/x-opml' });
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ added: 2, duplicates: 2, invalid: [{ url: 'javascript:alert(1)', reason: expect.stringMatching(/only http and https/) }] });
    const feeds = (await app.api<Feed[]>('GET', '/api/feeds')).body;
    expect(feeds.find((f) => f.url === 'https://rudaw.example/rss')).toMatchObject({ title: 'Rudaw', group: 'Middle East', status: 'pending' });
    const exported = await fetch(`${app.url}/api/opml`, { headers: app.admin.authHeaders() });
    expect(exported.headers.get('content-type')).toMatch(/opml/);
    const text = await exported.text();
    expect(text).toContain('xmlUrl="https://rudaw.example/rss"');
    expect(text).toContain('<outline text="Africa" title="Africa">');
  });

  it('refuses an OPML upload that is not OPML or not sent as XML', async () => {
    const wrong = await app.api<ApiError>('POST', '/api/opml', '<html></html>', { 'content-type': 'text/xml' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/not an OPML file/);
    const json = await app.api<ApiError>('POST', '/api/opml', { opml: 'x' });
    expect(json.status).toBe(415);
    expect(json.body.message).toMatch(/Content-Type/);
  });

  it('reports health with feed counts by status', async () => {
    const health = await app.api<{ status: string; database: string; feeds: Record<string, number> }>('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: 'ok' });
    expect(health.body.feeds.total).toBe((await app.api<Feed[]>('GET', '/api/feeds')).body.length);
  });
});
