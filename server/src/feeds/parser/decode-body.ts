import * as iconv from 'iconv-lite';

/**
 * Bytes to text. Where the charset comes from, in order:
 * 1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE): it is unambiguous, so it beats a header
 *    that servers often add by default (the WHATWG Encoding Standard rule);
 * 2. the Content-Type header's `charset`;
 * 3. the XML declaration's `encoding="..."` (or, without a BOM, the UTF-16/32 byte pattern of `<?`);
 * 4. an HTML `<meta charset>` / `<meta http-equiv content="...; charset=...">`;
 * 5. UTF-8.
 * A header that says UTF-8 over bytes that are not UTF-8 loses to a charset the document itself
 * declares: misconfigured servers send `charset=utf-8` for windows-1256 or ISO-8859-1 files.
 * Unknown charsets decode as UTF-8 with U+FFFD for bad bytes. Never throws.
 */
export function decodeBody(body: Buffer, contentType: string | null): string {
  const bom = charsetFromBom(body);
  if (bom) return decodeWith(body.subarray(bom.length), bom.charset);

  const fromHeader = charsetFromContentType(contentType);
  const declared = charsetFromXmlDeclaration(body) ?? charsetFromHtmlMeta(body);
  if (fromHeader) {
    if (fromHeader === 'utf-8' && declared && declared !== 'utf-8' && !isValidUtf8(body)) return decodeWith(body, declared);
    return decodeWith(body, fromHeader);
  }
  const pattern = charsetFromBytePattern(body);
  if (pattern) return decodeWith(body, pattern);
  return decodeWith(body, declared ?? 'utf-8');
}

/** The label a charset is decoded with, or null when iconv-lite does not know it. */
export function normaliseCharset(label: string): string | null {
  const name = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!name) return null;
  // WHATWG: these labels mean windows-1252 in practice (curly quotes in 0x80-0x9F).
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'iso_8859-1', 'cp819', 'ibm819'].includes(name)) return 'windows-1252';
  if (name === 'utf8' || name === 'unicode-1-1-utf-8') return 'utf-8';
  // UTF-7 lets "+ADw-script" become "<script" after decoding; browsers dropped it for that reason.
  if (name === 'utf-7' || name === 'utf7') return null;
  return iconv.encodingExists(name) ? name : null;
}

function decodeWith(bytes: Buffer, charset: string): string {
  if (charset === 'utf-8') return stripLeadingBom(bytes.toString('utf8'));
  // iconv-lite strips a BOM by default, which is what we want for UTF-16/32.
  return stripLeadingBom(iconv.decode(bytes, charset));
}

function stripLeadingBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function charsetFromBom(b: Buffer): { charset: string; length: number } | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  // UTF-32 LE's BOM starts with UTF-16 LE's, so test it first.
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { charset: 'utf-32le', length: 4 };
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { charset: 'utf-32be', length: 4 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** XML 1.0 appendix F: without a BOM, `<?` (or `<` then anything) in UTF-16/32 has a tell-tale pattern of zero bytes. */
function charsetFromBytePattern(b: Buffer): string | null {
  if (b.length < 4) return null;
  if (b[0] === 0x3c && b[1] === 0 && b[2] === 0 && b[3] === 0) return 'utf-32le';
  if (b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0x3c) return 'utf-32be';
  if (b[0] === 0x3c && b[1] === 0 && b[2] !== 0 && b[3] === 0) return 'utf-16le';
  if (b[0] === 0 && b[1] === 0x3c && b[2] === 0 && b[3] !== 0) return 'utf-16be';
  return null;
}

export function charsetFromContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const match = /charset\s*=\s*["']?([^\s"';,]+)/i.exec(contentType.slice(0, 512));
  return match ? normaliseCharset(match[1]) : null;
}

function asciiHead(b: Buffer, length: number): string {
  return b.subarray(0, Math.min(b.length, length)).toString('latin1');
}

function charsetFromXmlDeclaration(b: Buffer): string | null {
  const match = /^\s*<\?xml\s[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/.exec(asciiHead(b, 512));
  if (!match) return null;
  const charset = normaliseCharset(match[1]);
  // We just read the declaration as single bytes, so the document cannot really be UTF-16/32.
  if (charset && /^utf-?(16|32)/.test(charset)) return null;
  return charset;
}

function charsetFromHtmlMeta(b: Buffer): string | null {
  const head = asciiHead(b, 4096);
  const match = /<meta\s[^>]{0,300}?charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})/i.exec(head);
  if (!match) return null;
  const charset = normaliseCharset(match[1]);
  if (charset && /^utf-?(16|32)/.test(charset)) return 'utf-8';
  return charset;
}

function isValidUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}
