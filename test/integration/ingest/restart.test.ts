import type { Feed, Page, Story } from '@sentinel/shared';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { rss, type TestItem } from '../../support/feed-documents';
import { ServerProcess } from '../../support/server-process';
import { ApiClient, signIn } from '../../support/api-client';
import { TEST_ADMIN, testDatabase, TEST_DATABASE, type TestDatabase } from '../../support/test-database';
import { waitFor } from '../../support/wait';

/**
 * A feed that publishes a story every 150 ms while the server is killed (-9) and restarted,
 * then stopped gracefully with SIGTERM: every published story must end up stored exactly once.
 */
describe(`crash and restart (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  const published: TestItem[] = [];
  let publisher: NodeJS.Timeout;

  beforeAll(async () => {
    newsroom = await startFeedServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Live Desk', published.slice(-200).reverse())));
    db = testDatabase();
  });

  afterAll(async () => {
    clearInterval(publisher);
    await newsroom?.close();
    await db?.cleanup();
  });

  /** The admin, signed in before the crash; the same session keeps working after it. */
  let admin: ApiClient;

  async function stories(url: string): Promise<Story[]> {
    const all: Story[] = [];
    let cursor: string | null = null;
    do {
      const { body: page }: { body: Page<Story> } = await new ApiClient(url, admin.credentials).api<Page<Story>>('GET', `/api/stories?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  it('loses and duplicates no story across kill -9 and a restart, and shuts down cleanly on SIGTERM', async () => {
    const env = {
      ...db.env,
      PORT: '0',
      OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
      DEFAULT_FEEDS: 'none',
      POLL_MIN_INTERVAL_SEC: '1',
      POLL_MAX_INTERVAL_SEC: '1',
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
    };
    const server = new ServerProcess(env);
    let url = await server.start();
    admin = await signIn(url, TEST_ADMIN.email, TEST_ADMIN.password);
    const created = await admin.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/live.xml` });
    expect(created.status).toBe(201);
    const feed = created.body;
    let n = 0;
    publisher = setInterval(() => {
      n++;
      published.push({ title: `Live update ${n}`, guid: `live-${n}`, link: `${newsroom.origin}/live/${n}`, description: `Update number ${n}`, pubDate: new Date() });
    }, 150);

    await waitFor(async () => (await stories(url)).length >= 10, 15_000, 'first stories');
    expect(await server.stop('SIGKILL')).toBe('SIGKILL');
    await new Promise((r) => setTimeout(r, 1000));

    url = await server.start();
    await waitFor(async () => (await stories(url)).length >= published.length - 5, 15_000, 'stories after restart');
    clearInterval(publisher);
    const total = published.length;
    await waitFor(async () => (await stories(url)).length === total, 10_000, `all ${total} stories`);

    const stored = await stories(url);
    const titles = stored.map((s) => s.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.sort()).toEqual(published.map((p) => p.title).sort());
    const { body: health } = await new ApiClient(url, admin.credentials).api<Feed>('GET', `/api/feeds/${feed.id}`);
    expect(health.storyCount).toBe(total);

    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output).toMatch(/database closed/);
  }, 60_000);
});
