import { OutboundError } from './outbound-error';
import { normaliseAllowedHost, parseOutboundUrl } from './outbound-url';

describe('parseOutboundUrl', () => {
  it('resolves a relative redirect against the URL that sent it', () => {
    const base = new URL('https://news.example.com/feeds/world.xml?x=1');
    expect(parseOutboundUrl('../rss/world', base).href).toBe('https://news.example.com/rss/world');
    expect(parseOutboundUrl('//cdn.example.net/world.xml', base).href).toBe('https://cdn.example.net/world.xml');
  });

  it('refuses a redirect to a non-HTTP scheme', () => {
    const base = new URL('https://news.example.com/feed');
    expect(() => parseOutboundUrl('file:///etc/passwd', base)).toThrow(
      new OutboundError('invalid-url', 'redirect to a non-HTTP URL refused (file:///etc/passwd)'),
    );
  });

  it('refuses a redirect that carries credentials', () => {
    const base = new URL('https://news.example.com/feed');
    expect(() => parseOutboundUrl('https://admin:pw@news.example.com/feed', base)).toThrow(/user name or password/);
  });

  it('caps the length of a URL that grows when normalised', () => {
    // Each space becomes %20, so the raw string fits the cap but the href does not.
    const url = `http://example.com/${' '.repeat(1000)}x`;
    expect(() => parseOutboundUrl(url)).toThrow('URL is longer than 2048 characters');
  });
});

describe('normaliseAllowedHost', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['LocalHost.', 'localhost'],
    ['[::1]', '::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['Feeds.Example.COM', 'feeds.example.com'],
  ])('normalises %s to %s, as a URL host would be', (entry, expected) => {
    expect(normaliseAllowedHost(entry)).toBe(expected);
  });

  it.each(['', 'example.com:8080', 'http://example.com', 'example.com/path'])('rejects %p', (entry) => {
    expect(normaliseAllowedHost(entry)).toBeNull();
  });
});
