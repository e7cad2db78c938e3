import ipaddr from 'ipaddr.js';

/**
 * What kind of destination an IP address is, for the SSRF check. Only 'public'
 * may be fetched; every other class names the reason a fetch is refused.
 */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'reserved'
  | 'invalid';

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

const IPV4_CLASS_BY_RANGE: Record<string, AddressClass> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'cgnat',
  private: 'private',
  // TEST-NETs, benchmarking (198.18/15), 240/4, 192.0.0/24 and the old 6to4 relay anycast.
  reserved: 'reserved',
  // AS112 and AMT are anycast services on the public internet; nothing internal lives there.
  as112: 'public',
  amt: 'public',
  unicast: 'public',
};

function classifyIPv4(address: IPv4): AddressClass {
  return IPV4_CLASS_BY_RANGE[address.range()] ?? 'reserved';
}

function embeddedIPv4(parts: number[], highIndex: number): IPv4 {
  const high = parts[highIndex];
  const low = parts[highIndex + 1];
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** IPv6 forms that carry an IPv4 host are classified by that host, so ::ffff:127.0.0.1 is loopback. */
function classifyIPv6(address: IPv6): AddressClass {
  const range = address.range();
  const parts = address.parts;
  switch (range) {
    case 'unspecified':
      return 'unspecified';
    case 'loopback':
      return 'loopback';
    case 'linkLocal':
      return 'link-local';
    case 'multicast':
      return 'multicast';
    case 'uniqueLocal':
      return 'private';
    // ::ffff:a.b.c.d and ::ffff:0:a.b.c.d reach the IPv4 host directly on a dual-stack socket.
    case 'ipv4Mapped':
    case 'rfc6145':
      return classifyIPv4(embeddedIPv4(parts, 6));
    case 'rfc6052':
      // 64:ff9b::/96 is the well-known NAT64 prefix with the IPv4 host in the last 32 bits;
      // 64:ff9b:1::/48 is reserved for networks' own translators, so it is internal by definition.
      if (parts[2] === 0 && parts[3] === 0 && parts[4] === 0 && parts[5] === 0) {
        return classifyIPv4(embeddedIPv4(parts, 6));
      }
      return 'private';
    case '6to4':
      // 2002:AABB:CCDD::/48 tunnels to the IPv4 host AA.BB.CC.DD.
      return classifyIPv4(embeddedIPv4(parts, 1));
    default:
      break;
  }
  // Range names ipaddr.js does not spell out in its type (fec0::/10, 100::/64, orchid, ...).
  const rangeName: string = range;
  if (rangeName === 'deprecatedSiteLocal') return 'private';
  // The deprecated IPv4-compatible form ::a.b.c.d (after :: and ::1 above) still names an IPv4 host.
  if (parts.slice(0, 6).every((part) => part === 0)) {
    return classifyIPv4(embeddedIPv4(parts, 6));
  }
  if (rangeName === 'as112v6' || rangeName === 'amt') return 'public';
  // Teredo obscures the client address and is obsolete, and nothing else outside 2000::/3
  // is assigned for global unicast, so only plain global unicast counts as public.
  if (rangeName === 'unicast' && (parts[0] & 0xe000) === 0x2000) return 'public';
  return 'reserved';
}

function parseAddress(ip: string): IPv4 | IPv6 | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  try {
    return ipaddr.parse(bare);
  } catch {
    return null;
  }
}

/**
 * Classifies a literal IP address (IPv4, IPv6, IPv6 in brackets). Anything that does not parse
 * is 'invalid', which {@link isBlockedAddress} treats as blocked: the check fails closed.
 */
export function classifyAddress(ip: string): AddressClass {
  const address = parseAddress(ip.trim());
  if (address === null) return 'invalid';
  return address.kind() === 'ipv4' ? classifyIPv4(address as IPv4) : classifyIPv6(address as IPv6);
}

export function isBlockedAddress(ip: string): boolean {
  return classifyAddress(ip) !== 'public';
}

const ADDRESS_CLASS_PHRASE: Record<AddressClass, string> = {
  public: 'a public address',
  loopback: 'a loopback address',
  private: 'a private address',
  'link-local': 'a link-local address',
  cgnat: 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  reserved: 'a reserved address',
  invalid: 'not a valid IP address',
};

/** "a loopback address", for error messages. */
export function describeAddressClass(addressClass: AddressClass): string {
  return ADDRESS_CLASS_PHRASE[addressClass];
}
