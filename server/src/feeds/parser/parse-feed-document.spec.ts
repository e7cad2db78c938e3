import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { FeedParseError, NormalisedItem, ParsedFeed, parseFeedDocument } from './index';

const NOW = new Date('2024-06-04T12:00:00Z');
const FEED_URL = 'https://feeds.example.com/dir/feed.xml';
/** What no stored field may contain: markup or URLs that could run script somewhere. */
const SCRIPT_CAPABLE = /<\s*script|javascript:|\bon[a-z]+\s*=|<\s*iframe|<\s*object|<\s*embed|expression\s*\(/i;

const fixture = (name: string): Buffer => fs.readFileSync(path.join(__dirname, 'fixtures', name));
const parse = (body: Buffer | string, contentType: string | null = null, url = FEED_URL): Promise<ParsedFeed> =>
  parseFeedDocument({ body: typeof body === 'string' ? Buffer.from(body) : body, contentType, url }, NOW);
const parseFixture = (name: string, contentType: string | null = null): Promise<ParsedFeed> => parse(fixture(name), contentType);

async function parseError(body: Buffer | string, contentType: string | null = null): Promise<FeedParseError> {
  try {
    await parse(body, contentType);
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error('expected a FeedParseError');
}

const rss = (items: string, channel = '<title>Test</title>'): string => `<?xml version="1.0"?><rss version="2.0"><channel>${channel}${items}</channel></rss>`;

describe('parseFeedDocument: formats', () => {
  it('reads an RSS 2.0 feed: titles, links, guids, the short summary and dates', async () => {
    const feed = await parseFixture('rss2-news.xml');
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Regional Desk – World News');
    expect(feed.siteUrl).toBe('https://news.example.org/world/');
    expect(feed.skippedItems).toBe(0);
    expect(feed.items).toHaveLength(3);
    const [first, second, third] = feed.items;
    expect(first).toEqual<NormalisedItem>({
      guidKey: 'news-example-org-9f2c1a',
      url: 'https://news.example.org/world/2024/06/04/ceasefire-talks-resume?utm_source=rss&utm_medium=feed',
      canonicalUrl: 'https://news.example.org/world/2024/06/04/ceasefire-talks-resume',
      title: 'Ceasefire talks resume in Doha as aid convoys wait at the border',
      summary: 'Negotiators met for a third day on Tuesday. Dozens of trucks remain stuck at the crossing.',
      publishedAt: new Date('2024-06-04T08:42:10Z'),
      dateMissing: false,
    });
    expect(second.publishedAt).toEqual(new Date('2024-06-04T10:05:00Z'));
    // A permalink guid stands in for the missing <link>; an empty description gives way to content:encoded.
    expect(third.url).toBe('https://news.example.org/world/2024/06/03/un-envoy-pause');
    expect(third.summary).toBe('The envoy spoke to reporters in Geneva.');
    expect(third.publishedAt).toEqual(new Date('2024-06-03T22:30:00Z'));
  });

  it('reads an Atom feed: rel="alternate" links resolved against xml:base, HTML and XHTML text', async () => {
    const feed = await parseFixture('atom-news.xml');
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Field Monitor');
    expect(feed.siteUrl).toBe('https://monitor.example.net/');
    expect(feed.items.map((i) => [i.guidKey, i.url, i.title, i.summary])).toEqual([
      ['tag:monitor.example.net,2024:entry-311', 'https://monitor.example.net/reports/2024/06/04/shelling-kharkiv', 'Shelling reported near Kharkiv outskirts', 'Local officials said two buildings were damaged.'],
      ['tag:monitor.example.net,2024:briefing-0604', 'https://monitor.example.net/briefings/june-4', 'Daily briefing', 'Roads north of the city remain closed.'],
    ]);
    // <published> wins over <updated>; the offset is applied.
    expect(feed.items[0].publishedAt).toEqual(new Date('2024-06-04T04:45:00Z'));
  });

  it('keeps the word order of XHTML content', async () => {
    const feed = await parse(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title><id>1</id>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hello <b>brave</b> new <i>world</i><p>Next</p><script>alert(1)</script></div></content></entry></feed>`);
    expect(feed.items[0].summary).toBe('Hello brave new world Next');
  });

  it('reads an Atom feed whose elements carry a prefix', async () => {
    const feed = await parse(`<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Prefixed</a:title>
      <a:entry><a:title>Entry</a:title><a:id>e1</a:id><a:link href="https://p.example.com/e1"/></a:entry></a:feed>`);
    expect(feed.format).toBe('atom');
    expect(feed.items.map((i) => [i.guidKey, i.title, i.url])).toEqual([['e1', 'Entry', 'https://p.example.com/e1']]);
  });

  it('reads an RSS 1.0 (RDF) feed, using rdf:about as the id', async () => {
    const feed = await parseFixture('rdf-news.xml');
    expect(feed.format).toBe('rdf');
    expect(feed.title).toBe('Example Wire (RSS 1.0)');
    expect(feed.items.map((i) => [i.guidKey, i.title, i.publishedAt.toISOString()])).toEqual([
      ['https://wire.example.com/story/1001', 'Parliament votes to extend state of emergency', '2024-06-02T23:20:00.000Z'],
      ['https://wire.example.com/story/1002', 'Border crossing reopens', '2024-06-02T00:00:00.000Z'],
    ]);
  });

  it('reads RSS 0.9x items that sit directly in <rss>, without a <channel>', async () => {
    const feed = await parse('<rss version="0.91"><title>Old</title><item><title>Bare item</title><link>http://old.example.com/1</link></item></rss>');
    expect(feed.items.map((i) => i.title)).toEqual(['Bare item']);
  });

  it('reads an empty feed as a feed with no items', async () => {
    expect(await parse('<rss version="2.0"></rss>')).toEqual({ format: 'rss', title: null, siteUrl: null, items: [], skippedItems: 0 });
    expect((await parse('<feed xmlns="http://www.w3.org/2005/Atom"/>')).items).toEqual([]);
  });

  it('reads a JSON Feed and checks the type of every field it uses', async () => {
    const feed = await parseFixture('jsonfeed-news.json', 'application/feed+json');
    expect(feed.format).toBe('json');
    expect(feed.title).toBe('Observer Notes');
    expect(feed.siteUrl).toBe('https://observer.example.com/');
    // The string item is not an item.
    expect(feed.skippedItems).toBe(1);
    expect(feed.items).toHaveLength(3);
    expect(feed.items[0]).toMatchObject({ guidKey: '2024-06-04-ports', title: 'Ports partially reopen', summary: 'Two of five ports accepted ships on Tuesday.', publishedAt: new Date('2024-06-04T09:30:00Z') });
    // Numeric id, external_url, no title: the text stands in for one.
    expect(feed.items[1]).toMatchObject({
      guidKey: '42',
      url: 'https://other.example.net/report?fbclid=abc123&id=7',
      canonicalUrl: 'https://other.example.net/report?id=7',
      title: 'Short note without a title: curfew lifted in the old town.',
      publishedAt: new Date('2024-06-03T21:00:00Z'),
    });
    // id object, title array, javascript: url and numeric date are all ignored.
    expect(feed.items[2]).toMatchObject({ url: null, title: 'Typed fields are checked', dateMissing: true, publishedAt: NOW });
    expect(feed.items[2].guidKey).toMatch(/^h:[0-9a-f]{64}$/);
  });

  it('refuses JSON that does not parse, and JSON that is not a JSON Feed', async () => {
    const invalid = await parseError('{"version": "https://jsonfeed.org/version/1", "items": [', 'application/feed+json');
    expect(invalid.kind).toBe('invalid-json');
    expect(invalid.message).toMatch(/^invalid JSON: /);
    const other = await parseError('{"status": "ok", "data": []}', 'application/json');
    expect(other.kind).toBe('not-a-feed');
    expect(other.message).toBe('not a feed: the server returned JSON that is not a JSON Feed');
  });

  it('refuses an XML document that is not a feed format', async () => {
    const error = await parseError('<?xml version="1.0"?><opml version="2.0"><body/></opml>');
    expect(error.kind).toBe('unsupported');
    expect(error.message).toBe('unsupported format: the document is XML but its root element <opml> is not RSS, Atom or RDF');
  });
});

describe('parseFeedDocument: character sets', () => {
  it('reads an Arabic feed served as windows-1256', async () => {
    const feed = await parseFixture('arabic-windows-1256.xml', 'text/xml');
    expect(feed.title).toBe('أخبار المنطقة');
    expect(feed.items[0].title).toBe('استئناف المفاوضات في الدوحة');
    expect(feed.items[0].summary).toBe('قال مسؤولون إن الجولة الثالثة بدأت صباح الثلاثاء.');
    expect(feed.items[0].publishedAt).toEqual(new Date('2024-06-04T07:00:00Z'));
  });

  it('reads a French feed served as ISO-8859-1', async () => {
    const feed = await parseFixture('french-iso-8859-1.xml', 'application/rss+xml; charset=ISO-8859-1');
    expect(feed.items[0].title).toBe('Négociations à Genève : l’espoir d’une trêve');
    expect(feed.items[0].summary).toBe('Les délégués se sont réunis à huis clos. « Rien n’est décidé », a déclaré un diplomate.');
  });

  it('repairs bare ampersands and HTML entities that strict XML parsers reject', async () => {
    const feed = await parseFixture('sloppy-ampersands.xml');
    expect(feed.title).toBe('Smith & Sons Gazette');
    expect(feed.siteUrl).toBe('http://gazette.example.com/?section=world&lang=en');
    expect(feed.items[0].title).toBe('Talks stall over prisoner exchange — café owners protest');
    expect(feed.items[0].url).toBe('http://gazette.example.com/story?id=55&ref=rss');
    expect(feed.items[0].summary).toBe("Q&A: what we know & what we don't … AT&T © 2024 &unknownentity; ’'");
    expect(feed.items[0].publishedAt).toEqual(new Date('2024-06-04T09:00:00Z'));
  });
});

describe('parseFeedDocument: hostile documents', () => {
  it('never expands a billion-laughs entity bomb', async () => {
    const feed = await parseFixture('billion-laughs.xml');
    expect(feed.items[0].title).toBe('Bomb &lol9;');
    expect(feed.items[0].summary).toBe('&lol9;&lol9;&lol9;');
  });

  it('refuses flat entities that would expand past the budget', async () => {
    const body = `<!DOCTYPE rss [<!ENTITY big "${'x'.repeat(2000)}">]>` + rss(`<item><title>${'&big;'.repeat(600)}</title></item>`);
    const error = await parseError(body);
    expect(error.kind).toBe('entity-declaration');
    expect(error.message).toBe('feed declares its own XML entities (DOCTYPE) that expand to more than 1,000,000 characters, which is not allowed');
  });

  it('expands a simple declared entity, as an old feed may rely on', async () => {
    const feed = await parse(`<!DOCTYPE rss [<!ENTITY id "tag:example.com,">]>` + rss(`<item><title>t</title><guid isPermaLink="false">&id;2006-05-04:/blog/</guid></item>`));
    expect(feed.items[0].guidKey).toBe('tag:example.com,2006-05-04:/blog/');
  });

  it('never reads files or opens connections for external entities', async () => {
    const connect = jest.spyOn(net.Socket.prototype, 'connect');
    try {
      const feed = await parseFixture('external-entity.xml');
      expect(feed.items[0].title).toBe('Leak: &xxe;');
      expect(feed.items[0].summary).toBe('&remote;');
      const stored = JSON.stringify(feed);
      if (fs.existsSync('/etc/passwd')) expect(stored).not.toContain(fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0]);
      expect(stored).not.toMatch(/root:|nologin/);
      expect(connect).not.toHaveBeenCalled();
    } finally {
      connect.mockRestore();
    }
  });

  it('stores no script-capable markup or non-http URL from a script-laden feed', async () => {
    const feed = await parseFixture('script-laden.xml');
    expect(feed.title).toBe('Hostile Feed');
    expect(feed.siteUrl).toBeNull();
    expect(feed.items.map((i) => [i.title, i.summary, i.url])).toEqual([
      ['Breaking: talks collapse', 'Officials denied the report. ok', null],
      ['Double-escaped title', 'Fallback text', null],
      ['&lt;script&gt;alert(9)&lt;/script&gt;Triple', 'plain text ‹ script mentioning ‹ iframe tags', null],
    ]);
    for (const item of feed.items) {
      expect(item.title).not.toMatch(SCRIPT_CAPABLE);
      expect(item.summary).not.toMatch(SCRIPT_CAPABLE);
      expect(item.canonicalUrl).toBeNull();
    }
  });

  it('keeps the complete items of a truncated feed and counts the cut one as skipped', async () => {
    const feed = await parseFixture('truncated.xml');
    expect(feed.title).toBe('Cut Off Daily');
    expect(feed.items.map((i) => i.title)).toEqual(['First complete story', 'Second complete story']);
    expect(feed.skippedItems).toBe(1);
  });

  it('says where a feed that ends before any item ends', async () => {
    const error = await parseError(fixture('truncated-before-items.xml'));
    expect(error.kind).toBe('invalid-xml');
    expect(error.message).toBe('invalid XML at line 6: document ends early (truncated?)');
  });

  it('reports the line and reason of an XML error it cannot repair', async () => {
    const error = await parseError('<rss version="2.0">\n<channel>\n<title>x</title>\n<item\u3000x>y</item\u3000x>\n</channel></rss>');
    expect(error.kind).toBe('invalid-xml');
    expect(error.message).toBe('invalid XML at line 4: an invalid character in a tag name');
  });

  it('repairs mismatched closing tags rather than losing the feed', async () => {
    const feed = await parseFixture('mismatched-tags.xml');
    expect(feed.items.map((i) => i.title)).toEqual(['One']);
  });

  it('says so when the server returns an HTML page', async () => {
    const error = await parseError(fixture('html-page.html'), 'text/html; charset=utf-8');
    expect(error.kind).toBe('not-a-feed');
    expect(error.message).toBe('not a feed: the server returned an HTML page');
  });

  it.each([[Buffer.alloc(0)], [Buffer.from('  \r\n\t ')], [Buffer.from([0xef, 0xbb, 0xbf, 0x0a])]])('says so when the response is empty (%#)', async (body) => {
    const error = await parseError(body);
    expect(error.kind).toBe('empty');
    expect(error.message).toBe('empty response: the server returned no content');
  });

  it('says so when the document is neither XML nor JSON', async () => {
    const error = await parseError('Service temporarily unavailable', 'text/plain');
    expect(error.kind).toBe('not-a-feed');
    expect(error.message).toBe('not a feed: the document is neither XML nor JSON');
  });

  it('ends every cut of a feed as items or a FeedParseError with a message', async () => {
    const whole = fixture('rss2-news.xml');
    for (let end = 0; end <= whole.length; end += 7) {
      try {
        await parse(whole.subarray(0, end));
      } catch (error) {
        expect(error).toBeInstanceOf(FeedParseError);
        expect((error as FeedParseError).message.length).toBeGreaterThan(10);
      }
    }
  });

  it('survives deeply nested markup', async () => {
    const feed = await parse(rss(`<item><title>Deep</title><description>${'<div>'.repeat(50_000)}text${'</div>'.repeat(50_000)}</description></item>`));
    expect(feed.items[0].title).toBe('Deep');
  });
});

describe('parseFeedDocument: normalising items', () => {
  it('resolves relative links against the feed URL', async () => {
    const feed = await parseFixture('relative-links.xml');
    expect(feed.siteUrl).toBe('https://feeds.example.com/');
    expect(feed.items.map((i) => i.url)).toEqual([
      'https://feeds.example.com/news/2024/06/04/story-a',
      'https://feeds.example.com/dir/story-b.html',
      'https://cdn.example.org/story-c',
      // A guid is an identifier: only an absolute one stands in for the link.
      null,
    ]);
  });

  it('gives undated items the current time, hashes a key for items without guid, and skips empty items', async () => {
    const feed = await parseFixture('undated-no-guid.xml');
    expect(feed.skippedItems).toBe(1);
    expect(feed.items.map((i) => [i.title, i.dateMissing, i.publishedAt.toISOString()])).toEqual([
      ['No date, no guid', true, NOW.toISOString()],
      ['Unreadable date', true, NOW.toISOString()],
      ['Text only: no title, no link, no guid.', true, NOW.toISOString()],
      ['Blank guid', true, NOW.toISOString()],
    ]);
    const expectedKey = 'h:' + createHash('sha256').update('https://bulletin.example.com/a\nNo date, no guid').digest('hex');
    expect(feed.items[0].guidKey).toBe(expectedKey);
    expect(feed.items[3].guidKey).toMatch(/^h:[0-9a-f]{64}$/);
  });

  it('returns both items of a duplicated guid (storage de-duplicates)', async () => {
    const feed = await parseFixture('duplicate-guids.xml');
    expect(feed.items.map((i) => [i.guidKey, i.title])).toEqual([
      ['evac-2024-06-04', 'Evacuation ordered (first version)'],
      ['evac-2024-06-04', 'Evacuation ordered (updated)'],
    ]);
  });

  it('clamps dates more than five minutes ahead to now, and tries the next date when one is unreadable', async () => {
    const feed = await parseFixture('future-dates.xml');
    expect(feed.items.map((i) => [i.publishedAt.toISOString(), i.dateMissing])).toEqual([
      [NOW.toISOString(), false],
      ['2024-06-04T12:02:00.000Z', false],
      ['2024-06-04T11:00:00.000Z', false],
    ]);
  });

  it('trims guids and caps them at 512 characters', async () => {
    const feed = await parse(rss(`<item><title>t</title><guid isPermaLink="false">  ${'g'.repeat(600)}  </guid></item>`));
    expect(feed.items[0].guidKey).toBe('g'.repeat(512));
  });

  it('caps titles at 500 and summaries at 2000 characters', async () => {
    const feed = await parse(rss(`<item><title>${'word '.repeat(200)}</title><description>${'text '.repeat(1000)}</description></item>`));
    expect(feed.items[0].title.length).toBeLessThanOrEqual(500);
    expect(feed.items[0].title.endsWith('…')).toBe(true);
    expect(feed.items[0].summary.length).toBeLessThanOrEqual(2000);
  });

  it('reads at most 1000 items from one document and counts the rest as skipped', async () => {
    const items = Array.from({ length: 1003 }, (_, i) => `<item><title>Item ${i}</title><guid>id-${i}</guid></item>`).join('');
    const feed = await parse(rss(items));
    expect(feed.items).toHaveLength(1000);
    expect(feed.items[999].guidKey).toBe('id-999');
    expect(feed.skippedItems).toBe(3);
  });
});
