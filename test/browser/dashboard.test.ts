import * as fs from 'node:fs';
import * as path from 'node:path';
import { SESSION_COOKIE, type Feed } from '@sentinel/shared';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { type FeedTestServer, startFeedServer } from '../support/feed-test-server';
import { rss, type TestItem } from '../support/feed-documents';
import { type ApiClient, type RunningApp, startTestApp, TEST_ADMIN, testConfig, testDatabase, type TestDatabase } from '../support/harness';

/**
 * The built dashboard in Debian's Chromium, against the real server and a local feed server.
 * Screenshots of the wall (1080p and 4K), the workspace, the sign-in page and the tokens page
 * land in test/artifacts/. Most tests start signed in (the session cookie of a client the
 * harness signed in); one goes through the sign-in page itself.
 */
const ARTIFACTS = path.resolve(__dirname, '../artifacts');
const CLIENT_INDEX = path.resolve(__dirname, '../../client/dist/index.html');

describe('dashboard in a browser', () => {
  let newsroom: FeedTestServer;
  let db: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext | undefined;
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

  /** A fresh browser profile, signed in as `client` when given (its session cookie, as the login route set it). */
  async function openPage(viewport: { width: number; height: number }, client?: ApiClient): Promise<Page> {
    context = await browser.newContext({ viewport });
    if (client) {
      if (client.credentials.kind !== 'session') throw new Error('openPage signs in with a session client');
      const value = client.credentials.cookie.slice(`${SESSION_COOKIE}=`.length);
      await context.addCookies([{ name: SESSION_COOKIE, value, url: app.url }]);
    }
    page = await context.newPage();
    // The security headers must not break the page: no CSP violation, no script error.
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) pageProblems.push(message.text());
    });
    page.on('pageerror', (error) => pageProblems.push(error.message));
    return page;
  }

  const pageProblems: string[] = [];

  afterEach(async () => {
    const problems = pageProblems.splice(0);
    expect(problems).toEqual([]);
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await newsroom?.close();
    await db?.cleanup();
  });

  it('shows on the wall, without a reload, the event of a story that a feed publishes while the page is open', async () => {
    // A person who is signed in may open /wall without a token: the wall uses their session.
    await openPage({ width: 1920, height: 1080 }, app.admin);
    await page.goto(`${app.url}/wall`);
    await page.getByTestId('event-line').filter({ hasText: 'Dozens of detainees escape Hasakah prison' }).waitFor();
    await page.locator('[data-testid="connection-state"][data-level="live"]').waitFor({ timeout: 15_000 });
    publish('Airstrike hits market in Idlib', 'Warplanes struck a crowded market in Idlib, northwest Syria, killing at least nine.');
    await page.getByTestId('event-line').filter({ hasText: 'Airstrike hits market in Idlib' }).waitFor({ timeout: 15_000 });
    const scroll = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, viewport: window.innerHeight }));
    expect(scroll.height).toBeLessThanOrEqual(scroll.viewport);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(ARTIFACTS, 'wall-1920x1080.png') });
    await page.setViewportSize({ width: 3840, height: 2160 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(ARTIFACTS, 'wall-3840x2160.png') });
  }, 60_000);

  it('filters and searches the analyst workspace, keeping the view in the URL', async () => {
    await openPage({ width: 1600, height: 1000 }, app.admin);
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
    await openPage({ width: 1600, height: 1000 }, app.admin);
    await page.goto(`${app.url}/feeds`);
    const row = page.getByTestId('feed-row').filter({ hasText: 'Broken Wire' });
    await row.getByTestId('feed-error').filter({ hasText: 'HTTP 500' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'feeds.png') });
  }, 60_000);

  it('signs in through the sign-in page and returns to the page that was asked for', async () => {
    await openPage({ width: 1280, height: 800 });
    await page.goto(`${app.url}/feeds`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(page.url()).toBe(`${app.url}/feeds`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'login.png') });

    await page.getByLabel('E-mail').fill(TEST_ADMIN.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('login-error').filter({ hasText: 'Wrong e-mail or password' }).waitFor();

    await page.getByLabel('Password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-as').filter({ hasText: `Signed in as ${TEST_ADMIN.email} (admin)` }).waitFor();
    await page.getByRole('heading', { name: 'Feeds', level: 1 }).waitFor();
    await page.getByTestId('feed-row').filter({ hasText: 'Broken Wire' }).waitFor();

    await page.getByRole('link', { name: 'Workspace' }).click();
    await page.getByTestId('story-item').filter({ hasText: 'Aid convoy reaches El Fasher' }).waitFor();
    await page.getByTestId('signed-in-as').filter({ hasText: TEST_ADMIN.email }).waitFor();
  }, 60_000);

  it('opens a wall with a token, takes the token out of the address bar, and says so when the token is revoked', async () => {
    const wall = await app.withToken({ name: 'Room wall', role: 'wall' });
    await openPage({ width: 1920, height: 1080 });
    await page.goto(`${app.url}/wall?rotate=0&token=${encodeURIComponent(wall.token)}`);
    await page.getByTestId('event-line').filter({ hasText: 'Ceasefire talks resume in Doha' }).waitFor();
    expect(page.url()).not.toContain(wall.token);
    expect(page.url()).not.toContain('token=');
    expect(new URL(page.url()).searchParams.get('rotate')).toBe('0');
    await page.locator('[data-testid="connection-state"][data-level="live"]').waitFor({ timeout: 15_000 });

    // A reload finds the token in this tab's session storage, not in the address.
    await page.reload();
    await page.getByTestId('event-line').filter({ hasText: 'Ceasefire talks resume in Doha' }).waitFor();

    expect((await app.api('DELETE', `/api/tokens/${wall.tokenId}`)).status).toBe(204);
    await page.getByTestId('wall-token-refused').getByText("This wall's token is invalid or revoked").waitFor({ timeout: 15_000 });
  }, 60_000);

  it('shows a viewer the feeds and alerts without the ways to change them, and no admin pages', async () => {
    const viewer = await app.as('viewer');
    await openPage({ width: 1600, height: 1000 }, viewer);
    await page.goto(`${app.url}/feeds`);
    await page.getByTestId('feed-row').filter({ hasText: 'Broken Wire' }).waitFor();
    await page.getByTestId('signed-in-as').filter({ hasText: '(viewer)' }).waitFor();
    expect(await page.getByTestId('add-feed-form').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Poll now/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Import OPML' }).count()).toBe(0);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Workspace', 'Since last visit', 'Feeds', 'Alerts', 'Wall']);

    await nav.getByRole('link', { name: 'Alerts' }).click();
    await page.getByTestId('alerts-read-only').waitFor();
    await page.getByTestId('alert-history').waitFor();
    expect(await page.getByRole('button', { name: 'New rule' }).count()).toBe(0);

    await page.goto(`${app.url}/admin/users`);
    await page.getByRole('alert').filter({ hasText: 'needs the admin role' }).waitFor();
  }, 60_000);

  it('adds a person, changes their role and deletes them on the users page, and the audit log lists it', async () => {
    await openPage({ width: 1440, height: 1000 }, app.admin);
    await page.goto(`${app.url}/admin/users`);
    await page.getByLabel('E-mail', { exact: true }).fill('new.analyst@sentinel.test');
    await page.getByLabel('First password').fill('too short');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('alert').filter({ hasText: 'at least 12 characters' }).waitFor();
    await page.getByLabel('First password').fill('a long enough password');
    await page.getByLabel('Role', { exact: true }).selectOption('analyst');
    await page.getByRole('button', { name: 'Add person' }).click();
    const row = page.getByTestId('user-row').filter({ hasText: 'new.analyst@sentinel.test' });
    await row.waitFor();

    await row.getByLabel('Role of new.analyst@sentinel.test').selectOption('viewer');
    await row.getByRole('button', { name: /Change role/ }).click();
    await row.getByText('Saved: new.analyst@sentinel.test is viewer.').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'users.png'), fullPage: true });

    await row.getByRole('button', { name: /Delete…/ }).click();
    await row.getByRole('button', { name: /^Delete user/ }).click();
    await row.waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByTestId('audit-row').filter({ hasText: 'user.delete' }).first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'audit.png') });
  }, 60_000);

  it('creates a wall token on the tokens page, shows its secret once, and revokes it', async () => {
    await openPage({ width: 1440, height: 1000 }, app.admin);
    await page.goto(`${app.url}/admin/tokens`);
    await page.getByLabel('Name', { exact: true }).fill('Operations room');
    await page.getByLabel('Regions', { exact: true }).selectOption(['SY', 'IQ']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'tokens-form.png'), fullPage: true });
    await page.getByRole('button', { name: 'Create token' }).click();
    const link = await page.getByTestId('new-token-link').inputValue();
    const secret = await page.getByTestId('new-token-secret').inputValue();
    expect(link).toBe(`${app.url}/wall?token=${encodeURIComponent(secret)}`);
    const row = page.getByTestId('token-row').filter({ hasText: 'Operations room' });
    await row.waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'tokens.png'), fullPage: true });

    await page.getByRole('button', { name: 'Done: I have copied it' }).click();
    await row.getByRole('button', { name: /Revoke…/ }).click();
    await row.getByRole('button', { name: /^Revoke token/ }).click();
    await row.waitFor({ state: 'detached' });
    expect(secret).not.toBe('');
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
