import type { Feed } from '@sentinel/shared';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { newsItem, rss } from '../../support/feed-documents';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase, waitFor } from '../../support/harness';

/**
 * Scheduled polling with hostile feeds on one host ("localhost") and a healthy one on another
 * (127.0.0.1): the healthy feed keeps its rhythm, the hostile host never gets more than its
 * share of connections, and failing feeds stay visible as errors.
 */
describe(`scheduled polling (${TEST_DATABASE})`, () => {
  let healthy: FeedTestServer;
  let hostile: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  let open = 0;
  let maxOpen = 0;

  beforeAll(async () => {
    const steady = rss('Steady Desk', [newsItem('https://steady.example', 'Market reopens')]);
    healthy = await startFeedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(steady));
    hostile = await startFeedServer((req, res) => {
      open++;
      maxOpen = Math.max(maxOpen, open);
      res.on('close', () => open--);
      if (req.url?.startsWith('/fail')) return res.writeHead(500).end();
      if (req.url?.startsWith('/drip')) {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const timer = setInterval(() => res.write(' '), 200);
        res.on('close', () => clearInterval(timer));
      }
      // Anything else hangs without answering.
    });
    db = testDatabase();
    app = await startTestApp(testConfig(db, { OUTBOUND_ALLOW_HOSTS: '127.0.0.1,localhost', FETCH_TIMEOUT_SEC: '2', POLL_PER_HOST: '2', POLL_WORKERS: '8' }));
  });

  afterAll(async () => {
    await app?.close();
    await healthy?.close();
    await hostile?.close();
    await db?.cleanup();
  });

  it('keeps polling a healthy feed on time while another host hangs, and keeps failing feeds as errors', async () => {
    const hostilePort = hostile.port;
    // Added by OPML import, which does not fetch: every connection the hostile host sees is a scheduled poll.
    const paths = ['/hang-1', '/hang-2', '/hang-3', '/drip-1', '/fail-1'];
    const opml = `<opml version="2.0"><body>${paths.map((p) => `<outline text="${p}" xmlUrl="http://localhost:${hostilePort}${p}"/>`).join('')}</body></opml>`;
    expect((await app.api('POST', '/api/opml', opml, { 'content-type': 'text/xml' })).body).toMatchObject({ added: 5 });
    const all = (await app.api<Feed[]>('GET', '/api/feeds')).body;
    const bad = paths.map((p) => all.find((f) => f.url.endsWith(p))!);
    const good = (await app.api<Feed>('POST', '/api/feeds', { url: `${healthy.origin}/steady.xml` })).body;
    const start = healthy.requests.length;
    // Polled every 1-2 s (with jitter) while the hostile host hangs every poll of its feeds for
    // the whole fetch timeout; a wait bound instead of a fixed sleep, so a loaded machine is not a failure.
    await waitFor(() => healthy.requests.length - start >= 3, 15_000, 'three polls of the healthy feed while the other host hangs');
    expect(maxOpen).toBeLessThanOrEqual(2);
    const goodState = (await app.api<Feed>('GET', `/api/feeds/${good.id}`)).body;
    expect(goodState).toMatchObject({ status: 'ok', storyCount: 1 });
    const failing = await waitFor(async () => {
      const f = (await app.api<Feed>('GET', `/api/feeds/${bad[4].id}`)).body;
      return f.consecutiveFailures >= 2 ? f : null;
    }, 10_000, 'the failing feed to be retried');
    expect(failing).toMatchObject({ status: 'error', lastError: 'HTTP 500', enabled: true });
    const hung = (await app.api<Feed>('GET', `/api/feeds/${bad[0].id}`)).body;
    expect(hung.status === 'error' ? hung.lastError : 'still pending').toMatch(/timed out after 2 s|still pending/);
  }, 30_000);
});
