import { hostAllowed, hostName, originAllowed } from './host-check';

describe('hostAllowed', () => {
  const none = { allowedHosts: null, publicUrl: null };

  it.each([
    ['localhost:3000', true],
    ['LOCALHOST', true],
    ['wall.localhost', true],
    ['127.0.0.1:3000', true],
    ['127.1.2.3', true],
    ['[::1]:3000', true],
    ['attacker.example', false],
    ['192.168.1.20:3000', false],
    ['localhost.attacker.example', false],
    ['', false],
    ['bad host', false],
  ])('by default answers %s: %s', (host, allowed) => {
    expect(hostAllowed(host, none)).toBe(allowed);
  });

  it("answers PUBLIC_URL's host by default, and only the listed names (plus loopback) with ALLOWED_HOSTS", () => {
    expect(hostAllowed('wire.example.org', { allowedHosts: null, publicUrl: 'https://wire.example.org' })).toBe(true);
    expect(hostAllowed('wire.example.org', { allowedHosts: ['wall.lan'], publicUrl: 'https://wire.example.org' })).toBe(false);
    expect(hostAllowed('wall.lan:8080', { allowedHosts: ['wall.lan'], publicUrl: null })).toBe(true);
    expect(hostAllowed('anything.example', { allowedHosts: ['*'], publicUrl: null })).toBe(true);
  });

  it('reads host names out of Host headers', () => {
    expect(hostName('Example.ORG:443')).toBe('example.org');
    expect(hostName('[2001:db8::1]:80')).toBe('2001:db8::1');
    expect(hostName('a/b')).toBeNull();
  });
});

describe('originAllowed', () => {
  const none = { allowedHosts: null, publicUrl: null };

  it('accepts no Origin (not a browser) and the same host, and refuses others', () => {
    expect(originAllowed(undefined, '127.0.0.1:3000', none)).toBe(true);
    expect(originAllowed('http://127.0.0.1:3000', '127.0.0.1:3000', none)).toBe(true);
    expect(originAllowed('http://127.0.0.1:4000', '127.0.0.1:3000', none)).toBe(false);
    expect(originAllowed('https://evil.example', '127.0.0.1:3000', none)).toBe(false);
    expect(originAllowed('null', '127.0.0.1:3000', none)).toBe(false);
    expect(originAllowed('https://wire.example.org', 'app:3000', { allowedHosts: null, publicUrl: 'https://wire.example.org' })).toBe(true);
  });
});
