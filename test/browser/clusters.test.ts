import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Cluster, type Feed, SESSION_COOKIE } from '@sentinel/shared';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { rss, type TestItem } from '../support/feed-documents';
import { type FeedTestServer, startFeedServer } from '../support/feed-test-server';
import { type RunningApp, startTestApp, testConfig, testDatabase, type TestDatabase } from '../support/harness';

/**
 * The wall and the workspace show events, not wire copies: two outlets report the same prison
 * break in their own words, and the built dashboard shows one line for it with its source count,
 * then opens it with both sources side by side. A screenshot of the wall lands in test/artifacts/.
 */
const ARTIFACTS = path.resolve(__dirname, '../artifacts');
const CLIENT_INDEX = path.resolve(__dirname, '../../client/dist/index.html');

const now = new Date();
const levant: TestItem[] = [
  {
    title: 'Dozens of detainees escape Hasakah prison after clashes',
    description: 'Fighting near Ghweran prison in Hasakah, northeast Syria, let dozens of detainees escape overnight, officials said.',
    guid: 'levant-1',
    link: 'https://www.levantdispatch.com/news/hasakah-prison-escape',
    pubDate: now,
  },
];
const gulf: TestItem[] = [
  {
    title: 'Hasakah prison break: 281 inmates escape in northeast Syria',
    description: 'About 281 inmates escaped from the prison in Hasakah, Syria, during overnight clashes with guards, a local official said.',
    guid: 'gulf-1',
    link: 'https://www.gulfwire.net/world/hasakah-prison-break',
    pubDate: now,
  },
  {
    title: 'Aid convoy reaches El Fasher',
    description: 'A UN convoy with food reached El Fasher in Sudan after weeks of siege.',
    guid: 'gulf-2',
    link: 'https://www.gulfwire.net/world/el-fasher-convoy',
    pubDate: now,
  },
];

describe('events on the dashboard', () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page;
  const pageProblems: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(CLIENT_INDEX)) throw new Error(`${CLIENT_INDEX} is missing: run "npm run build" first`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    newsroom = await startFeedServer((req, res) => {
      const levantFeed = req.url?.startsWith('/levant');
      const body = levantFeed
        ? rss('Levant Dispatch', levant, { link: 'https://www.levantdispatch.com/' })
        : rss('Gulf Wire World', gulf, { link: 'https://www.gulfwire.net/' });
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
    });
    db = testDatabase();
    app = await startTestApp(testConfig(db));
    for (const name of ['levant', 'gulf']) {
      const feed = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/${name}.xml` })).body;
      await app.api('POST', `/api/feeds/${feed.id}/poll`);
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
    });
  }, 60_000);

  async function openPage(viewport: { width: number; height: number }): Promise<Page> {
    context = await browser.newContext({ viewport });
    if (app.admin.credentials.kind !== 'session') throw new Error('the admin client signs in with a session');
    await context.addCookies([{ name: SESSION_COOKIE, value: app.admin.credentials.cookie.slice(`${SESSION_COOKIE}=`.length), url: app.url }]);
    page = await context.newPage();
    page.on('pageerror', (error) => pageProblems.push(error.message));
    return page;
  }

  afterEach(async () => {
    expect(pageProblems.splice(0)).toEqual([]);
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  it('shows one line for an event two outlets reported, with its source count and corroboration badge', async () => {
    await openPage({ width: 1920, height: 1080 });
    await page.goto(`${app.url}/wall`);
    const line = page.getByTestId('event-line').filter({ hasText: /Hasakah/ });
    await line.first().waitFor({ timeout: 15_000 });
    // Two outlets' stories, one line: not one per story.
    expect(await line.count()).toBe(1);
    expect(await line.getByTestId('event-sources').textContent()).toMatch(/^2 sources · [12] independent$/);
    expect(await line.getByTestId('corroboration-badge').textContent()).toMatch(/\w/);
    await page.getByTestId('event-line').filter({ hasText: 'Aid convoy reaches El Fasher' }).getByTestId('event-sources').filter({ hasText: '1 source · 1 independent' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'wall-events-1920x1080.png') });
  }, 60_000);

  it('opens an event with all its sources side by side', async () => {
    const list = await app.api<{ items: Cluster[] }>('GET', '/api/clusters');
    const event = list.body.items.find((item) => item.headline.title.includes('Hasakah'));
    expect(event?.storyCount).toBe(2);
    expect(event).toBeDefined();
    await openPage({ width: 1600, height: 1000 });
    await page.goto(`${app.url}/events/${event!.id}`);
    await page.getByTestId('event-view').waitFor();
    const sources = page.getByTestId('event-source');
    await sources.nth(1).waitFor();
    expect(await sources.count()).toBe(2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'event-view.png') });
  }, 60_000);
});
