import { Parser } from 'htmlparser2';
import * as iconv from 'iconv-lite';

/**
 * Feed text to the plain text we store. Every title and summary is read as HTML, whatever the
 * feed claims: titles are often HTML-escaped once more than they should be, so the text that
 * comes out is read again (up to three passes) while it still looks like markup. What is stored
 * can then be shown anywhere without escaping mistakes turning into script.
 */

/** Elements whose content is never text a reader should see (<object>'s is: it is the fallback shown instead). */
const DROPPED_CONTENT = new Set(['script', 'style', 'template', 'iframe', 'embed', 'noembed', 'noframes', 'svg', 'math', 'head']);
/** Elements that do not separate words; every other element counts as a break. */
const INLINE = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var']);

const LOOKS_LIKE_MARKUP = /<[a-zA-Z!/?]/;
const MAX_PASSES = 3;

/** Text content of an HTML fragment, without script/style contents, entities decoded, whitespace untouched. */
export function htmlToText(html: string): string {
  if (!html.includes('<') && !html.includes('&')) return html;
  const parts: string[] = [];
  let dropDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (DROPPED_CONTENT.has(name)) dropDepth++;
        else if (dropDepth === 0 && !INLINE.has(name)) parts.push(' ');
      },
      onclosetag(name) {
        if (DROPPED_CONTENT.has(name)) dropDepth = Math.max(0, dropDepth - 1);
        else if (dropDepth === 0 && !INLINE.has(name)) parts.push(' ');
      },
      ontext(text) {
        if (dropDepth === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return parts.join('');
}

/**
 * Plain text from a field that may hold HTML: `rawCap` bounds the input before any parsing,
 * `maxLength` the result (an ellipsis marks a cut).
 */
export function plainTextFromHtml(raw: string, rawCap: number, maxLength: number): string {
  let text = raw.length > rawCap ? raw.slice(0, rawCap) : raw;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    text = htmlToText(text);
    if (!LOOKS_LIKE_MARKUP.test(text)) break;
  }
  // Markup escaped more than three times over: disarm what is left rather than keep parsing.
  text = text.replace(/<(?=\s*[a-zA-Z!/?])/g, '‹');
  return capLength(collapseWhitespace(removeControlCharacters(text)), maxLength);
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Drops control characters and lone surrogates. C1 controls (U+0080-U+009F) are almost always
 * windows-1252 bytes mislabelled as Latin-1 (curly quotes, dashes), so they become those characters.
 */
export function removeControlCharacters(text: string): string {
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\u0080-\u009F]/g, (c1) => WINDOWS_1252_C1.get(c1) ?? '')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, '');
}

const WINDOWS_1252_C1 = new Map<string, string>();
for (let code = 0x80; code <= 0x9f; code++) {
  const decoded = iconv.decode(Buffer.from([code]), 'windows-1252');
  if (decoded.charCodeAt(0) > 0x9f) WINDOWS_1252_C1.set(String.fromCharCode(code), decoded);
}

/** At most `maxLength` UTF-16 units, never splitting a surrogate pair; a cut ends with '…'. */
export function capLength(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let end = maxLength - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end).trimEnd() + '…';
}

/** A title for an item that has none: the start of its summary, cut at a word. */
export function titleFromSummary(summary: string, maxLength = 140): string {
  if (summary.length <= maxLength) return summary;
  const cut = summary.slice(0, maxLength);
  const space = cut.lastIndexOf(' ');
  return (space > maxLength / 2 ? cut.slice(0, space) : capLength(summary, maxLength).slice(0, -1)).trimEnd() + '…';
}
