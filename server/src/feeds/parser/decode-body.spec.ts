import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { decodeBody } from './decode-body';

const fixture = (name: string): Buffer => fs.readFileSync(path.join(__dirname, 'fixtures', name));

describe('decodeBody', () => {
  it('reads an Arabic windows-1256 feed from its XML declaration', () => {
    const text = decodeBody(fixture('arabic-windows-1256.xml'), 'text/xml');
    expect(text).toContain('<title>استئناف المفاوضات في الدوحة</title>');
  });

  it('trusts the document over a server that claims UTF-8 for bytes that are not UTF-8', () => {
    const text = decodeBody(fixture('arabic-windows-1256.xml'), 'application/rss+xml; charset=utf-8');
    expect(text).toContain('أخبار المنطقة');
  });

  it('reads ISO-8859-1 from the Content-Type header, with windows-1252 quotes in it', () => {
    const text = decodeBody(fixture('french-iso-8859-1.xml'), 'application/rss+xml; charset=ISO-8859-1');
    expect(text).toContain('Négociations à Genève : l’espoir d’une trêve');
    expect(text).toContain('« Rien n’est décidé »');
  });

  it('lets the Content-Type charset override the XML declaration', () => {
    const body = iconv.encode('<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Новости</title></channel></rss>', 'koi8-r');
    expect(decodeBody(body, 'text/xml; charset="KOI8-R"')).toContain('Новости');
  });

  it('accepts a quoted charset and odd spacing in the header', () => {
    const body = iconv.encode('<rss><title>Ελλάδα</title></rss>', 'iso-8859-7');
    expect(decodeBody(body, 'text/xml;charset = "iso-8859-7"')).toContain('Ελλάδα');
  });

  it.each([
    ['UTF-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss>é</rss>')])],
    ['UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('<rss>é</rss>', 'utf-16le')])],
    ['UTF-16 BE', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode('<rss>é</rss>', 'utf-16be')])],
    ['UTF-32 LE', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), iconv.encode('<rss>é</rss>', 'utf-32le')])],
  ])('follows a %s byte-order mark, even against a header, and removes it', (_name, body) => {
    expect(decodeBody(body, 'text/xml; charset=iso-8859-1')).toBe('<rss>é</rss>');
  });

  it('recognises UTF-16 without a byte-order mark from the zero bytes around "<?"', () => {
    const body = iconv.encode('<?xml version="1.0" encoding="utf-16"?><rss>ü</rss>', 'utf-16le');
    expect(decodeBody(body, null)).toBe('<?xml version="1.0" encoding="utf-16"?><rss>ü</rss>');
  });

  it('ignores a UTF-16 declaration in a document that is plainly single-byte', () => {
    const body = Buffer.from('<?xml version="1.0" encoding="utf-16"?><rss>ok</rss>');
    expect(decodeBody(body, null)).toBe('<?xml version="1.0" encoding="utf-16"?><rss>ok</rss>');
  });

  it('uses an HTML meta charset when nothing else names one', () => {
    const body = iconv.encode('<html><head><meta charset="windows-1251"></head><body>Київ</body></html>', 'windows-1251');
    expect(decodeBody(body, 'text/html')).toContain('Київ');
  });

  it('falls back to UTF-8 with replacement characters for an unknown charset', () => {
    const body = Buffer.from([...Buffer.from('<rss>caf'), 0xe9, ...Buffer.from(' ok</rss>')]);
    expect(decodeBody(body, 'text/xml; charset=x-no-such-charset')).toBe('<rss>caf\uFFFD ok</rss>');
  });

  it('refuses UTF-7, which can smuggle "<script" past byte-level checks', () => {
    expect(decodeBody(Buffer.from('+ADw-script+AD4-'), 'text/xml; charset=utf-7')).toBe('+ADw-script+AD4-');
  });

  it('returns an empty string for an empty body', () => {
    expect(decodeBody(Buffer.alloc(0), null)).toBe('');
  });
});
