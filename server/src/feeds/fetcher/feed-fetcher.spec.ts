import { DEFAULT_FETCHER_OPTIONS, FeedFetcher } from './feed-fetcher';

describe('FeedFetcher options', () => {
  it('refuses an allow-list entry that is not a host name or IP', () => {
    expect(() => new FeedFetcher({ ...DEFAULT_FETCHER_OPTIONS, allowHosts: ['feeds.example.com:8080'] })).toThrow(
      'allowed host "feeds.example.com:8080" is not a host name or IP address',
    );
  });

  it.each([
    ['totalTimeoutMs', 0],
    ['maxBodyBytes', -1],
    ['idleTimeoutMs', Number.NaN],
    ['maxRedirects', 1.5],
  ])('refuses %s = %p', (name, value) => {
    expect(() => new FeedFetcher({ ...DEFAULT_FETCHER_OPTIONS, allowHosts: [], [name]: value })).toThrow(RangeError);
  });

  it('accepts zero redirects, meaning none are followed', () => {
    expect(() => new FeedFetcher({ ...DEFAULT_FETCHER_OPTIONS, allowHosts: [], maxRedirects: 0 })).not.toThrow();
  });
});
