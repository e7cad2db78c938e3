import * as iconv from 'iconv-lite';
import { decodeHTMLStrict } from 'entities';
import { FeedParseError } from './feed-parse-error';

/**
 * One linear pass over the text of an XML feed that makes it acceptable to a strict XML parser
 * (sax, under rss-parser) without changing what it says, and that keeps DTD tricks away from it.
 *
 * - The DOCTYPE is removed, internal subset included. Internal entities whose value is plain text
 *   (`<!ENTITY id "tag:example.com,">`) are expanded once, within a budget; nested, external
 *   (SYSTEM/PUBLIC) and parameter entities are never expanded: a reference to them stays as
 *   literal text (`&lol9;`). Nothing is ever fetched or read from disk.
 * - `&` that does not start an entity becomes `&amp;`; HTML named entities (`&nbsp;`, `&eacute;`)
 *   become numeric references; numeric references are rewritten in canonical decimal form, invalid
 *   ones dropped, and C1 code points (`&#150;`) read as windows-1252 like browsers do.
 * - A `<` that cannot start a tag becomes `&lt;`; attribute values are quoted; comments are
 *   dropped; `<br>`, `<hr>`, `<img>`, `<wbr>` written HTML-style become self-closing.
 * - Junk before the first tag and after the document element is dropped.
 * Line breaks are kept wherever text is removed, so the parser's line numbers match the original.
 *
 * It also records what is needed to salvage a truncated document: where the last complete
 * `<item>`/`<entry>` ends and which elements are open there.
 */
export interface PreparedXml {
  xml: string;
  /** Name of the document element as written (`rss`, `feed`, `atom:feed`, `rdf:RDF`), null when there is none. */
  rootName: string | null;
  /** Attributes of the document element (after repair). */
  rootAttributes: Record<string, string>;
  /** The text ended inside an unclosed comment, CDATA section, tag or element. */
  endsEarly: boolean;
  /** End (in `xml`) of the last complete item/entry, and the elements open around it. */
  lastCompleteItem: { end: number; openElements: string[] } | null;
  /** An item/entry was still open when the text ended. */
  partialItemAtEnd: boolean;
  /** Some element below the root is a <channel>, <item> or <entry>. */
  hasFeedElements: boolean;
  /** Some element below the root is a <channel> (with any prefix). */
  hasChannel: boolean;
  /** Where the document element's content starts and ends in `xml` (end = text end when it is not closed); null for `<rss/>`. */
  rootContent: { start: number; end: number } | null;
}

/** Characters that declared entities may add in total: beyond this a document is an expansion attack. */
export const MAX_ENTITY_EXPANSION = 1_000_000;
const MAX_DECLARED_ENTITIES = 100;
const MAX_ENTITY_VALUE = 2048;
const MAX_ENTITY_NAME = 64;

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const HTML_VOID_IN_FEEDS = new Set(['br', 'hr', 'img', 'wbr']);
const ITEM_ELEMENTS = new Set(['item', 'entry']);
const FEED_ELEMENTS = new Set(['channel', 'item', 'entry']);

const htmlEntityCache = new Map<string, string | null>();

/** `&name;` as numeric references when `name` is an HTML5 named entity (case-sensitive), else null. */
function htmlEntityAsNumeric(name: string): string | null {
  const cached = htmlEntityCache.get(name);
  if (cached !== undefined) return cached;
  const ref = `&${name};`;
  const decoded = decodeHTMLStrict(ref);
  let result: string | null = null;
  if (decoded !== ref && (!decoded.endsWith(';') || name === 'semi')) {
    result = '';
    for (const ch of decoded) result += `&#${ch.codePointAt(0)};`;
  }
  if (htmlEntityCache.size < 4096) htmlEntityCache.set(name, result);
  return result;
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 58 || (code >= 0xc0 && code !== 0xd7 && code !== 0xf7);
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57) || code === 45 || code === 46 || code === 0xb7;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function newlinesIn(text: string): string {
  let out = '';
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out += '\n';
  return out;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

export function prepareXml(text: string): PreparedXml {
  return new XmlPreparer(text).run();
}

/** The document cut after its last complete item, with the elements open there closed again; null when there is none. */
export function closeAfterLastCompleteItem(prepared: PreparedXml): string | null {
  const cut = prepared.lastCompleteItem;
  if (!cut) return null;
  const closing = [...cut.openElements].reverse().map((name) => `</${name}>`).join('');
  return prepared.xml.slice(0, cut.end) + closing;
}

class XmlPreparer {
  private readonly out: string[] = [];
  private outLength = 0;
  private readonly stack: string[] = [];
  private rootName: string | null = null;
  private rootAttributes: Record<string, string> = {};
  private rootClosed = false;
  private hasFeedElements = false;
  private hasChannel = false;
  private rootContentStart = -1;
  private rootContentEnd = -1;
  private endsEarly = false;
  private lastCompleteItem: PreparedXml['lastCompleteItem'] = null;
  private readonly declared = new Map<string, string>();
  private expansionBudget = MAX_ENTITY_EXPANSION;

  constructor(private readonly s: string) {}

  run(): PreparedXml {
    const s = this.s;
    let i = s.charCodeAt(0) === 0xfeff ? 1 : 0;
    const firstTag = s.indexOf('<', i);
    if (firstTag > i) {
      // PHP warnings and stray whitespace before the XML declaration break strict parsers.
      this.push(newlinesIn(s.slice(i, firstTag)));
      i = firstTag;
    }
    const n = s.length;
    while (i < n && !this.rootClosed) {
      const c = s.charCodeAt(i);
      if (c === 60 /* < */) {
        i = this.markup(i);
      } else if (c === 38 /* & */) {
        i = this.ampersand(i);
      } else {
        let j = i + 1;
        while (j < n) {
          const d = s.charCodeAt(j);
          if (d === 60 || d === 38) break;
          j++;
        }
        this.push(s.slice(i, j));
        i = j;
      }
    }
    if (this.stack.length > 0) this.endsEarly = true;
    return {
      xml: this.out.join(''),
      rootName: this.rootName,
      rootAttributes: this.rootAttributes,
      endsEarly: this.endsEarly,
      lastCompleteItem: this.lastCompleteItem,
      partialItemAtEnd: this.stack.some((name) => ITEM_ELEMENTS.has(localName(name))),
      hasFeedElements: this.hasFeedElements,
      hasChannel: this.hasChannel,
      rootContent: this.rootContentStart === -1 ? null : { start: this.rootContentStart, end: this.rootContentEnd === -1 ? this.outLength : this.rootContentEnd },
    };
  }

  private push(text: string): void {
    if (text.length === 0) return;
    this.out.push(text);
    this.outLength += text.length;
  }

  /** Copies or rewrites the construct that starts with `<` at `i`; returns the index after it. */
  private markup(i: number): number {
    const s = this.s;
    if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      if (end === -1) {
        this.endsEarly = true;
        return s.length;
      }
      this.push(newlinesIn(s.slice(i, end + 3)));
      return end + 3;
    }
    if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i + 9);
      if (end === -1) {
        this.endsEarly = true;
        this.push(s.slice(i));
        return s.length;
      }
      this.push(s.slice(i, end + 3));
      return end + 3;
    }
    if (s.startsWith('<!', i)) {
      return s.slice(i + 2, i + 9).toUpperCase() === 'DOCTYPE' ? this.doctype(i) : this.skipDeclaration(i);
    }
    if (s.startsWith('<?', i)) {
      const end = s.indexOf('?>', i + 2);
      if (end === -1) {
        this.endsEarly = true;
        return s.length;
      }
      this.push(s.slice(i, end + 2));
      return end + 2;
    }
    if (s.charCodeAt(i + 1) === 47 /* / */) return this.endTag(i);
    if (isNameStart(s.charCodeAt(i + 1))) return this.startTag(i);
    this.push('&lt;');
    return i + 1;
  }

  private skipDeclaration(i: number): number {
    const end = this.s.indexOf('>', i);
    if (end === -1) {
      this.endsEarly = true;
      return this.s.length;
    }
    this.push(newlinesIn(this.s.slice(i, end + 1)));
    return end + 1;
  }

  /** Removes `<!DOCTYPE ... [ internal subset ] >` and learns the plain-text entities it declares. */
  private doctype(i: number): number {
    const s = this.s;
    const n = s.length;
    let j = i + 9;
    let quote = 0;
    let subsetStart = -1;
    let subsetEnd = -1;
    while (j < n) {
      const c = s.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (subsetStart !== -1 && subsetEnd === -1) {
        if (c === 34 || c === 39) quote = c;
        else if (c === 93 /* ] */) subsetEnd = j;
        else if (s.startsWith('<!--', j)) {
          const end = s.indexOf('-->', j + 4);
          if (end === -1) break;
          j = end + 2;
        }
      } else if (c === 34 || c === 39) {
        quote = c;
      } else if (c === 91 /* [ */ && subsetStart === -1) {
        subsetStart = j + 1;
      } else if (c === 62 /* > */) {
        break;
      }
      j++;
    }
    if (j >= n) {
      this.endsEarly = true;
      return n;
    }
    if (subsetStart !== -1 && subsetEnd !== -1) this.learnEntities(s.slice(subsetStart, subsetEnd));
    this.push(newlinesIn(s.slice(i, j + 1)));
    return j + 1;
  }

  private learnEntities(subset: string): void {
    // Only `<!ENTITY name "value">`: SYSTEM/PUBLIC (external) and `%` (parameter) forms never match.
    const declaration = /<!ENTITY\s+([A-Za-z_:][\w.:-]{0,63})\s+(?:"([^"]*)"|'([^']*)')\s*>/g;
    for (let m = declaration.exec(subset); m; m = declaration.exec(subset)) {
      if (this.declared.size >= MAX_DECLARED_ENTITIES) break;
      const name = m[1];
      const value = m[2] ?? m[3] ?? '';
      // A value that refers to other entities is how billion-laughs bombs nest: never expanded.
      if (value.length > MAX_ENTITY_VALUE || value.includes('<') || value.includes('%') || /&(?!#)/.test(value)) continue;
      if (XML_ENTITIES.has(name) || this.declared.has(name)) continue;
      this.declared.set(name, this.repairText(value));
    }
  }

  /** Attribute values and entity values: references repaired, `<` and `"` escaped. */
  private repairText(text: string): string {
    let out = '';
    let i = 0;
    while (i < text.length) {
      const amp = text.indexOf('&', i);
      if (amp === -1) {
        out += text.slice(i);
        break;
      }
      out += text.slice(i, amp);
      const ref = this.reference(text, amp);
      out += ref.text;
      i = ref.next;
    }
    return out.replace(/</g, '&lt;').replace(/"/g, '&quot;');
  }

  private ampersand(i: number): number {
    const ref = this.reference(this.s, i);
    this.push(ref.text);
    return ref.next;
  }

  /** What the reference (or bare `&`) at `i` of `s` becomes, and the index after what it consumed. */
  private reference(s: string, i: number): { text: string; next: number } {
    const n = s.length;
    if (s.charCodeAt(i + 1) === 35 /* # */) {
      const hex = s.charCodeAt(i + 2) === 120 || s.charCodeAt(i + 2) === 88;
      const digit = hex ? /[0-9a-fA-F]/ : /[0-9]/;
      let j = i + (hex ? 3 : 2);
      const digitsStart = j;
      while (j < n && j - digitsStart < 12 && digit.test(s[j])) j++;
      if (j > digitsStart && s.charCodeAt(j) === 59 /* ; */) {
        let code = parseInt(s.slice(digitsStart, j), hex ? 16 : 10);
        if (code >= 0x80 && code <= 0x9f) code = iconv.decode(Buffer.from([code]), 'windows-1252').codePointAt(0) ?? code;
        return { text: isXmlChar(code) ? `&#${code};` : '', next: j + 1 };
      }
      return { text: '&amp;', next: i + 1 };
    }
    let j = i + 1;
    if (j < n && isNameStart(s.charCodeAt(j))) {
      j++;
      while (j < n && j - i <= MAX_ENTITY_NAME && isNameChar(s.charCodeAt(j))) j++;
    }
    if (j > i + 1 && s.charCodeAt(j) === 59) {
      const name = s.slice(i + 1, j);
      if (XML_ENTITIES.has(name)) return { text: s.slice(i, j + 1), next: j + 1 };
      const declared = this.declared.get(name);
      if (declared !== undefined) {
        this.expansionBudget -= declared.length;
        if (this.expansionBudget < 0) {
          throw new FeedParseError(
            'entity-declaration',
            `feed declares its own XML entities (DOCTYPE) that expand to more than ${MAX_ENTITY_EXPANSION.toLocaleString('en-US')} characters, which is not allowed`,
          );
        }
        return { text: declared, next: j + 1 };
      }
      const numeric = htmlEntityAsNumeric(name);
      if (numeric !== null) return { text: numeric, next: j + 1 };
    }
    // Unknown or undeclared entity, or a bare ampersand: keep it as the literal text it was.
    return { text: '&amp;', next: i + 1 };
  }

  private endTag(i: number): number {
    const s = this.s;
    let end = s.indexOf('>', i + 2);
    if (end === -1) {
      // `</rss` at the very end: only the last '>' is missing, nothing is lost.
      if (s.slice(i + 2).trim() !== this.stack[0]) {
        this.endsEarly = true;
        return s.length;
      }
      end = s.length;
    }
    const name = s.slice(i + 2, end).trim();
    const at = this.stack.lastIndexOf(name);
    // A stray end tag (often HTML inside an unescaped description) closes nothing: drop it.
    if (at === -1) return end + 1;
    // Elements left open inside (unclosed HTML such as <p>) are closed here so the tree stays sound.
    while (this.stack.length > at + 1) this.push(`</${this.stack.pop()}>`);
    this.stack.pop();
    if (this.stack.length === 0) this.rootContentEnd = this.outLength;
    this.push(`</${name}>`);
    if (ITEM_ELEMENTS.has(localName(name))) this.lastCompleteItem = { end: this.outLength, openElements: [...this.stack] };
    if (this.stack.length === 0) this.rootClosed = true;
    return end + 1;
  }

  private startTag(i: number): number {
    const s = this.s;
    const n = s.length;
    let j = i + 1;
    while (j < n && isNameChar(s.charCodeAt(j))) j++;
    const name = s.slice(i + 1, j);
    const after = s.charCodeAt(j);
    if (j < n && !isSpace(after) && after !== 62 && after !== 47) {
      // `<a$b` is not a tag: the `<` was text.
      this.push('&lt;');
      return i + 1;
    }
    const parts: string[] = [`<${name}`];
    const attributes: Record<string, string> = {};
    let selfClosing = false;
    let closed = false;
    while (j < n) {
      const wsStart = j;
      while (j < n && isSpace(s.charCodeAt(j))) j++;
      const whitespace = s.slice(wsStart, j);
      if (j >= n) break;
      const c = s.charCodeAt(j);
      if (c === 62) {
        closed = true;
        j++;
        break;
      }
      if (c === 47 && s.charCodeAt(j + 1) === 62) {
        selfClosing = true;
        closed = true;
        j += 2;
        break;
      }
      const nameStart = j;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (isSpace(d) || d === 61 || d === 62 || (d === 47 && s.charCodeAt(j + 1) === 62)) break;
        j++;
      }
      const attrName = s.slice(nameStart, j);
      if (attrName.length === 0) {
        // A lone `=` or `/`: skip the character.
        j++;
        continue;
      }
      let k = j;
      while (k < n && isSpace(s.charCodeAt(k))) k++;
      let rawValue: string;
      if (s.charCodeAt(k) === 61 /* = */) {
        k++;
        while (k < n && isSpace(s.charCodeAt(k))) k++;
        const q = s.charCodeAt(k);
        if (q === 34 || q === 39) {
          const close = s.indexOf(String.fromCharCode(q), k + 1);
          if (close === -1) {
            j = n;
            break;
          }
          rawValue = s.slice(k + 1, close);
          j = close + 1;
        } else {
          let e = k;
          while (e < n && !isSpace(s.charCodeAt(e)) && s.charCodeAt(e) !== 62) e++;
          rawValue = s.slice(k, e);
          j = e;
        }
      } else {
        rawValue = attrName; // HTML boolean attribute: `<option selected>`
      }
      if (!isNameStart(attrName.charCodeAt(0)) || ![...attrName].every((ch) => isNameChar(ch.charCodeAt(0)))) continue;
      if (attrName in attributes) continue;
      const value = this.repairText(rawValue);
      attributes[attrName] = value;
      parts.push(whitespace.length > 0 ? whitespace : ' ', `${attrName}="${value}"`);
    }
    if (!closed) {
      this.endsEarly = true;
      return n;
    }
    if (!selfClosing && HTML_VOID_IN_FEEDS.has(name.toLowerCase()) && !s.startsWith(`</${name}`, j)) selfClosing = true;
    parts.push(selfClosing ? '/>' : '>');
    this.push(parts.join(''));
    if (this.rootName !== null && FEED_ELEMENTS.has(localName(name))) {
      this.hasFeedElements = true;
      if (localName(name) === 'channel') this.hasChannel = true;
    }
    if (this.rootName === null) {
      this.rootName = name;
      this.rootAttributes = attributes;
      if (selfClosing) this.rootClosed = true;
      else this.rootContentStart = this.outLength;
    }
    if (!selfClosing) this.stack.push(name);
    return j;
  }
}
