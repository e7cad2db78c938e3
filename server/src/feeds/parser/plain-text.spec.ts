import { capLength, htmlToText, plainTextFromHtml, titleFromSummary } from './plain-text';

const text = (html: string): string => plainTextFromHtml(html, 100_000, 2000);

describe('plainTextFromHtml', () => {
  it('strips tags, decodes entities and collapses whitespace', () => {
    expect(text('<p>Talks&nbsp;resume\n\n in <b>Doha</b> &amp; Cairo</p>')).toBe('Talks resume in Doha & Cairo');
  });

  it('keeps words apart across block elements but not across inline ones', () => {
    expect(text('<p>one</p><p>two</p>three<br>four<b>five</b>six')).toBe('one two three fourfivesix');
  });

  it('drops what script, style, iframe and svg contain', () => {
    expect(text('a<script>alert(1)</script>b<style>p{}</style>c<iframe>x</iframe>d<svg><text>y</text></svg>e')).toBe('abcde');
  });

  it('keeps the fallback text of <object>, which a browser shows instead of the object', () => {
    expect(text('safe<object classid="clsid:1"> description</object>')).toBe('safe description');
  });

  it('reads double-escaped markup again, so no "<script" survives', () => {
    expect(text('&lt;script&gt;alert(1)&lt;/script&gt;Headline')).toBe('Headline');
    expect(text('&lt;b&gt;Bold&lt;/b&gt; claim')).toBe('Bold claim');
  });

  it('disarms a "<" that would still start a tag after three passes', () => {
    expect(text('&amp;amp;amp;lt;script&amp;amp;amp;gt;x')).not.toMatch(/<\s*script/i);
    expect(text('a &lt; script b')).toBe('a ‹ script b');
    expect(text('5 &lt; 6')).toBe('5 < 6');
  });

  it('turns windows-1252 bytes read as C1 controls into the characters meant, and drops other controls', () => {
    expect(text('don\u0092t \u0093quote\u0094 a\u0001b\u000bc')).toBe('don’t “quote” abc');
  });

  it('caps the raw input before parsing and the result after', () => {
    expect(plainTextFromHtml('<b>' + 'x'.repeat(50) + '</b>', 10, 2000)).toBe('xxxxxxx');
    expect(plainTextFromHtml('word '.repeat(1000), 100_000, 20)).toHaveLength(20);
  });
});

describe('capLength', () => {
  it('never splits a surrogate pair', () => {
    const capped = capLength('ab😀😀😀', 4);
    expect(capped).toBe('ab…');
  });
});

describe('titleFromSummary', () => {
  it('cuts a long summary at a word', () => {
    const title = titleFromSummary('Curfew lifted in the old town after three nights of unrest, officials said on Tuesday, adding that checkpoints would remain in place.', 60);
    expect(title).toBe('Curfew lifted in the old town after three nights of unrest,…');
  });

  it('keeps a short summary whole', () => {
    expect(titleFromSummary('Curfew lifted.')).toBe('Curfew lifted.');
  });
});

describe('htmlToText', () => {
  it('returns text without markup untouched', () => {
    expect(htmlToText('plain  text')).toBe('plain  text');
  });
});
