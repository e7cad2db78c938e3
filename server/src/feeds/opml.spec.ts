import { buildOpml, MAX_OPML_FEEDS, OpmlError, parseOpml } from './opml';

describe('parseOpml', () => {
  it('turns nested outlines into groups', () => {
    const feeds = parseOpml(`<?xml version="1.0"?><opml version="2.0"><body>
      <outline text="Middle East"><outline text="Levant" title="Levant Dispatch" xmlUrl="https://levant.example/rss" htmlUrl="https://levant.example/"/></outline>
      <outline text="Africa"><outline text="Sahel"><outline text="Sahel Monitor" xmlUrl="https://sahel.example/feed"/></outline></outline>
      <outline text="Loose" xmlUrl="https://loose.example/atom"/>
    </body></opml>`);
    expect(feeds).toEqual([
      { url: 'https://levant.example/rss', title: 'Levant Dispatch', group: 'Middle East', siteUrl: 'https://levant.example/' },
      { url: 'https://sahel.example/feed', title: 'Sahel Monitor', group: 'Africa / Sahel', siteUrl: null },
      { url: 'https://loose.example/atom', title: 'Loose', group: null, siteUrl: null },
    ]);
  });

  it('reads attribute names in any case and decodes entities', () => {
    expect(parseOpml('<opml><body><outline TEXT="A &amp; B" XMLURL="https://x.example/?a=1&amp;b=2"/></body></opml>')).toEqual([
      { url: 'https://x.example/?a=1&b=2', title: 'A & B', group: null, siteUrl: null },
    ]);
  });

  it('never expands entities declared in a DOCTYPE', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c SYSTEM "file:///etc/passwd">]>
      <opml><body><outline text="&b;&c;" xmlUrl="https://x.example/rss"/></body></opml>`;
    const [feed] = parseOpml(bomb);
    expect(feed.url).toBe('https://x.example/rss');
    expect(feed.title ?? '').not.toContain('aaaaaaaaaa');
    expect(feed.title ?? '').not.toContain('root:');
  });

  it(`takes up to ${MAX_OPML_FEEDS} feeds and refuses a file with more, saying to split it`, () => {
    const file = (n: number) => `<opml><body>${Array.from({ length: n }, (_, i) => `<outline text="F${i}" xmlUrl="https://f${i}.example/rss"/>`).join('')}</body></opml>`;
    expect(parseOpml(file(MAX_OPML_FEEDS))).toHaveLength(MAX_OPML_FEEDS);
    expect(() => parseOpml(file(MAX_OPML_FEEDS + 1))).toThrow(`the OPML file lists more than ${MAX_OPML_FEEDS} feeds, the most one import takes; split it`);
  });

  it('refuses a NUL character, naming its line', () => {
    expect(() => parseOpml('<opml><body>\n<outline text="A\u0000" xmlUrl="https://a.example/rss"/></body></opml>')).toThrow(
      'the OPML file contains a NUL character (byte 0) on line 2, which XML does not allow; remove it',
    );
  });

  it('rejects a file that is not OPML', () => {
    expect(() => parseOpml('<html><body>hello</body></html>')).toThrow(OpmlError);
  });

  it('round-trips through buildOpml', () => {
    const feeds = [
      { url: 'https://a.example/rss?x=1&y=2', title: 'A "quoted" <feed>', group: 'Wire services', siteUrl: 'https://a.example/' },
      { url: 'https://b.example/feed', title: 'B', group: null, siteUrl: null },
    ];
    expect(parseOpml(buildOpml(feeds))).toEqual(feeds);
  });
});
