import { DEFAULT_OUTBOUND_OPTIONS, OutboundHttp } from './outbound-http';

describe('OutboundHttp options', () => {
  it('refuses an allow-list entry that is not a host name or IP', () => {
    expect(() => new OutboundHttp({ ...DEFAULT_OUTBOUND_OPTIONS, allowHosts: ['feeds.example.com:8080'] })).toThrow(
      'allowed host "feeds.example.com:8080" is not a host name or IP address',
    );
  });

  it.each([
    ['totalTimeoutMs', 0],
    ['maxBodyBytes', -1],
    ['idleTimeoutMs', Number.NaN],
    ['maxRedirects', 1.5],
  ])('refuses %s = %p', (name, value) => {
    expect(() => new OutboundHttp({ ...DEFAULT_OUTBOUND_OPTIONS, allowHosts: [], [name]: value })).toThrow(RangeError);
  });

  it('accepts zero redirects, meaning none are followed', () => {
    expect(() => new OutboundHttp({ ...DEFAULT_OUTBOUND_OPTIONS, allowHosts: [], maxRedirects: 0 })).not.toThrow();
  });
});
