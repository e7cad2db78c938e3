import { canonicalUrl, isTrackingParameter } from './canonical-url';

describe('canonicalUrl', () => {
  it('lower-cases scheme and host and keeps the path as written', () => {
    expect(canonicalUrl('HTTPS://News.Example.COM/World/Story-A')).toBe('https://news.example.com/World/Story-A');
  });

  it('drops default ports but keeps others', () => {
    expect(canonicalUrl('http://example.com:80/a')).toBe('http://example.com/a');
    expect(canonicalUrl('https://example.com:443/a')).toBe('https://example.com/a');
    expect(canonicalUrl('https://example.com:8443/a')).toBe('https://example.com:8443/a');
  });

  it('drops the fragment and an empty query', () => {
    expect(canonicalUrl('https://example.com/a?#section-2')).toBe('https://example.com/a');
    expect(canonicalUrl('https://example.com/a?')).toBe('https://example.com/a');
  });

  it('drops tracking parameters and sorts the rest', () => {
    const url =
      'https://example.com/story?utm_source=rss&z=26&utm_Medium=feed&id=7&fbclid=IwAR0&gclid=x&dclid=x&msclkid=x&mc_cid=x&mc_eid=x&igshid=x&_ga=x&yclid=x&ref_src=twsrc&cmpid=x&ocid=x&at_medium=RSS&at_campaign=KARANGA&a=1';
    expect(canonicalUrl(url)).toBe('https://example.com/story?a=1&id=7&z=26');
  });

  it('keeps values byte for byte, repeated keys included, in a stable order', () => {
    expect(canonicalUrl('https://example.com/s?q=a%20b+c&tag=z&tag=a&empty&=v')).toBe('https://example.com/s?=v&empty&q=a%20b+c&tag=a&tag=z');
  });

  it('makes two tracking variants of one link equal', () => {
    const a = canonicalUrl('https://www.example.org/2024/06/04/talks?utm_source=twitter&page=2#comments');
    const b = canonicalUrl('https://WWW.example.org/2024/06/04/talks?page=2&utm_campaign=share&fbclid=abc');
    expect(a).toBe(b);
  });

  it('removes a user name and password', () => {
    expect(canonicalUrl('https://user:secret@example.com/a')).toBe('https://example.com/a');
  });

  it.each(['javascript:alert(1)', 'mailto:a@example.com', 'ftp://example.com/a', 'data:text/html,x', 'not a url', '/relative/path', ''])(
    'has no canonical form for %j',
    (url) => {
      expect(canonicalUrl(url)).toBeNull();
    },
  );
});

describe('isTrackingParameter', () => {
  it('knows the documented names and families, case-insensitively', () => {
    expect(['UTM_SOURCE', 'utm_anything', 'at_custom1', 'ns_mchannel', 'pk_campaign', 'CMP', 'wt.mc_id', 'xtor'].every(isTrackingParameter)).toBe(true);
  });

  it('leaves content-choosing parameters alone', () => {
    expect(['id', 'page', 'q', 'ref', 'source', 'lang', 'article', 'at', 'utm'].some(isTrackingParameter)).toBe(false);
  });
});
