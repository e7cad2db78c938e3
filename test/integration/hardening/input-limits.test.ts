import type { ApiError, Feed } from '@sentinel/shared';
import { type RunningApp, startTestApp, testConfig, testDatabase, TEST_DATABASE, type TestDatabase } from '../../support/harness';

/**
 * Ids, cursors and limits beyond what the database holds, NUL characters and JSON nested
 * thousands deep: each answers 400 with a message that says what to fix, on SQLite and on
 * PostgreSQL alike (PostgreSQL refuses int4 overflow and NUL in text with errors of its own).
 */
let db: TestDatabase;
let app: RunningApp;
let feed: Feed;

beforeAll(async () => {
  db = testDatabase();
  app = await startTestApp(testConfig(db, { POLLING_ENABLED: 'false' }));
  // Unreachable on purpose: the feed is added with its error, and no poll runs.
  const created = await app.api<Feed>('POST', '/api/feeds', { url: 'http://127.0.0.1:9/feed.xml', title: 'Levant Dispatch' });
  if (created.status !== 201) throw new Error(`could not add a feed: ${JSON.stringify(created.body)}`);
  feed = created.body;
});

afterAll(async () => {
  await app?.close();
  await db?.cleanup();
});

/** Every API route of the running app with an `:id` parameter, read from the router. */
function routesWithId(): { method: string; path: string }[] {
  const express = app.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } };
  const routes: { method: string; path: string }[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route?.path.startsWith('/api/') || !layer.route.path.includes(':id')) continue;
    for (const method of Object.keys(layer.route.methods)) routes.push({ method: method.toUpperCase(), path: layer.route.path });
  }
  return routes;
}

function expectBadRequest(response: { status: number; body: unknown }, message: RegExp): void {
  expect(response.status).toBe(400);
  expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(message) });
}

const base64 = (text: string) => Buffer.from(text).toString('base64url');

describe(`input limits (${TEST_DATABASE})`, () => {
  it('finds the id routes of every module (feeds, stories, alerts, users, tokens)', () => {
    const paths = new Set(routesWithId().map((r) => r.path));
    for (const expected of ['/api/feeds/:id', '/api/feeds/:id/poll', '/api/stories/:id', '/api/alerts/rules/:id', '/api/alerts/channels/:id', '/api/alerts/:id/acknowledge', '/api/users/:id', '/api/tokens/:id']) {
      expect(paths).toContain(expected);
    }
  });

  it.each([
    ['99999999999999999999', /id must be from 1 to 2147483647$/],
    ['2147483648', /id must be from 1 to 2147483647$/],
    ['1e10', /id must be from 1 to 2147483647$/],
    ['0', /id must be from 1 to 2147483647$/],
    ['-1', /id must be from 1 to 2147483647$/],
    ['1.5', /id must be a whole number$/],
    ['abc', /id must be a whole number$/],
  ])('answers 400 for id %s on every route with an :id, never 500', async (id, message) => {
    for (const route of routesWithId()) {
      const response = await app.api<ApiError>(route.method, route.path.replace(':id', id), ['GET', 'DELETE'].includes(route.method) ? undefined : {});
      if (response.status !== 400) throw new Error(`${route.method} ${route.path} with id ${id} answered ${response.status}: ${JSON.stringify(response.body)}`);
      expect(response.body.message).toMatch(message);
    }
  });

  it('answers 404, not 500, for the largest id a row can have when there is no such row', async () => {
    for (const route of routesWithId().filter((r) => r.method === 'GET' || r.method === 'DELETE')) {
      const response = await app.api<ApiError>(route.method, route.path.replace(':id', '2147483647'));
      if (response.status !== 404) throw new Error(`${route.method} ${route.path} with id 2147483647 answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
  });

  describe.each(['/api/stories', '/api/alerts'])('paging %s', (route) => {
    it.each([
      ['garbage', 'not-a-cursor!'],
      ['an id past the integer range', base64('1767139200000:2147483648')],
      ['a huge id', base64('1767139200000:99999999999999999999')],
      ['a time no date can hold', base64('99999999999999999999:5')],
      ['a negative id', base64('1767139200000:-5')],
      ['a huge number', '99999999999999999999'],
    ])('refuses a cursor that is %s', async (_what, cursor) => {
      expectBadRequest(await app.api(`GET`, `${route}?cursor=${encodeURIComponent(cursor)}`), /cursor is not valid: pass back the nextCursor/);
    });

    it.each(['1e400', '-1', '0', 'abc', '99999999999999999999', '1.5'])('refuses limit=%s', async (limit) => {
      expectBadRequest(await app.api('GET', `${route}?limit=${limit}`), /limit must be/);
    });
  });

  it.each(['2147483648', '99999999999999999999', '0', '-3'])('refuses stories?feedId=%s', async (feedId) => {
    expectBadRequest(await app.api('GET', `/api/stories?feedId=${feedId}`), /feedId must be a whole number from 1 to 2147483647/);
  });

  it.each(['2147483648', '0'])('refuses alerts?ruleId=%s and a rule naming channel %s', async (id) => {
    expectBadRequest(await app.api('GET', `/api/alerts?ruleId=${id}`), /ruleId must be a whole number/);
    expectBadRequest(await app.api('POST', '/api/alerts/rules', { name: 'x', query: 'x', channels: [Number(id)] }), /channels must be a list of channel ids/);
  });

  it('refuses an audit cursor past the integer range', async () => {
    expectBadRequest(await app.api('GET', '/api/audit?cursor=2147483648'), /cursor must be/);
  });

  describe('NUL characters', () => {
    it.each([
      ['a feed title', 'PATCH', () => `/api/feeds/${feed.id}`, { title: 'Levant\u0000Dispatch' }, /request body field title contains a NUL character/],
      ['a feed URL', 'POST', () => '/api/feeds', { url: 'http://127.0.0.1:9/\u0000.xml' }, /request body field url contains a NUL character/],
      ['a feed group', 'POST', () => '/api/feeds', { url: 'http://127.0.0.1:9/other.xml', group: '\u0000' }, /request body field group contains a NUL character/],
      ['the rule file', 'PUT', () => '/api/tagging/rules', { text: 'topic a\n3 escape\u0000' }, /request body field text contains a NUL character/],
      ['a field name', 'PATCH', () => `/api/feeds/${feed.id}`, { 'ti\u0000tle': 'x' }, /field name contains a NUL character/],
    ])('in %s answer 400', async (_what, method, route, body, message) => {
      expectBadRequest(await app.api(method, route(), body), message);
    });

    it('in a search query answer 400', async () => {
      expectBadRequest(await app.api('GET', '/api/stories?q=prison%00break'), /the URL contains a NUL character/);
    });

    it('in an id answer 400', async () => {
      expectBadRequest(await app.api('GET', '/api/feeds/1%00'), /the URL contains a NUL character/);
    });

    it('in an OPML file answer 400', async () => {
      const opml = '<?xml version="1.0"?><opml version="2.0"><body><outline text="A\u0000" xmlUrl="http://127.0.0.1:9/a.xml"/></body></opml>';
      expectBadRequest(await app.api('POST', '/api/opml', opml, { 'content-type': 'text/x-opml' }), /contains a NUL character/);
    });

    it('leave the feed as it was', async () => {
      const current = await app.api<Feed>('GET', `/api/feeds/${feed.id}`);
      expect(current.body.title).toBe('Levant Dispatch');
    });
  });

  describe('JSON nested thousands deep', () => {
    const deep = (depth: number) => `{"title":${'['.repeat(depth)}"x"${']'.repeat(depth)}}`;

    it.each([
      ['PATCH', () => `/api/feeds/${feed.id}`],
      ['POST', () => '/api/feeds'],
      ['PUT', () => '/api/tagging/rules'],
      ['POST', () => '/api/alerts/rules'],
    ])('answers 400 on %s %s', async (method, route) => {
      const response = await app.api(method, route(), deep(10_000), { 'content-type': 'application/json' });
      expectBadRequest(response, /request body is nested too deeply \(more than 64 levels/);
    });

    it('answers 400 before authentication too', async () => {
      expectBadRequest(await app.anonymous.api('POST', '/api/auth/login', deep(50_000), { 'content-type': 'application/json' }), /nested too deeply/);
    });

    it('still reads an ordinary nested body', async () => {
      const response = await app.api<Feed>('PATCH', `/api/feeds/${feed.id}`, { title: 'Levant Dispatch' });
      expect(response.status).toBe(200);
    });
  });
});
