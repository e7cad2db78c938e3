import { closeAfterLastCompleteItem, MAX_ENTITY_EXPANSION, prepareXml } from './xml-prepare';
import { FeedParseError } from './feed-parse-error';

const repaired = (xml: string): string => prepareXml(xml).xml;

describe('prepareXml', () => {
  it('escapes bare ampersands in text and attributes', () => {
    expect(repaired('<rss a="?x=1&y=2">AT&T & co</rss>')).toBe('<rss a="?x=1&amp;y=2">AT&amp;T &amp; co</rss>');
  });

  it('turns HTML named entities into numeric references and leaves XML ones alone', () => {
    expect(repaired('<t>&nbsp;&eacute;&mdash;&amp;&lt;&gt;&quot;&apos;</t>')).toBe('<t>&#160;&#233;&#8212;&amp;&lt;&gt;&quot;&apos;</t>');
  });

  it('keeps unknown entities as the literal text they were', () => {
    expect(repaired('<t>&bogus; &copy 2024</t>')).toBe('<t>&amp;bogus; &amp;copy 2024</t>');
  });

  it('rewrites numeric references in decimal, maps C1 ones through windows-1252 and drops invalid ones', () => {
    expect(repaired('<t>&#0039;&#X41;&#150;&#0;&#x110000;</t>')).toBe('<t>&#39;&#65;&#8211;</t>');
  });

  it('leaves CDATA sections exactly as written', () => {
    expect(repaired('<t><![CDATA[a & b &nbsp; <i>]]></t>')).toBe('<t><![CDATA[a & b &nbsp; <i>]]></t>');
  });

  it('escapes a "<" that cannot start a tag', () => {
    expect(repaired('<t>1 < 2 <3</t>')).toBe('<t>1 &lt; 2 &lt;3</t>');
  });

  it('quotes unquoted attribute values and gives boolean attributes a value', () => {
    expect(repaired('<a href=http://x.example/?a=1 checked>x</a>')).toBe('<a href="http://x.example/?a=1" checked="checked">x</a>');
  });

  it('closes HTML void elements and elements left open inside their parent', () => {
    expect(repaired('<d>a<br>b<p>c</d>')).toBe('<d>a<br/>b<p>c</p></d>');
  });

  it('drops comments, junk before the first tag and anything after the document element, keeping line breaks', () => {
    expect(repaired('Warning: x\n<rss><!-- a\nb --></rss>\ntrailing junk')).toBe('\n<rss>\n</rss>');
  });

  it('removes a DOCTYPE with its internal subset and keeps its line count', () => {
    const result = repaired('<!DOCTYPE rss [\n<!ENTITY a "]>">\n]>\n<rss/>');
    expect(result).toBe('\n\n\n<rss/>');
  });

  it('expands a declared plain-text entity once', () => {
    expect(repaired('<!DOCTYPE rss [<!ENTITY id "tag:example.com,">]><rss>&id;2006</rss>')).toBe('<rss>tag:example.com,2006</rss>');
  });

  it('never expands nested, external or parameter entities', () => {
    const xml = '<!DOCTYPE r [<!ENTITY a "x"><!ENTITY b "&a;&a;"><!ENTITY c SYSTEM "file:///etc/passwd"><!ENTITY % p "y">]><r>&b;&c;%p;</r>';
    expect(repaired(xml)).toBe('<r>&amp;b;&amp;c;%p;</r>');
  });

  it('refuses declared entities that expand past the budget', () => {
    const value = 'x'.repeat(1000);
    const xml = `<!DOCTYPE r [<!ENTITY a "${value}">]><r>${'&a;'.repeat(MAX_ENTITY_EXPANSION / 1000 + 1)}</r>`;
    expect(() => prepareXml(xml)).toThrow(FeedParseError);
    expect(() => prepareXml(xml)).toThrow(/expand to more than 1,000,000 characters/);
  });

  it('handles megabytes of ampersands and angle brackets in one pass', () => {
    const result = prepareXml(`<t>${'&'.repeat(1_000_000)}${'<'.repeat(1_000_000)}</t>`);
    expect(result.xml.length).toBe('<t></t>'.length + '&amp;'.length * 1_000_000 + '&lt;'.length * 1_000_000);
  });

  it('records the root element and its attributes', () => {
    const result = prepareXml('<?xml version="1.0"?><atom:feed xmlns:atom="http://www.w3.org/2005/Atom" xml:base="http://b.example/"/>');
    expect(result.rootName).toBe('atom:feed');
    expect(result.rootAttributes).toEqual({ 'xmlns:atom': 'http://www.w3.org/2005/Atom', 'xml:base': 'http://b.example/' });
  });
});

describe('closeAfterLastCompleteItem', () => {
  it('cuts a truncated document after its last complete item and closes what is open', () => {
    const prepared = prepareXml('<rss><channel><item><title>a</title></item><item><title>b');
    expect(prepared.endsEarly).toBe(true);
    expect(prepared.partialItemAtEnd).toBe(true);
    expect(closeAfterLastCompleteItem(prepared)).toBe('<rss><channel><item><title>a</title></item></channel></rss>');
  });

  it('has nothing to offer when no item is complete', () => {
    expect(closeAfterLastCompleteItem(prepareXml('<rss><channel><title>a'))).toBeNull();
  });
});
