import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { type AddressClass, classifyAddress, describeAddressClass } from './address';
import { OutboundError } from './outbound-error';

/** Whether the host being checked came from the requested URL or from a redirect. */
export type HopOrigin = 'request' | 'redirect';

/**
 * The error for a destination we refuse. `resolvedFrom` is the host name when the address came
 * from DNS, so the message shows the name someone typed as well as where it really points.
 */
export function blockedAddressError(
  address: string,
  addressClass: AddressClass,
  origin: HopOrigin,
  resolvedFrom?: string,
): OutboundError {
  const phrase = describeAddressClass(addressClass);
  if (origin === 'redirect') {
    const target = resolvedFrom === undefined ? address : `${resolvedFrom} resolves to ${address}`;
    return new OutboundError('blocked-address', `redirect to ${phrase} blocked (${target})`);
  }
  const subject = resolvedFrom === undefined ? `${address} is` : `${resolvedFrom} resolves to ${address},`;
  return new OutboundError('blocked-address', `blocked: ${subject} ${phrase}`);
}

/**
 * A `lookup` for http.request that refuses non-public destinations. Node calls it for every new
 * connection, right before connecting, so the address checked is the address the socket uses:
 * a name that answered with a public address earlier and a private one now (DNS rebinding)
 * is caught here. Every returned address must be public, since node may try any of them.
 *
 * Node skips `lookup` entirely for IP-literal hosts; callers must check those themselves.
 */
export function createGuardedLookup(origin: HopOrigin): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err || addresses.length === 0) {
        callback(new OutboundError('dns', `could not resolve host ${hostname}`, { cause: err ?? undefined }), '');
        return;
      }
      for (const { address } of addresses) {
        const addressClass = classifyAddress(address);
        if (addressClass !== 'public') {
          callback(blockedAddressError(address, addressClass, origin, hostname), '');
          return;
        }
      }
      if (options.all) {
        callback(null, addresses);
      } else {
        callback(null, addresses[0].address, addresses[0].family);
      }
    });
  };
}
