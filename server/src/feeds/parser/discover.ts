import { Parser } from 'htmlparser2';
import { resolveBase, resolveHttpUrl } from './item-url';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json']);
const HTML_FIRST_ELEMENTS = new Set(['html', 'head', 'body', 'meta', 'title', 'script', 'style', 'div', 'p', 'table', 'span', 'center', 'h1', 'noscript', 'link', 'br', 'form', 'iframe']);
/** Where the first element of a page is looked for; a page's prologue is never longer. */
const SNIFF_LENGTH = 64 * 1024;

/**
 * Feeds a web page announces with `<link rel="alternate" type="application/rss+xml" href="...">`
 * (also Atom, JSON Feed and plain `application/json`), as absolute http(s) URLs, in document
 * order, without duplicates. A `<base href>` before them is honoured.
 */
export function discoverFeedLinks(html: string, baseUrl: string): string[] {
  const found: string[] = [];
  let base: string | null = resolveBase(baseUrl, null);
  let sawBase = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'base' && !sawBase && attributes.href !== undefined) {
          sawBase = true;
          base = resolveBase(attributes.href, base);
          return;
        }
        if (name !== 'link' || attributes.href === undefined) return;
        const rels = (attributes.rel ?? '').toLowerCase().split(/\s+/);
        const type = (attributes.type ?? '').split(';')[0].trim().toLowerCase();
        if (!rels.includes('alternate') || !FEED_TYPES.has(type)) return;
        const url = resolveHttpUrl(attributes.href, base);
        if (url !== null && !found.includes(url)) found.push(url);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

/**
 * True when the document's first element is an HTML one (`<html>`, `<head>`, `<body>`, ...), or
 * there is no element but an HTML doctype. An XHTML doctype in front of `<rss>` does not count:
 * some feed generators write one.
 */
export function looksLikeHtmlPage(text: string): boolean {
  const head = text.slice(0, SNIFF_LENGTH);
  let i = 0;
  let htmlDoctype = false;
  while (i < head.length) {
    const lt = head.indexOf('<', i);
    if (lt === -1) break;
    if (head.startsWith('<!--', lt)) {
      const end = head.indexOf('-->', lt + 4);
      if (end === -1) break;
      i = end + 3;
      continue;
    }
    if (head.startsWith('<?', lt)) {
      const end = head.indexOf('?>', lt + 2);
      if (end === -1) break;
      i = end + 2;
      continue;
    }
    if (head.startsWith('<!', lt)) {
      if (/^<!doctype\s+html/i.test(head.slice(lt, lt + 20))) htmlDoctype = true;
      let end = head.indexOf('>', lt + 2);
      const subset = head.indexOf('[', lt + 2);
      // An internal subset's declarations contain '>' of their own.
      if (subset !== -1 && subset < end) {
        const close = head.indexOf(']', subset);
        end = close === -1 ? -1 : head.indexOf('>', close);
      }
      if (end === -1) break;
      i = end + 1;
      continue;
    }
    const name = /^<([A-Za-z][\w:.-]*)/.exec(head.slice(lt, lt + 64));
    if (!name) {
      i = lt + 1;
      continue;
    }
    return HTML_FIRST_ELEMENTS.has(name[1].toLowerCase());
  }
  return htmlDoctype;
}
