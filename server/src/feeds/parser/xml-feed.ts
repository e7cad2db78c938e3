import Parser from 'rss-parser';
import { EntryDraft, FeedDraft, RAW_SUMMARY_CAP, RAW_TITLE_CAP } from './feed-draft';
import { FeedParseError } from './feed-parse-error';
import { resolveBase, resolveHttpUrl } from './item-url';
import { closeAfterLastCompleteItem, PreparedXml, prepareXml } from './xml-prepare';

/**
 * RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 through rss-parser's `parseString` (never
 * `parseURL`: this module opens no connections).
 *
 * rss-parser decides the format and finds the items; we read the fields ourselves from the
 * xml2js nodes it passes through (`customFields` with `keepArray`). The elements we read are
 * renamed on the way in (`title` becomes `sw_title`) so that rss-parser's own handling of them
 * never runs: it throws on an unparseable Atom `<published>` and on `<link>` without attributes,
 * and rebuilds HTML content with a recursive builder that deep nesting would overflow.
 */

type XmlRecord = Record<string, unknown>;

const READ_BY_US = [
  'title', 'dc:title', 'media:title', 'link', 'guid', 'id', 'description', 'dc:description', 'summary', 'content', 'content:encoded', 'xhtml:body', 'body',
  'pubDate', 'dc:date', 'published', 'updated', 'issued', 'created', 'modified', 'dcterms:issued', 'dcterms:created', 'dcterms:modified',
];
const RENAMED = new Map(READ_BY_US.map((name) => [name, `sw_${name}`]));
/** Names that would reach Object.prototype machinery if xml2js ever used plain objects. */
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
/** Elements whose text never belongs in a summary (XHTML content, unescaped HTML in description). */
const DROPPED_ELEMENTS = new Set(['script', 'style', 'template', 'iframe', 'embed', 'noembed', 'noframes', 'svg', 'math']);
const MAX_DEPTH = 64;

const ITEM_FIELDS = [...[...RENAMED.values(), 'atom:link'].map((name) => [name, name, { keepArray: true }]), ['$', 'sw_attrs', { keepArray: true }]];
const FEED_FIELDS = [['sw_title', 'sw_title', { keepArray: true }], ['sw_dc:title', 'sw_dc:title', { keepArray: true }], ['sw_link', 'sw_link', { keepArray: true }], ['$', 'sw_attrs', { keepArray: true }]];

export type XmlFormat = 'rss' | 'atom' | 'rdf';

/** Namespaces whose elements we read, by the prefix we read them under ('' = unprefixed). */
const NAMESPACE_PREFIXES: Record<string, string> = {
  'http://purl.org/rss/1.0/': '',
  'http://backend.userland.com/rss2': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
  'http://www.w3.org/2005/Atom': 'atom',
  'http://purl.org/atom/ns#': 'atom',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
};

/**
 * Element/attribute name to the name we read it under: prefixes declared on the document element
 * for known namespaces become the usual ones (`rss:item` in an RDF file that binds RSS 1.0 to
 * `rss:` is read as `item`), and Atom's prefix is dropped inside an Atom document.
 */
function prefixRewriter(rootAttributes: Record<string, string>, rootName: string | null): (name: string) => string {
  const rewrite = new Map<string, string>();
  for (const [attribute, uri] of Object.entries(rootAttributes)) {
    if (!attribute.startsWith('xmlns:')) continue;
    const usual = NAMESPACE_PREFIXES[uri.trim()];
    if (usual !== undefined) rewrite.set(attribute.slice(6), usual);
  }
  const rootPrefix = rootName !== null && rootName.includes(':') ? rootName.slice(0, rootName.indexOf(':')) : null;
  const rootLocal = rootName === null ? null : rootName.slice(rootName.indexOf(':') + 1);
  if (rootLocal === 'feed') {
    for (const [prefix, usual] of rewrite) if (usual === 'atom') rewrite.set(prefix, '');
  }
  // `<r:rss>` / `<atom:feed>`: the document's own vocabulary, whatever the prefix is bound to.
  if (rootPrefix !== null && (rootLocal === 'feed' || rootLocal === 'rss') && !rewrite.has(rootPrefix)) rewrite.set(rootPrefix, '');
  return (name) => {
    const colon = name.indexOf(':');
    if (colon === -1) return name;
    const usual = rewrite.get(name.slice(0, colon));
    if (usual === undefined) return name;
    return usual === '' ? name.slice(colon + 1) : `${usual}:${name.slice(colon + 1)}`;
  };
}

export function xmlFormatOf(rootName: string | null): XmlFormat | null {
  if (rootName === null) return null;
  if (rootName === 'rdf:RDF') return 'rdf';
  if (rootName === 'rss') return 'rss';
  if (rootName === 'feed') return 'atom';
  return null;
}

/** Parses repaired XML; on a syntax error, salvages the complete items of a truncated document. */
export async function parseXmlFeed(text: string, documentUrl: string | null): Promise<FeedDraft> {
  const prepared = prepareXml(text);
  const rewritePrefix = prefixRewriter(prepared.rootAttributes, prepared.rootName);
  const format = xmlFormatOf(prepared.rootName === null ? null : rewritePrefix(prepared.rootName));
  if (format === null) {
    if (prepared.rootName === null) throw new FeedParseError('not-a-feed', 'not a feed: the document contains no XML elements');
    throw new FeedParseError('unsupported', `unsupported format: the document is XML but its root element <${prepared.rootName}> is not RSS, Atom or RDF`);
  }
  const context: ReadContext = { prepared, format, documentUrl, rewritePrefix };
  try {
    return await readFeed(withChannel(prepared.xml, prepared, format), context, 0);
  } catch (error) {
    if (error instanceof FeedParseError) throw error;
    const salvaged = closeAfterLastCompleteItem(prepared);
    if (salvaged !== null) {
      try {
        const draft = await readFeed(withChannel(salvaged, prepared, format), context, prepared.partialItemAtEnd ? 1 : 0);
        if (draft.entries.length > 0) return draft;
      } catch {
        // The salvage attempt failing says nothing new: report the original error.
      }
    }
    throw describeXmlError(error, prepared, format);
  }
}

/**
 * rss-parser needs a <channel>: RSS 0.9x documents without one (items directly in <rss>) get
 * their content wrapped in one, RDF documents without one get an empty one.
 */
function withChannel(xml: string, prepared: PreparedXml, format: XmlFormat): string {
  const content = prepared.rootContent;
  if (prepared.hasChannel || content === null || format === 'atom') return xml;
  if (format === 'rdf') return `${xml.slice(0, content.start)}<channel></channel>${xml.slice(content.start)}`;
  const end = Math.min(content.end, xml.length);
  return `${xml.slice(0, content.start)}<channel>${xml.slice(content.start, end)}</channel>${xml.slice(end)}`;
}

interface ReadContext {
  prepared: PreparedXml;
  format: XmlFormat;
  documentUrl: string | null;
  rewritePrefix: (name: string) => string;
}

async function readFeed(xml: string, context: ReadContext, droppedEntries: number): Promise<FeedDraft> {
  const { prepared, format, documentUrl, rewritePrefix } = context;
  const renameTag = (name: string): string => {
    const usual = rewritePrefix(name);
    if (UNSAFE_NAMES.has(usual)) return `sw_unsafe_${usual}`;
    return RENAMED.get(usual) ?? usual;
  };
  const renameAttribute = (name: string): string => {
    const usual = rewritePrefix(name);
    return UNSAFE_NAMES.has(usual) ? `sw_unsafe_${usual}` : usual;
  };
  const options = {
    defaultRSS: 2,
    customFields: { feed: FEED_FIELDS, item: ITEM_FIELDS },
    xml2js: {
      strict: true,
      tagNameProcessors: [renameTag],
      attrNameProcessors: [renameAttribute],
      // Children also in document order (`$$`, text included), next to the named lists rss-parser reads:
      // mixed content (XHTML, unescaped HTML) keeps its word order.
      explicitChildren: true,
      preserveChildrenOrder: true,
      charsAsChildren: true,
      includeWhiteChars: true,
    },
  };
  // rss-parser's typings cannot express [from, to, { keepArray }] feed fields; the shape is checked below instead.
  const parser = new Parser(options as unknown as ConstructorParameters<typeof Parser>[0]);
  let output: unknown;
  try {
    output = await parser.parseString(xml);
  } catch (error) {
    if (error instanceof Error && !/\nLine: \d+/.test(error.message) && !prepared.hasFeedElements) {
      // `<feed></feed>`: rss-parser wants content; an empty document is an empty feed.
      return { format, title: null, siteUrl: null, entries: [], droppedEntries };
    }
    throw error;
  }
  if (!isRecord(output)) throw new FeedParseError('not-a-feed', 'not a feed: the XML document has no feed content');

  const rootBase = format === 'atom' ? documentUrl : resolveBase(prepared.rootAttributes['xml:base'], documentUrl);
  const feedAttrs = isRecord(output.sw_attrs) ? output.sw_attrs : {};
  const feedBase = resolveBase(stringOr(feedAttrs['xml:base']), rootBase);
  const items = Array.isArray(output.items) ? output.items : [];
  return {
    format,
    title: textOf(output.sw_title, RAW_TITLE_CAP) ?? textOf(output['sw_dc:title'], RAW_TITLE_CAP),
    siteUrl: pickLink(output.sw_link, feedBase),
    entries: items.filter(isRecord).map((item) => readEntry(item, feedBase)),
    droppedEntries,
  };
}

function readEntry(item: XmlRecord, feedBase: string | null): EntryDraft {
  const attrs = isRecord(item.sw_attrs) ? item.sw_attrs : {};
  const base = resolveBase(stringOr(attrs['xml:base']), feedBase);
  const guidNode = first(item.sw_guid);
  const guid = textOf(item.sw_guid, 4096) ?? textOf(item.sw_id, 4096) ?? stringOr(attrs['rdf:about']) ?? null;
  let url = pickLink(item.sw_link, base) ?? pickLink(item['atom:link'], base);
  if (url === null && guid !== null && item.sw_guid !== undefined && attributesOf(guidNode).isPermaLink?.toLowerCase() !== 'false') {
    // RSS 2.0: a guid is the item's permalink unless it says otherwise.
    url = resolveHttpUrl(guid, null);
  }
  return {
    id: guid,
    url,
    title: textOf(item.sw_title, RAW_TITLE_CAP) ?? textOf(item['sw_dc:title'], RAW_TITLE_CAP) ?? textOf(item['sw_media:title'], RAW_TITLE_CAP),
    summary: textOf(item.sw_description, RAW_SUMMARY_CAP) ?? textOf(item.sw_summary, RAW_SUMMARY_CAP) ?? textOf(item['sw_dc:description'], RAW_SUMMARY_CAP),
    content: textOf(item['sw_content:encoded'], RAW_SUMMARY_CAP) ?? textOf(item.sw_content, RAW_SUMMARY_CAP) ?? textOf(item['sw_xhtml:body'], RAW_SUMMARY_CAP) ?? textOf(item.sw_body, RAW_SUMMARY_CAP),
    dates: ['sw_published', 'sw_pubDate', 'sw_dc:date', 'sw_issued', 'sw_dcterms:issued', 'sw_created', 'sw_dcterms:created', 'sw_updated', 'sw_modified', 'sw_dcterms:modified']
      .map((name) => textOf(item[name], 256))
      .filter((value): value is string => value !== null),
  };
}

/**
 * The page a feed or entry links to. Atom: `rel="alternate"` (or no rel) wins, HTML type first;
 * then any link that is not self/edit/enclosure/replies. RSS: the element's text.
 */
function pickLink(nodes: unknown, base: string | null): string | null {
  if (!Array.isArray(nodes)) return null;
  const candidates: { href: string; rank: number; base: string | null }[] = [];
  for (const node of nodes) {
    if (typeof node === 'string') {
      if (node.trim()) candidates.push({ href: node, rank: 0, base });
      continue;
    }
    if (!isRecord(node)) continue;
    const attrs = attributesOf(node);
    const href = attrs.href ?? (typeof node._ === 'string' ? node._ : undefined);
    if (!href || !href.trim()) continue;
    const rel = (attrs.rel ?? 'alternate').trim().toLowerCase();
    const type = (attrs.type ?? 'text/html').trim().toLowerCase();
    let rank: number;
    if (rel === 'alternate') rank = type.includes('html') ? 0 : 1;
    else if (['self', 'edit', 'enclosure', 'replies', 'license', 'hub', 'next', 'previous', 'prev', 'first', 'last'].includes(rel)) continue;
    else rank = 2;
    candidates.push({ href, rank, base: resolveBase(attrs['xml:base'], base) });
  }
  candidates.sort((a, b) => a.rank - b.rank);
  for (const candidate of candidates) {
    const url = resolveHttpUrl(candidate.href, candidate.base);
    if (url !== null) return url;
  }
  return null;
}

/**
 * Markup of the first node of an xml2js list, to be read as HTML: text as it is, child elements
 * (XHTML content, HTML left unescaped in a description) as bare tags in document order, so that
 * block elements still separate words. script/style and the like are left out here already.
 * Base64 is decoded: Atom 0.3 `mode="base64"`, and Atom 1.0 content whose `type` is a media type
 * that is neither text nor XML. Null when absent or blank.
 */
function textOf(nodes: unknown, cap: number): string | null {
  const node = first(nodes);
  if (node === undefined) return null;
  const parts: string[] = [];
  collectMarkup(node, parts, { remaining: cap }, 0);
  let text = parts.join('');
  if (isBase64(attributesOf(node))) text = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  text = text.slice(0, cap);
  return text.trim() ? text : null;
}

function collectMarkup(node: unknown, parts: string[], budget: { remaining: number }, depth: number): void {
  if (budget.remaining <= 0 || depth > MAX_DEPTH) return;
  const push = (text: string): void => {
    parts.push(text);
    budget.remaining -= text.length;
  };
  if (typeof node === 'string') return push(node);
  if (!isRecord(node)) return;
  if (!Array.isArray(node.$$)) {
    if (typeof node._ === 'string') push(node._);
    return;
  }
  for (const child of node.$$) {
    if (!isRecord(child) || budget.remaining <= 0) continue;
    const name = typeof child['#name'] === 'string' ? child['#name'] : '';
    if (name.startsWith('__')) {
      // xml2js's text and CDATA children.
      if (typeof child._ === 'string') push(child._);
      continue;
    }
    const local = name.slice(name.indexOf(':') + 1).toLowerCase();
    if (DROPPED_ELEMENTS.has(local)) continue;
    const tag = /^[a-z][a-z0-9]*$/.test(local) ? local : 'span';
    push(`<${tag}>`);
    collectMarkup(child, parts, budget, depth + 1);
    push(`</${tag}>`);
  }
}

function isBase64(attrs: Record<string, string>): boolean {
  if (attrs.mode?.trim().toLowerCase() === 'base64') return true;
  const type = attrs.type?.trim().toLowerCase();
  if (type === undefined || ['text', 'html', 'xhtml'].includes(type) || !type.includes('/')) return false;
  return !(type.startsWith('text/') || type.endsWith('+xml') || type.endsWith('/xml'));
}

function describeXmlError(error: unknown, prepared: PreparedXml, format: XmlFormat): FeedParseError {
  const message = error instanceof Error ? error.message : String(error);
  const lineMatch = /\nLine: (\d+)/.exec(message);
  if (!lineMatch) {
    // Not a syntax error: rss-parser met a structure it cannot read (e.g. an RSS document without <channel>).
    return new FeedParseError('unsupported', `unsupported feed structure: the ${format === 'atom' ? 'Atom' : format === 'rdf' ? 'RSS 1.0' : 'RSS'} document is not laid out as a feed (${message.split('\n')[0]})`, { cause: error });
  }
  const line = Number(lineMatch[1]) + 1;
  const reason = message.split('\n')[0];
  const endsEarly = prepared.endsEarly || /Unclosed root tag|Unexpected end/.test(reason);
  return new FeedParseError('invalid-xml', `invalid XML at line ${line}: ${endsEarly ? 'document ends early (truncated?)' : explainSaxError(reason)}`, { cause: error });
}

function explainSaxError(reason: string): string {
  const unmatched = /^Unmatched closing tag: (.*)$/.exec(reason);
  if (unmatched) return `closing tag </${unmatched[1]}> does not match the element that is open`;
  const known: Record<string, string> = {
    'Unexpected close tag': 'a closing tag does not match the element that is open',
    'Invalid character in entity name': 'an "&" does not start a valid entity',
    'Invalid character entity': 'an entity reference is not valid',
    'Non-whitespace before first tag.': 'text before the first element',
    'Text data outside of root node.': 'text after the end of the document element',
    'Unencoded <': 'a "<" that does not start a tag',
    'Invalid character in tag name': 'an invalid character in a tag name',
    'Invalid tagname in closing tag.': 'an invalid closing tag',
    'Invalid tagname in closing tag': 'an invalid closing tag',
    'Malformed comment': 'a malformed comment',
  };
  const explained = known[reason] ?? reason.replace(/\.$/, '');
  return explained.charAt(0).toLowerCase() + explained.slice(1);
}

function isRecord(value: unknown): value is XmlRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function first(nodes: unknown): unknown {
  return Array.isArray(nodes) ? nodes[0] : nodes;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function attributesOf(node: unknown): Record<string, string> {
  if (!isRecord(node) || !isRecord(node.$)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(node.$)) if (typeof value === 'string') out[key] = value;
  return out;
}
