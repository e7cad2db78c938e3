import * as http from 'node:http';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import Parser from 'rss-parser';
import { FeedSimulator, FeedSimulatorError, MAX_ITEMS_PER_FEED, demoFeedList, type FeedSimulatorOptions, type SimulatedFeed } from './feed-simulator';

interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface JsonFeedDocument {
  version: string;
  title: string;
  items: { id: string; url: string; title: string; summary: string }[];
}

interface ParsedFeed {
  title: string;
  items: { title: string; link: string; summary: string }[];
}

const LEVANT = '/feeds/levant-dispatch/rss.xml';
const HORN = '/feeds/horn-wire/feed.json';
const KYIV = '/feeds/kyiv-frontline/atom.xml';
const RAFIDAIN = '/feeds/al-rafidain/rss.xml';
const COURRIER = '/feeds/courrier-du-sahel/rss.xml';

function get(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

function decode(body: Buffer, charset: string): string {
  if (charset === 'utf-8') return new TextDecoder('utf-8').decode(body); // drops a BOM, as feed readers do
  return iconv.decode(body, charset);
}

async function parseFeed(body: Buffer, feed: SimulatedFeed): Promise<ParsedFeed> {
  const text = decode(body, feed.charset);
  if (feed.format === 'json-feed') {
    const document = JSON.parse(text) as JsonFeedDocument;
    return { title: document.title, items: document.items.map((item) => ({ title: item.title, link: item.url, summary: item.summary })) };
  }
  const parsed = await new Parser().parseString(text);
  return {
    title: parsed.title ?? '',
    items: parsed.items.map((item) => ({ title: item.title ?? '', link: item.link ?? '', summary: item.contentSnippet ?? item.summary ?? '' })),
  };
}

async function withSimulator(options: FeedSimulatorOptions, run: (simulator: FeedSimulator, baseUrl: string) => Promise<void>): Promise<void> {
  const simulator = new FeedSimulator({ publishEveryMs: 0, ...options });
  const { baseUrl } = await simulator.start();
  try {
    await run(simulator, baseUrl);
  } finally {
    await simulator.stop();
  }
}

function feedAt(simulator: FeedSimulator, path: string): SimulatedFeed {
  const feed = simulator.feeds().find((candidate) => candidate.path === path);
  if (!feed) throw new Error(`no simulated feed at ${path}`);
  return feed;
}

async function fetchFeed(simulator: FeedSimulator, path: string): Promise<ParsedFeed> {
  const feed = feedAt(simulator, path);
  return parseFeed((await get(feed.url)).body, feed);
}

describe('FeedSimulator', () => {
  it('serves about twenty feeds in all four formats, in English, Arabic and French', async () => {
    await withSimulator({ seed: 1 }, async (simulator, baseUrl) => {
      const feeds = simulator.feeds();
      expect(feeds.length).toBeGreaterThanOrEqual(20);
      expect(new Set(feeds.map((feed) => feed.format))).toEqual(new Set(['rss2', 'atom', 'rss1', 'json-feed']));
      expect(new Set(feeds.map((feed) => feed.language))).toEqual(new Set(['en', 'ar', 'fr']));
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(feeds.every((feed) => feed.url.startsWith(`${baseUrl}/feeds/`))).toBe(true);
    });
  });

  it('starts every healthy feed with its ten backdated stories (plus any syndicated copies), parsing in its own format', async () => {
    await withSimulator({ seed: 2 }, async (simulator, baseUrl) => {
      for (const feed of simulator.feeds().filter((candidate) => candidate.failing === undefined)) {
        const response = await get(feed.url);
        expect(response.status).toBe(200);
        const parsed = await parseFeed(response.body, feed);
        expect(parsed.title).toBe(feed.title);
        expect(parsed.items.length).toBeGreaterThanOrEqual(10);
        for (const item of parsed.items) {
          expect(item.link.startsWith(`${baseUrl}/articles/`)).toBe(true);
          expect(item.title.trim()).not.toBe('');
        }
      }
    });
  });

  it('serves the Arabic feed in windows-1256, declared in both the Content-Type and the XML prolog', async () => {
    await withSimulator({ seed: 3 }, async (simulator) => {
      const feed = feedAt(simulator, RAFIDAIN);
      const response = await get(feed.url);
      expect(response.headers['content-type']).toBe('application/rss+xml; charset=windows-1256');
      expect(response.body.subarray(0, 45).toString('latin1')).toBe('<?xml version="1.0" encoding="windows-1256"?>');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(response.body)).toThrow();

      const parsed = await parseFeed(response.body, feed);
      const arabicLetters = /[\u0621-\u064A]/;
      expect(parsed.items.every((item) => arabicLetters.test(item.title) || /^[\x20-\x7e]+$/.test(item.title))).toBe(true);
      expect(parsed.items.filter((item) => arabicLetters.test(item.title)).length).toBeGreaterThan(5);
      expect(parsed.items.some((item) => item.summary.includes('\ufffd') || item.title.includes('?'))).toBe(false);
    });
  });

  it('serves the French feed in ISO-8859-1 declared only in the XML prolog, with references for what Latin-1 lacks', async () => {
    await withSimulator({ seed: 4 }, async (simulator) => {
      const feed = feedAt(simulator, COURRIER);
      const response = await get(feed.url);
      expect(response.headers['content-type']).toBe('text/xml');
      const latin1 = response.body.toString('latin1');
      expect(latin1.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>')).toBe(true);
      expect(response.body.includes(Buffer.from([0xe9]))).toBe(true); // é as a single Latin-1 byte
      // U+2019 has no Latin-1 byte, so it travels as a character reference.
      expect(latin1).toContain('<description>L&#x2019;actualit\u00e9 du Mali');

      const parsed = await parseFeed(response.body, feed);
      expect(parsed.items.some((item) => /[éèàç]/.test(item.title + item.summary))).toBe(true);
      expect(parsed.items.some((item) => (item.title + item.summary).includes('\ufffd'))).toBe(false);
    });
  });

  it('answers 304 to If-None-Match and If-Modified-Since until the feed changes', async () => {
    await withSimulator({ seed: 5 }, async (simulator, baseUrl) => {
      const url = baseUrl + LEVANT;
      const first = await get(url);
      const etag = first.headers.etag ?? '';
      const lastModified = first.headers['last-modified'] ?? '';
      expect(etag).not.toBe('');
      expect(lastModified).not.toBe('');

      const byEtag = await get(url, { 'If-None-Match': etag });
      expect(byEtag.status).toBe(304);
      expect(byEtag.body).toHaveLength(0);
      expect((await get(url, { 'If-Modified-Since': lastModified })).status).toBe(304);

      simulator.publishNow(LEVANT);
      const changed = await get(url, { 'If-None-Match': etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect((await get(url, { 'If-Modified-Since': lastModified })).status).toBe(200);
    });
  });

  it('gzips a feed only when the client accepts gzip', async () => {
    await withSimulator({ seed: 6 }, async (_simulator, baseUrl) => {
      const plain = await get(baseUrl + LEVANT);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const zipped = await get(baseUrl + LEVANT, { 'Accept-Encoding': 'gzip, deflate, br' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.vary).toBe('Accept-Encoding');
      expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
      const refused = await get(baseUrl + LEVANT, { 'Accept-Encoding': 'gzip;q=0, identity' });
      expect(refused.headers['content-encoding']).toBeUndefined();
    });
  });

  it('puts a story published with publishNow at the top of the feed, with a working article page', async () => {
    await withSimulator({ seed: 7 }, async (simulator) => {
      const before = await fetchFeed(simulator, HORN);
      const publication = simulator.publishNow(HORN);
      const after = await fetchFeed(simulator, HORN);
      expect(after.items).toHaveLength(before.items.length + 1);
      expect(after.items[0]).toMatchObject({ title: publication.title, link: publication.link });

      const article = await get(publication.link);
      expect(article.status).toBe(200);
      expect(article.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(article.body.toString('utf8')).toContain(`<link rel="canonical" href="${publication.link}">`);
    });
  });

  it(`keeps only the newest ${MAX_ITEMS_PER_FEED} items in a feed`, async () => {
    await withSimulator({ seed: 8 }, async (simulator) => {
      let newest = '';
      for (let i = 0; i < 35; i++) newest = simulator.publishNow(KYIV).title;
      const parsed = await fetchFeed(simulator, KYIV);
      expect(parsed.items).toHaveLength(MAX_ITEMS_PER_FEED);
      expect(parsed.items[0]?.title).toBe(newest);
    });
  });

  it('carries some stories in a second feed under the same article link, like syndication', async () => {
    await withSimulator({ seed: 9, syndicationRate: 1 }, async (simulator) => {
      const publication = simulator.publishNow(LEVANT);
      const copy = publication.syndicatedTo;
      if (copy === undefined) throw new Error('expected the story to be syndicated');
      expect(copy.feedPath).not.toBe(LEVANT);
      expect(copy.link.replace(/\?.*$/, '')).toBe(publication.link);
      const partner = await fetchFeed(simulator, copy.feedPath);
      expect(partner.items.map((item) => item.link)).toContain(copy.link);
    });

    await withSimulator({ seed: 10 }, async (simulator) => {
      const publications = Array.from({ length: 200 }, () => simulator.publishNow());
      const syndicated = publications.filter((publication) => publication.syndicatedTo !== undefined).length;
      expect(syndicated).toBeGreaterThan(0);
      expect(syndicated).toBeLessThan(60);
    });
  });

  it('publishes the same stories in the same feeds for the same seed', async () => {
    const run = async (seed: number): Promise<string[]> => {
      let sequence: string[] = [];
      await withSimulator({ seed }, async (simulator) => {
        const levant = await fetchFeed(simulator, LEVANT);
        const published = Array.from({ length: 8 }, () => simulator.publishNow()).map((p) => `${p.feedPath} ${p.title}`);
        sequence = [...levant.items.map((item) => item.title), ...published];
      });
      return sequence;
    };
    expect(await run(11)).toEqual(await run(11));
    expect(await run(11)).not.toEqual(await run(12));
  });

  it('gives a restarted run new article links and guids, so a database that remembers guids still sees new stories', async () => {
    const identities = async (startedAt: number): Promise<string[]> => {
      let found: string[] = [];
      await withSimulator({ seed: 20, now: () => startedAt }, async (simulator) => {
        const response = await get(feedAt(simulator, KYIV).url);
        found = [...response.body.toString('utf8').matchAll(/<id>(tag:[^<]+-\d+)<\/id>|href="[^"]*(\/articles\/[^"]+)"/g)]
          .map((match) => match[1] ?? match[2] ?? '');
      });
      return found;
    };
    const firstRun = await identities(Date.UTC(2025, 2, 3, 9, 0, 0));
    const secondRun = await identities(Date.UTC(2025, 2, 3, 9, 5, 0));
    expect(firstRun.length).toBeGreaterThanOrEqual(20);
    expect(secondRun.filter((identity) => firstRun.includes(identity))).toEqual([]);
  });

  it('escapes markup, quotes and forbidden characters so every format stays well-formed', async () => {
    const hostileTitle = `Tom & Jerry <script>alert("x")</script> ]]> 'quoted'`;
    const corpus = [{ lang: 'en' as const, title: hostileTitle, summary: 'Bell\u0007 & <b>bold</b> ]]> end', topic: 'a&b' }];
    await withSimulator({ seed: 13, corpus, initialItemsPerFeed: 2 }, async (simulator) => {
      for (const feed of simulator.feeds().filter((candidate) => candidate.failing === undefined)) {
        const parsed = await parseFeed((await get(feed.url)).body, feed);
        expect(parsed.items[0]?.title.replace(/^Update \d+: /, '')).toBe(hostileTitle);
      }
    });
  });

  it('fails on purpose with a 500, an HTML page and malformed XML', async () => {
    await withSimulator({ seed: 14 }, async (simulator) => {
      const byFailure = new Map(simulator.feeds().map((feed) => [feed.failing, feed]));

      const serverError = await get(byFailure.get('http-500')?.url ?? '');
      expect(serverError.status).toBe(500);

      const htmlPage = await get(byFailure.get('html-page')?.url ?? '');
      expect(htmlPage.status).toBe(200);
      expect(htmlPage.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(htmlPage.body.toString('utf8')).toMatch(/^<!DOCTYPE html>/);
      expect(htmlPage.body.toString('utf8')).not.toContain('<rss');

      const malformed = await get(byFailure.get('malformed-xml')?.url ?? '');
      expect(malformed.status).toBe(200);
      expect(malformed.headers['content-type']).toContain('application/rss+xml');
      await expect(new Parser().parseString(malformed.body.toString('utf8'))).rejects.toThrow();
    });
  });

  it('holds the slow feed open, never finishing the body, and still stops promptly', async () => {
    const simulator = new FeedSimulator({ seed: 15, publishEveryMs: 0 });
    await simulator.start();
    const slow = simulator.feeds().find((feed) => feed.failing === 'never-completes');
    if (!slow) throw new Error('expected a slow feed');

    const outcome = await new Promise<{ status: number; bytes: number; ended: boolean }>((resolve, reject) => {
      let bytes = 0;
      let ended = false;
      const req = http.get(slow.url, { agent: false }, (res) => {
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => (ended = true));
        res.on('error', () => undefined); // the abort below surfaces here
        setTimeout(() => {
          resolve({ status: res.statusCode ?? 0, bytes, ended });
          req.destroy();
        }, 500);
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ECONNRESET') reject(error);
      });
    });
    expect(outcome).toMatchObject({ status: 200, ended: false });
    expect(outcome.bytes).toBeGreaterThan(0);

    // A second client is still waiting when the simulator stops; stop must not wait for it.
    const waiting = new Promise<void>((resolve) => {
      const req = http.get(slow.url, { agent: false }, (res) => {
        res.on('data', () => undefined);
        res.on('error', () => resolve());
        res.on('close', () => resolve());
      });
      req.on('error', () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await simulator.stop();
    await waiting;
  });

  it('advertises the Levant Dispatch feed on its site page for feed discovery', async () => {
    await withSimulator({ seed: 16 }, async (simulator, baseUrl) => {
      const page = await get(`${baseUrl}/site/levant-dispatch`);
      expect(page.status).toBe(200);
      expect(page.body.toString('utf8')).toContain(
        `<link rel="alternate" type="application/rss+xml" title="Levant Dispatch" href="${feedAt(simulator, LEVANT).url}">`,
      );
    });
  });

  it('refuses to publish to unknown or deliberately broken feeds, with a typed error', async () => {
    await withSimulator({ seed: 17 }, async (simulator) => {
      expect(() => simulator.publishNow('/feeds/nope.xml')).toThrow(expect.objectContaining({ kind: 'unknown-feed' }));
      expect(() => simulator.publishNow('/feeds/frontier-post-mirror/rss.xml')).toThrow(expect.objectContaining({ kind: 'feed-is-failing' }));
    });
    const stopped = new FeedSimulator({ publishEveryMs: 0 });
    expect(() => stopped.feeds()).toThrow(FeedSimulatorError);
    expect(() => new FeedSimulator({ syndicationRate: 2 })).toThrow(expect.objectContaining({ kind: 'invalid-options' }));
  });

  it('publishes on its own timer and announces each story', async () => {
    const announced: string[] = [];
    await withSimulator({ seed: 18, publishEveryMs: 20, onPublish: (publication) => announced.push(publication.feedPath) }, async () => {
      const deadline = Date.now() + 2_000;
      while (announced.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(announced.length).toBeGreaterThanOrEqual(3);
  });

  it('lists every simulated feed for the demo app to subscribe to, grouped', async () => {
    await withSimulator({ seed: 19 }, async (simulator, baseUrl) => {
      const list = demoFeedList(`${baseUrl}/`);
      expect(list.map((entry) => entry.url)).toEqual(simulator.feeds().map((feed) => feed.url));
      expect(list.every((entry) => entry.title !== '' && entry.group !== '')).toBe(true);
      const opml = await get(`${baseUrl}/feeds.opml`);
      expect(opml.body.toString('utf8')).toContain(`xmlUrl="${baseUrl}${HORN}"`);
    });
  });
});
