import * as zlib from 'node:zlib';
import type { Feed, FeedPollResult, Page, Story } from '@sentinel/shared';
import * as iconv from 'iconv-lite';
import { type FeedTestServer, startFeedServer, streamRepeated } from '../../support/feed-test-server';
import { newsItem, rss, type TestItem } from '../../support/feed-documents';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

type Route = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;

/** A newsroom on 127.0.0.1 whose routes each test sets. */
const routes = new Map<string, Route>();
let newsroom: FeedTestServer;
let internal: FeedTestServer;
let db: TestDatabase;
let app: RunningApp;

const serve = (path: string, body: string | Buffer, type = 'application/rss+xml; charset=utf-8') =>
  routes.set(path, (_req, res) => {
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  });

async function subscribe(path: string, extra: Record<string, unknown> = {}): Promise<Feed> {
  const created = await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}${path}`, ...extra });
  expect(created.status).toBe(201);
  return created.body;
}

const poll = async (id: number) => (await app.api<FeedPollResult>('POST', `/api/feeds/${id}/poll`)).body;
const feed = async (id: number) => (await app.api<Feed>('GET', `/api/feeds/${id}`)).body;
const storiesOf = async (feedId: number) => (await app.api<Page<Story>>('GET', `/api/stories?feedId=${feedId}&limit=200`)).body.items;

beforeAll(async () => {
  newsroom = await startFeedServer((req, res) => {
    const route = routes.get((req.url ?? '').split('?')[0]);
    if (route) return route(req, res);
    res.writeHead(404).end('no such feed');
  });
  // 127.0.0.2 is loopback but outside OUTBOUND_ALLOW_HOSTS: it plays an internal service.
  internal = await startFeedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Internal', [])), '127.0.0.2');
  db = testDatabase();
  // Scheduled polling stays off here: each test polls by hand, so counts are exact.
  app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
});

afterAll(async () => {
  await app?.close();
  await newsroom?.close();
  await internal?.close();
  await db?.cleanup();
});

describe(`ingest (${TEST_DATABASE})`, () => {
  it('stores every story of a new feed once, and a second poll of the same document adds nothing', async () => {
    const items = [newsItem(newsroom.origin, 'Airstrike hits depot'), newsItem(newsroom.origin, 'Talks resume'), newsItem(newsroom.origin, 'Aid convoy arrives')];
    serve('/once.xml', rss('Once Desk', items));
    const { id } = await subscribe('/once.xml');
    expect(await poll(id)).toEqual({ status: 'ok', newStories: 3, updatedStories: 0 });
    expect(await poll(id)).toEqual({ status: 'ok', newStories: 0, updatedStories: 0 });
    const stored = await storiesOf(id);
    expect(stored.map((s) => s.title).sort()).toEqual(['Aid convoy arrives', 'Airstrike hits depot', 'Talks resume']);
    // Tagged before storing: no place is named, the airstrike is a topic.
    expect(stored.find((s) => s.title === 'Airstrike hits depot')).toMatchObject({ feedId: id, feedTitle: 'Once Desk', regions: [], topics: ['airstrike'] });
    const health = await feed(id);
    expect(health).toMatchObject({ status: 'ok', lastError: null, consecutiveFailures: 0, storyCount: 3, storiesPerDay: 0.4, title: 'Once Desk' });
  });

  it('answers a conditional GET with not-modified and changes nothing', async () => {
    const document = rss('Etag Desk', [newsItem(newsroom.origin, 'Curfew lifted')]);
    routes.set('/etag.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(document);
    });
    const { id } = await subscribe('/etag.xml');
    expect((await poll(id)).newStories).toBe(1);
    expect(await poll(id)).toEqual({ status: 'not-modified', newStories: 0, updatedStories: 0 });
    expect(await storiesOf(id)).toHaveLength(1);
  });

  it('updates the story when the same guid comes back with a changed title', async () => {
    const item = newsItem(newsroom.origin, 'Death toll rises to 12');
    serve('/update.xml', rss('Update Desk', [item]));
    const { id } = await subscribe('/update.xml');
    await poll(id);
    serve('/update.xml', rss('Update Desk', [{ ...item, title: 'Death toll rises to 19' }]));
    expect(await poll(id)).toEqual({ status: 'ok', newStories: 0, updatedStories: 1 });
    const [story] = await storiesOf(id);
    expect(story.title).toBe('Death toll rises to 19');
    expect(Date.parse(story.updatedAt)).toBeGreaterThanOrEqual(Date.parse(story.firstSeenAt));
  });

  it('makes the same article from two feeds one story with two sources, ignoring tracking parameters', async () => {
    const item = newsItem(newsroom.origin, 'Ceasefire agreed in principle');
    serve('/wire-a.xml', rss('Wire A', [item]));
    serve('/wire-b.xml', rss('Wire B', [{ ...item, guid: 'b-123', link: `${item.link}?utm_source=rss&utm_medium=feed#top` }]));
    const a = await subscribe('/wire-a.xml');
    const b = await subscribe('/wire-b.xml');
    expect((await poll(a.id)).newStories).toBe(1);
    expect(await poll(b.id)).toEqual({ status: 'ok', newStories: 0, updatedStories: 1 });
    const [story] = await storiesOf(b.id);
    expect(story.sources.map((s) => s.feedTitle)).toEqual(['Wire A', 'Wire B']);
    const search = await app.api<Page<Story>>('GET', '/api/stories?q=ceasefire%20principle');
    expect(search.body.items.map((s) => s.id)).toEqual([story.id]);
  });

  it('stores items without guids or dates once, dated when first seen, and keeps one story for a repeated guid', async () => {
    const before = Date.now();
    const items: TestItem[] = [
      { title: 'Shelling reported overnight', link: `${newsroom.origin}/a/no-guid-1`, description: 'x', pubDate: null },
      { title: 'Bridge reopened', link: `${newsroom.origin}/a/no-guid-2`, description: 'y', pubDate: null },
      { title: 'Repeated guid first', guid: 'dup-1', link: `${newsroom.origin}/a/dup-1`, pubDate: new Date(before - 5000) },
      { title: 'Repeated guid second', guid: 'dup-1', link: `${newsroom.origin}/a/dup-1b`, pubDate: new Date(before - 5000) },
    ];
    serve('/sloppy.xml', rss('Sloppy Desk', items));
    const { id } = await subscribe('/sloppy.xml');
    expect((await poll(id)).newStories).toBe(3);
    expect((await poll(id)).newStories).toBe(0);
    const stored = await storiesOf(id);
    expect(stored.map((s) => s.title).sort()).toEqual(['Bridge reopened', 'Repeated guid first', 'Shelling reported overnight']);
    const undated = stored.find((s) => s.title === 'Bridge reopened')!;
    expect(Date.parse(undated.publishedAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('stores script-laden summaries as plain text and drops javascript: links', async () => {
    serve(
      '/scripts.xml',
      rss('Script Desk', [
        {
          title: 'Protest <script>alert(1)</script>in the square',
          guid: 'xss-1',
          link: 'javascript:alert(document.cookie)',
          description: '<p onclick="steal()">Thousands marched.<img src=x onerror="alert(2)"><script>evil()</script> <a href="javascript:alert(3)">more</a></p>',
        },
      ]),
    );
    const { id } = await subscribe('/scripts.xml');
    expect((await poll(id)).newStories).toBe(1);
    const [story] = await storiesOf(id);
    expect(story.url).toBeNull();
    for (const text of [story.title, story.summary]) {
      expect(text).not.toMatch(/<|javascript:|onerror|onclick|alert\(|evil\(/i);
    }
    expect(story.summary).toContain('Thousands marched.');
  });

  it('decodes an Arabic windows-1256 feed and a French ISO-8859-1 feed', async () => {
    const arabic = iconv.encode(rss('الرافدين', [{ title: 'غارة جوية على مخيم الهول', guid: 'ar-1', link: `${newsroom.origin}/ar/1`, description: 'نزوح' }], { encoding: 'windows-1256' }), 'windows-1256');
    serve('/arabic.xml', arabic, 'application/rss+xml; charset=windows-1256');
    const french = iconv.encode(rss('Le Courrier', [{ title: 'Sécurité renforcée à Gao après l’attaque', guid: 'fr-1', link: `${newsroom.origin}/fr/1`, description: 'Réfugiés' }], { encoding: 'ISO-8859-1' }).replace('’', "'"), 'latin1');
    serve('/french.xml', french, 'text/xml');
    const ar = await subscribe('/arabic.xml');
    const fr = await subscribe('/french.xml');
    expect((await poll(ar.id)).newStories).toBe(1);
    expect((await poll(fr.id)).newStories).toBe(1);
    expect((await storiesOf(ar.id))[0].title).toBe('غارة جوية على مخيم الهول');
    expect((await storiesOf(fr.id))[0].title).toBe("Sécurité renforcée à Gao après l'attaque");
  });

  describe('a broken or hostile feed becomes an error status with a message, and stores nothing', () => {
    const gzipBomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const cases: [string, Route, RegExp][] = [
      ['a 500', (_q, r) => r.writeHead(500).end('oops'), /^HTTP 500/],
      ['a 404', (_q, r) => r.writeHead(404).end('gone'), /^HTTP 404/],
      ['a server that never answers', () => undefined, /timed out after 3 s/],
      [
        'a slow drip of one byte at a time',
        (_q, r) => {
          r.writeHead(200, { 'content-type': 'application/rss+xml' });
          const timer = setInterval(() => r.write('<'), 300);
          r.on('close', () => clearInterval(timer));
        },
        /timed out after 3 s/,
      ],
      [
        'a 60 MB body',
        (_q, r) => {
          r.writeHead(200, { 'content-type': 'application/rss+xml' });
          void streamRepeated(r, Buffer.alloc(64 * 1024, 'a'), 60 * 1024 * 1024);
        },
        /larger than 10 MiB/,
      ],
      ['a gzip bomb', (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(gzipBomb), /larger than 10 MiB/],
      ['a redirect loop', (_q, r) => r.writeHead(302, { location: '/loop.xml' }).end(), /too many redirects/],
      ['a redirect to an internal address', (_q, r) => r.writeHead(302, { location: `${internal.origin}/feed.xml` }).end(), /redirect to a private address blocked|127\.0\.0\.2/],
      ['an HTML page', (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><head><title>Hi</title></head><body>Hello</body></html>'), /not a feed/],
      ['an empty body', (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(), /empty/],
      ['a truncated document', (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?>\n<rss><channel>\n<title>x</ti'), /invalid XML at line 3: document ends early/],
    ];
    const paths = ['/e500.xml', '/e404.xml', '/hang.xml', '/drip.xml', '/huge.xml', '/bomb.xml', '/loop.xml', '/to-internal.xml', '/page.xml', '/empty.xml', '/bad.xml'];

    it.each(cases.map((c, i) => [c[0], i] as const))('%s', async (_name, index) => {
      const [, route, message] = cases[index];
      // The HTML case must be added as a feed first: subscribing to it directly is refused, as a page without a feed.
      serve(paths[index], rss('Placeholder', []));
      const { id } = await subscribe(paths[index]);
      routes.set(paths[index], route);
      const result = await poll(id);
      expect(result.status).toBe('error');
      expect(result.error).toMatch(message);
      const state = await feed(id);
      expect(state).toMatchObject({ status: 'error', consecutiveFailures: 1, storyCount: 0 });
      expect(state.lastError).toMatch(message);
      expect(state.failingSince).not.toBeNull();
      expect(await storiesOf(id)).toEqual([]);
    });
  });

  it('never expands entity declarations or reads local files', async () => {
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>\n<rss version="2.0"><channel><title>Laughs</title><item><title>Bomb &lol4;</title><guid>l1</guid></item></channel></rss>`;
    const external = `<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss version="2.0"><channel><title>External</title><item><title>Leak &xxe;</title><guid>x1</guid><description>&xxe;</description></item></channel></rss>`;
    serve('/laughs.xml', laughs);
    serve('/external.xml', external);
    for (const path of ['/laughs.xml', '/external.xml']) {
      const { id } = await subscribe(path);
      const result = await poll(id);
      const stored = await storiesOf(id);
      for (const story of stored) {
        expect(story.title + story.summary).not.toMatch(/lollol|root:/);
      }
      if (result.status === 'error') expect(result.error).toMatch(/entit|DOCTYPE/i);
    }
  });

  it('refuses a feed URL on an internal address without fetching it', async () => {
    const before = internal.requests.length;
    const response = await app.api<{ message: string }>('POST', '/api/feeds', { url: `${internal.origin}/feed.xml` });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/loopback|private/);
    expect(internal.requests.length).toBe(before);
  });
});
