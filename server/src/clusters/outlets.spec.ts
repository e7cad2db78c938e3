import { outletOf } from './outlets';

describe('outletOf', () => {
  it.each([
    ['https://www.bbc.co.uk/news/rss.xml', 'bbc.co.uk'],
    ['https://feeds.bbci.co.uk/news/world/africa/rss.xml', 'bbci.co.uk'],
    ['https://www.reuters.com/world/', 'reuters.com'],
    ['https://www.aljazeera.com/xml/rss/all.xml', 'aljazeera.com'],
    ['https://www.aljazeera.net/aljazeerarss/a7c186be/rss.xml', 'aljazeera.net'],
    ['https://www.france24.com/fr/afrique/rss', 'france24.com'],
    ['https://www.lemonde.fr/afrique/rss_full.xml', 'lemonde.fr'],
    ['https://news.un.org/feed/subscribe/en/news/all/rss.xml', 'un.org'],
    ['https://www.abc.net.au/news/feed/51120/rss.xml', 'abc.net.au'],
    ['https://www.premiumtimesng.com.ng/feed', 'premiumtimesng.com.ng'],
  ])('gives the registrable domain of %s', (url, outlet) => {
    expect(outletOf(url)).toBe(outlet);
  });

  it('counts an outlet’s world and Africa feeds, on different hosts, once', () => {
    expect(outletOf('https://feeds.example.co.za/world.xml')).toBe(outletOf('https://rss.example.co.za/africa.xml'));
    expect(outletOf('https://www.bbc.co.uk/news/world/rss.xml')).toBe(outletOf('https://bbc.co.uk/news/africa/rss.xml'));
  });

  it('ignores case, port, credentials, query and a trailing dot of the host', () => {
    expect(outletOf('HTTPS://WWW.Reuters.COM:443/feed?x=1#top')).toBe('reuters.com');
    expect(outletOf('https://user:secret@rss.reuters.com./feed')).toBe('reuters.com');
  });

  it('keeps blogs on a shared host apart (private suffixes count)', () => {
    expect(outletOf('https://sahelwatch.blogspot.com/feeds/posts/default')).toBe('sahelwatch.blogspot.com');
    expect(outletOf('https://someone.github.io/feed.xml')).toBe('someone.github.io');
  });

  it('takes an IP address or a single-label host as its own outlet', () => {
    expect(outletOf('http://127.0.0.1:8080/feed.xml')).toBe('127.0.0.1');
    expect(outletOf('http://[::1]:8080/feed.xml')).toBe('::1');
    expect(outletOf('http://localhost:4000/rss')).toBe('localhost');
  });

  it('accepts a bare host name', () => {
    expect(outletOf('www.lemonde.fr')).toBe('lemonde.fr');
  });

  it('reads an internationalised domain', () => {
    expect(outletOf('https://www.موقع.السعودية/rss')).toBe('موقع.السعودية');
  });

  it('gives an empty outlet for text that is not a URL', () => {
    expect(outletOf('')).toBe('');
    expect(outletOf('not a url')).toBe('');
  });
});
