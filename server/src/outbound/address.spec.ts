import { classifyAddress, isBlockedAddress } from './address';
import { DEFAULT_OUTBOUND_OPTIONS, OutboundHttp } from './outbound-http';
import { OutboundError } from './outbound-error';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.0.0.2', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
  ])('classifies IPv4 %s as %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it.each([
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'private'],
    ['fd12::1', 'private'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['100::1', 'reserved'],
    ['2001::1', 'reserved'],
  ])('classifies IPv6 %s as %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::127.0.0.1', 'loopback'],
    ['::ffff:0:10.0.0.1', 'private'],
    ['64:ff9b::10.0.0.1', 'private'],
    ['64:ff9b::169.254.169.254', 'link-local'],
    ['64:ff9b:1::1', 'private'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:c0a8:101::1', 'private'],
  ])('sees through %s, which carries an IPv4 address, and classifies it as %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '::ffff:8.8.8.8', '2606:4700::1111', '64:ff9b::8.8.8.8', '2002:808:808::1'])(
    'classifies %s as public',
    (ip) => {
      expect(classifyAddress(ip)).toBe('public');
      expect(isBlockedAddress(ip)).toBe(false);
    },
  );

  it('accepts IPv6 in URL brackets', () => {
    expect(classifyAddress('[::1]')).toBe('loopback');
  });

  it.each(['', 'localhost', 'example.com', '999.1.1.1', '1.2.3.4.5', ':::1'])('treats %p as invalid and blocks it', (text) => {
    expect(classifyAddress(text)).toBe('invalid');
    expect(isBlockedAddress(text)).toBe(true);
  });

  it.each(['127.0.0.1', '10.1.2.3', '169.254.169.254', '::ffff:127.0.0.1', 'fd12::1', '0.0.0.0', '::'])('blocks %s', (ip) => {
    expect(isBlockedAddress(ip)).toBe(true);
  });
});

describe('OutboundHttp address check on URLs', () => {
  const outbound = new OutboundHttp({ ...DEFAULT_OUTBOUND_OPTIONS, allowHosts: [] });

  async function fetchError(url: string): Promise<OutboundError> {
    const error: unknown = await outbound.request({ url }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutboundError);
    return error as OutboundError;
  }

  // These are refused before any socket opens: IP literals never reach a DNS lookup.
  it.each([
    ['http://0x7f000001/', 'blocked: 127.0.0.1 is a loopback address'],
    ['http://0x7f.1/', 'blocked: 127.0.0.1 is a loopback address'],
    ['http://2130706433/feed', 'blocked: 127.0.0.1 is a loopback address'],
    ['http://017700000001/', 'blocked: 127.0.0.1 is a loopback address'],
    ['http://127.1:8080/', 'blocked: 127.0.0.1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/', 'blocked: ::ffff:7f00:1 is a loopback address'],
    ['http://[::1]/', 'blocked: ::1 is a loopback address'],
    ['https://169.254.169.254/latest/meta-data/', 'blocked: 169.254.169.254 is a link-local address'],
    ['http://0.0.0.0:3000/', 'blocked: 0.0.0.0 is an unspecified address'],
  ])('refuses %s, an odd spelling of an internal address', async (url, message) => {
    const error = await fetchError(url);
    expect(error.kind).toBe('blocked-address');
    expect(error.message).toBe(message);
  });

  it.each([
    ['ftp://example.com/feed.xml', 'only http and https URLs can be fetched, not ftp'],
    ['file:///etc/passwd', 'only http and https URLs can be fetched, not file'],
    ['not a url', 'URL is not a valid URL: not a url'],
    ['http://user:secret@example.com/feed', 'URL contains a user name or password, which is not supported'],
    [`http://example.com/${'a'.repeat(2048)}`, 'URL is longer than 2048 characters'],
  ])('rejects %s as an invalid URL', async (url, message) => {
    const error = await fetchError(url);
    expect(error.kind).toBe('invalid-url');
    expect(error.message).toBe(message);
  });
});
