import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Feed } from '@sentinel/shared';
import { Browser, chromium, Page } from 'playwright-core';
import { type FeedTestServer, startFeedServer } from '../support/feed-test-server';
import { rss, type TestItem } from '../support/feed-documents';
import { type RunningApp, startTestApp, testConfig, testDatabase, type TestDatabase } from '../support/harness';

/**
 * The built dashboard in Debian's Chromium, against the real server and a local feed server.
 * Screenshots of the wall (1080p and 4K) and the workspace land in test/artifacts/.
 */
const ARTIFACTS = path.resolve(__dirname, '../artifacts');
const CLIENT_INDEX = path.resolve(__dirname, '../../client/dist/index.html');

describe('dashboard in a browser', () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let live: Feed;
  const items: TestItem[] = [];
  const publish = (title: string, description: string) =>
    items.push({ title, description, guid: `b-${items.length}`, link: `https://news.example/b/${items.length}`, pubDate: new Date() });

  beforeAll(async () => {
    if (!fs.existsSync(CLIENT_INDEX)) throw new Error(`${CLIENT_INDEX} is missing: run "npm run build" first`);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    publish('Dozens of detainees escape Hasakah prison', 'Fighting near a prison in Hasakah, northeast Syria, let dozens of detainees escape overnight.');
    publish('Aid convoy reaches El Fasher', 'A UN convoy with food reached El Fasher in Sudan after weeks of siege.');
    publish('Ceasefire talks resume in Doha', 'Negotiators returned to Doha for talks on a ceasefire in Gaza.');
    newsroom = await startFeedServer((req, res) => {
      if (req.url?.startsWith('/broken')) return res.writeHead(500).end('down');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Levant Dispatch', [...items].reverse()));
    });
    db = testDatabase();
    app = await startTestApp(testConfig(db, { POLL_MIN_INTERVAL_SEC: '1', POLL_MAX_INTERVAL_SEC: '1' }));
    live = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/live.xml` })).body;
    await app.api('POST', `/api/feeds/${live.id}/poll`);
    const broken = (await app.api<Feed>('POST', '/api/feeds', { url: `${newsroom.origin}/broken.xml`, title: 'Broken Wire' })).body;
    await app.api('POST', `/api/feeds/${broken.id}/poll`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
    });
  }, 60_000);

  afterEach(async () => {
    await page?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  it('shows on the wall, without a reload, a story that a feed publishes while the page is open', async () => {
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${app.url}/wall`);
    await page.getByTestId('wall-story').filter({ hasText: 'Dozens of detainees escape Hasakah prison' }).waitFor();
    await page.locator('[data-testid="connection-state"][data-level="live"]').waitFor({ timeout: 15_000 });
    publish('Airstrike hits market in Idlib', 'Warplanes struck a crowded market in Idlib, northwest Syria, killing at least nine.');
    await page.getByTestId('wall-story').filter({ hasText: 'Airstrike hits market in Idlib' }).waitFor({ timeout: 15_000 });
    const scroll = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, viewport: window.innerHeight }));
    expect(scroll.height).toBeLessThanOrEqual(scroll.viewport);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(ARTIFACTS, 'wall-1920x1080.png') });
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(ARTIFACTS, 'wall-3840x2160.png') });
  }, 60_000);

  it('filters and searches the analyst workspace, keeping the view in the URL', async () => {
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${app.url}/`);
    const list = page.getByTestId('story-item');
    await list.filter({ hasText: 'Aid convoy reaches El Fasher' }).waitFor();
    await page.getByLabel('Search stories').fill('convoy');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=convoy/);
    await expectTitles(page, ['Aid convoy reaches El Fasher']);
    await page.goto(`${app.url}/?topics=prison-break`);
    await expectTitles(page, ['Dozens of detainees escape Hasakah prison']);
    await page.goto(`${app.url}/`);
    await list.first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'workspace.png') });
  }, 60_000);

  it("shows a failing feed's message on the feeds page", async () => {
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${app.url}/feeds`);
    const row = page.getByTestId('feed-row').filter({ hasText: 'Broken Wire' });
    await row.getByTestId('feed-error').filter({ hasText: 'HTTP 500' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'feeds.png') });
  }, 60_000);
});

async function expectTitles(page: Page, titles: string[]): Promise<void> {
  try {
    await waitForTitles(page, titles);
  } catch (error) {
    await page.screenshot({ path: path.join(ARTIFACTS, 'workspace-failure.png') });
    const shown = await page.getByTestId('story-item').allTextContents();
    throw new Error(`expected stories ${JSON.stringify(titles)}, the page shows ${JSON.stringify(shown)} at ${page.url()}`);
  }
}

async function waitForTitles(page: Page, titles: string[]): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const shown = [...document.querySelectorAll('[data-testid="story-item"]')].map((el) => el.textContent ?? '');
      return shown.length === expected.length && expected.every((t, i) => shown[i].includes(t));
    },
    titles,
    { timeout: 15_000 },
  );
}
