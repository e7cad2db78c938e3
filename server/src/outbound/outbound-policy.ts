import net from 'node:net';
import type { LookupFunction } from 'node:net';
import { classifyAddress } from './address';
import { bareHostname, normaliseAllowedHost } from './outbound-url';
import { blockedAddressError, createGuardedLookup, type HopOrigin } from './guarded-lookup';

/**
 * Where the server may connect: public addresses only, checked at connect time, with the
 * OUTBOUND_ALLOW_HOSTS entries as the only exception. Shared by feed fetching and alert
 * webhooks so both follow the same rule.
 */
export class OutboundPolicy {
  private readonly allowedHosts: ReadonlySet<string>;
  private readonly lookups: Record<HopOrigin, LookupFunction> = {
    request: createGuardedLookup('request'),
    redirect: createGuardedLookup('redirect'),
  };

  constructor(allowHosts: readonly string[]) {
    const allowed = new Set<string>();
    for (const entry of allowHosts) {
      const host = normaliseAllowedHost(entry);
      if (host === null) throw new RangeError(`allowed host "${entry}" is not a host name or IP address`);
      allowed.add(host);
    }
    this.allowedHosts = allowed;
  }

  get allowHosts(): string[] {
    return [...this.allowedHosts];
  }

  /**
   * The `lookup` to connect to `url` with (undefined for an allowed host), or a OutboundError
   * for an IP literal outside the allow-list, which node would connect to without any lookup.
   */
  connectLookup(url: URL, origin: HopOrigin): LookupFunction | undefined {
    const host = bareHostname(url);
    if (this.allowedHosts.has(host)) return undefined;
    if (net.isIP(host) !== 0) {
      const addressClass = classifyAddress(host);
      if (addressClass !== 'public') throw blockedAddressError(host, addressClass, origin);
    }
    return this.lookups[origin];
  }
}
