import iconv from 'iconv-lite';
import type { FeedCharset, SimulatedFeedDefinition } from './simulated-feeds';

/** One item as it appears in one feed (a syndicated story has one entry per feed). */
export interface FeedDocumentEntry {
  readonly guid: string;
  readonly link: string;
  readonly title: string;
  readonly summary: string;
  readonly topic: string;
  readonly published: Date;
}

export interface FeedDocumentInput {
  readonly feed: SimulatedFeedDefinition;
  readonly feedUrl: string;
  readonly siteUrl: string;
  readonly updated: Date;
  /** Newest first. */
  readonly entries: readonly FeedDocumentEntry[];
}

// Characters XML 1.0 forbids outright, plus unpaired surrogates; they are dropped rather than escaped
// because no escape makes them legal.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(value: string): string {
  return value.replace(XML_FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** HTML inside CDATA: the text is HTML-escaped, and any `]]>` is split across two sections. */
function cdataHtmlParagraph(text: string): string {
  const html = `<p>${escapeXmlText(text)}</p>`;
  return `<![CDATA[${html.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

const encodableCache = new Map<string, boolean>();

function isEncodable(char: string, charset: FeedCharset): boolean {
  const key = `${charset}:${char}`;
  let known = encodableCache.get(key);
  if (known === undefined) {
    known = iconv.decode(iconv.encode(char, charset), charset) === char;
    encodableCache.set(key, known);
  }
  return known;
}

/**
 * Encodes an XML document in the feed's charset. Characters the legacy charset cannot represent
 * (typographic apostrophes and œ in ISO-8859-1, for instance) become numeric character references,
 * as real CMSs do, so no text is lost. Only valid because the renderers never put non-ASCII text
 * in names or CDATA for legacy charsets.
 */
export function encodeXml(xml: string, charset: FeedCharset): Buffer {
  if (charset === 'utf-8') return Buffer.from(xml, 'utf8');
  let out = '';
  for (const char of xml) {
    const codePoint = char.codePointAt(0) ?? 0;
    out += codePoint < 0x80 || isEncodable(char, charset) ? char : `&#x${codePoint.toString(16).toUpperCase()};`;
  }
  return iconv.encode(out, charset);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function offsetParts(offsetMinutes: number): { sign: string; hours: string; minutes: string } {
  const abs = Math.abs(offsetMinutes);
  return { sign: offsetMinutes < 0 ? '-' : '+', hours: pad(Math.floor(abs / 60)), minutes: pad(abs % 60) };
}

/** RFC 822 date as RSS 2.0 uses it, in the outlet's local offset ("Tue, 04 Mar 2025 14:05:09 +0300"). */
export function formatRfc822(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const { sign, hours, minutes } = offsetParts(offsetMinutes);
  const zone = offsetMinutes === 0 ? 'GMT' : `${sign}${hours}${minutes}`;
  return `${DAYS[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} `
    + `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${zone}`;
}

/** RFC 3339 date in the outlet's local offset ("2025-03-04T16:35:09+04:30"). */
export function formatRfc3339(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const { sign, hours, minutes } = offsetParts(offsetMinutes);
  const zone = offsetMinutes === 0 ? 'Z' : `${sign}${hours}:${minutes}`;
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`
    + `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${zone}`;
}

function xmlDeclaration(charset: FeedCharset): string {
  const name = charset === 'utf-8' ? 'UTF-8' : charset === 'windows-1256' ? 'windows-1256' : 'ISO-8859-1';
  return `<?xml version="1.0" encoding="${name}"?>\n`;
}

function renderRss2(input: FeedDocumentInput): string {
  const { feed } = input;
  const t = escapeXmlText;
  const useCdata = feed.cdataDescriptions === true && feed.charset === 'utf-8';
  const items = input.entries.map((entry) => [
    '    <item>',
    `      <title>${t(entry.title)}</title>`,
    `      <link>${t(entry.link)}</link>`,
    `      <guid isPermaLink="${feed.guidStyle === 'permalink'}">${t(entry.guid)}</guid>`,
    `      <pubDate>${formatRfc822(entry.published, feed.utcOffsetMinutes)}</pubDate>`,
    `      <dc:creator>${t(feed.author)}</dc:creator>`,
    `      <category>${t(entry.topic)}</category>`,
    `      <description>${useCdata ? cdataHtmlParagraph(entry.summary) : t(entry.summary)}</description>`,
    '    </item>',
  ].join('\n'));
  return [
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <channel>',
    `    <title>${t(feed.title)}</title>`,
    `    <link>${t(input.siteUrl)}</link>`,
    `    <description>${t(feed.description)}</description>`,
    `    <language>${feed.language}</language>`,
    `    <lastBuildDate>${formatRfc822(input.updated, feed.utcOffsetMinutes)}</lastBuildDate>`,
    '    <generator>Sentinel Wire demo feed simulator</generator>',
    '    <ttl>5</ttl>',
    `    <atom:link href="${escapeXmlAttribute(input.feedUrl)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

function renderAtom(input: FeedDocumentInput): string {
  const { feed } = input;
  const t = escapeXmlText;
  const a = escapeXmlAttribute;
  const entries = input.entries.map((entry) => [
    '  <entry>',
    `    <title type="text">${t(entry.title)}</title>`,
    `    <id>${t(entry.guid)}</id>`,
    `    <link rel="alternate" type="text/html" href="${a(entry.link)}"/>`,
    `    <published>${formatRfc3339(entry.published, feed.utcOffsetMinutes)}</published>`,
    `    <updated>${formatRfc3339(entry.published, feed.utcOffsetMinutes)}</updated>`,
    `    <author><name>${t(feed.author)}</name></author>`,
    `    <category term="${a(entry.topic)}"/>`,
    `    <summary type="text">${t(entry.summary)}</summary>`,
    '  </entry>',
  ].join('\n'));
  return [
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.language}">`,
    `  <title type="text">${t(feed.title)}</title>`,
    `  <subtitle type="text">${t(feed.description)}</subtitle>`,
    `  <id>tag:${feed.slug}.example,2025:feed</id>`,
    `  <updated>${formatRfc3339(input.updated, feed.utcOffsetMinutes)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${a(input.feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${a(input.siteUrl)}"/>`,
    '  <generator>Sentinel Wire demo feed simulator</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

function renderRss1(input: FeedDocumentInput): string {
  const { feed } = input;
  const t = escapeXmlText;
  const a = escapeXmlAttribute;
  const items = input.entries.map((entry) => [
    `  <item rdf:about="${a(entry.link)}">`,
    `    <title>${t(entry.title)}</title>`,
    `    <link>${t(entry.link)}</link>`,
    `    <description>${t(entry.summary)}</description>`,
    `    <dc:date>${formatRfc3339(entry.published, feed.utcOffsetMinutes)}</dc:date>`,
    `    <dc:creator>${t(feed.author)}</dc:creator>`,
    `    <dc:subject>${t(entry.topic)}</dc:subject>`,
    `    <dc:identifier>${t(entry.guid)}</dc:identifier>`,
    '  </item>',
  ].join('\n'));
  return [
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    `  <channel rdf:about="${a(input.feedUrl)}">`,
    `    <title>${t(feed.title)}</title>`,
    `    <link>${t(input.siteUrl)}</link>`,
    `    <description>${t(feed.description)}</description>`,
    `    <dc:language>${feed.language}</dc:language>`,
    `    <dc:date>${formatRfc3339(input.updated, feed.utcOffsetMinutes)}</dc:date>`,
    '    <items>',
    '      <rdf:Seq>',
    ...input.entries.map((entry) => `        <rdf:li rdf:resource="${a(entry.link)}"/>`),
    '      </rdf:Seq>',
    '    </items>',
    '  </channel>',
    ...items,
    '</rdf:RDF>',
    '',
  ].join('\n');
}

function renderJsonFeed(input: FeedDocumentInput): string {
  const { feed } = input;
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: input.siteUrl,
    feed_url: input.feedUrl,
    description: feed.description,
    language: feed.language,
    authors: [{ name: feed.author }],
    items: input.entries.map((entry) => ({
      id: entry.guid,
      url: entry.link,
      title: entry.title,
      summary: entry.summary,
      content_text: entry.summary,
      date_published: formatRfc3339(entry.published, feed.utcOffsetMinutes),
      tags: [entry.topic],
    })),
  };
  return JSON.stringify(document, null, 2);
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The feed document as the bytes the server sends (before any Content-Encoding). */
export function renderFeedDocument(input: FeedDocumentInput): Buffer {
  const { feed } = input;
  if (feed.format === 'json-feed') return Buffer.from(renderJsonFeed(input), 'utf8');
  const body = feed.format === 'rss2' ? renderRss2(input) : feed.format === 'atom' ? renderAtom(input) : renderRss1(input);
  const bytes = encodeXml(xmlDeclaration(feed.charset) + body, feed.charset);
  return feed.byteOrderMark === true && feed.charset === 'utf-8' ? Buffer.concat([UTF8_BOM, bytes]) : bytes;
}

/**
 * A feed that breaks the way hand-edited CMS templates do: a bare ampersand, a tag closed in
 * the wrong order and a document cut off mid-item. Titles are included so a lenient parser that
 * tries to recover has something to find.
 */
export function renderMalformedFeed(feed: SimulatedFeedDefinition, siteUrl: string, titles: readonly string[]): Buffer {
  const [first = 'Clashes reported near Tripoli airport', second = 'Border crossing reopens'] = titles;
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    '  <channel>',
    `    <title>${feed.title}</title>`,
    `    <link>${siteUrl}</link>`,
    '    <description>News & analysis from North Africa</description>',
    '    <item>',
    `      <title><b>${first}</title></b>`,
    `      <link>${siteUrl}/latest?id=1&page=2</link>`,
    // The CMS died mid-document: no item is ever complete, so nothing can be salvaged.
    `      <description>${second}`,
    '',
  ].join('\n');
  return Buffer.from(xml, 'utf8');
}
