import type { Feed, FeedPollResult } from '@sentinel/shared';
import { type FeedTestServer, startFeedServer } from '../../support/feed-test-server';
import { newsItem, rss } from '../../support/feed-documents';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase } from '../../support/harness';

/**
 * Most polls find the feed unchanged (304). Their times are not written one transaction each
 * (see FeedsRepository.recordPollTimes), yet the API shows them at once and a clean shutdown
 * keeps them; and the polls of one origin share a connection.
 */
describe(`unchanged polls (${TEST_DATABASE})`, () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp | null = null;
  const clientPorts: number[] = [];

  beforeAll(async () => {
    const document = rss('Etag Desk', [newsItem('https://news.example', 'Curfew lifted')]);
    newsroom = await startFeedServer((req, res) => {
      clientPorts.push(req.socket.remotePort ?? 0);
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(document);
    });
    db = testDatabase();
  });

  afterAll(async () => {
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  it('shows an unchanged poll at once, keeps it across a restart, and polls over one connection', async () => {
    const config = testConfig(db, { POLLING_ENABLED: 'false' });
    app = await startTestApp(config);
    const created = await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/etag.xml` });
    const poll = async () => (await app!.api<FeedPollResult>('POST', `/api/feeds/${created.body.id}/poll`)).body;
    const feed = async () => (await app!.api<Feed>('GET', `/api/feeds/${created.body.id}`)).body;
    expect((await poll()).newStories).toBe(1);
    const polls = clientPorts.length;

    const before = Date.now();
    expect(await poll()).toEqual({ status: 'not-modified', newStories: 0, updatedStories: 0 });
    expect(await poll()).toEqual({ status: 'not-modified', newStories: 0, updatedStories: 0 });
    const seen = await feed();
    expect(Date.parse(seen.lastPolledAt ?? '')).toBeGreaterThanOrEqual(before);
    expect(Date.parse(seen.nextPollAt)).toBeGreaterThan(Date.parse(seen.lastPolledAt ?? ''));
    expect(seen).toMatchObject({ status: 'ok', consecutiveFailures: 0 });
    // The three polls (not the check made when subscribing) went over one connection.
    expect(new Set(clientPorts.slice(polls - 1)).size).toBe(1);

    await app.close();
    app = await startTestApp(config);
    expect(await feed()).toMatchObject({ lastPolledAt: seen.lastPolledAt, lastSuccessAt: seen.lastSuccessAt, nextPollAt: seen.nextPollAt });
  });
});
