import http from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction, Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * How long an idle connection stays open (less when the server's `Keep-Alive: timeout=N` says
 * so). Below the 5 s that node and Apache servers wait, so we rarely write to a connection the
 * server is closing; the request that does is retried once on a new connection.
 */
export const IDLE_CONNECTION_MS = 4000;

/** The addresses a request's host resolved to, which the pool keys its connections by. */
interface PinnedOptions {
  pinnedAddresses?: string;
}

function pinnedName(name: string, options: PinnedOptions | undefined): string {
  return options?.pinnedAddresses ? `${name}|${options.pinnedAddresses}` : name;
}

/**
 * Bounds how long a connection waits in the pool. (The agent's own `timeout` option would also
 * apply while a connection is being opened, cutting it short before OutboundHttp's connect limit.)
 */
function keepIdle(agent: http.Agent, socket: Duplex): boolean {
  const kept = http.Agent.prototype.keepSocketAlive.call(agent, socket) as unknown as boolean;
  const connection = socket as Socket;
  // Node has set the server's Keep-Alive hint, if any, less a second.
  if (kept) connection.setTimeout(connection.timeout ? Math.min(connection.timeout, IDLE_CONNECTION_MS) : IDLE_CONNECTION_MS);
  return kept;
}

class PinnedHttpAgent extends http.Agent {
  override getName(options?: http.ClientRequestArgs & PinnedOptions): string {
    return pinnedName(super.getName(options), options);
  }

  override keepSocketAlive(socket: Duplex): boolean {
    return keepIdle(this, socket);
  }
}

class PinnedHttpsAgent extends https.Agent {
  override getName(options?: https.RequestOptions & PinnedOptions): string {
    return pinnedName(super.getName(options), options);
  }

  override keepSocketAlive(socket: Duplex): boolean {
    return keepIdle(this, socket);
  }
}

/** A `lookup` that answers with addresses already resolved and checked. */
function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : 0;
    const usable = family ? addresses.filter((a) => a.family === family) : addresses;
    if (usable.length === 0) {
      callback(Object.assign(new Error(`no IPv${family} address`), { code: 'ENOTFOUND' }), '');
    } else if (options.all) {
      callback(null, [...usable]);
    } else {
      callback(null, usable[0].address, usable[0].family);
    }
  };
}

/**
 * Connections kept open between requests to one origin, so that polling a feed again, or many
 * feeds of one host, skips TCP and TLS setup. A host name is resolved (and its addresses
 * checked) for every request, before a connection is chosen, and connections are pooled by
 * origin and that exact set of addresses: an open connection serves a request only when the
 * host resolves, now, to the addresses it was opened for. When the answer changes, the request
 * gets a new connection, checked at connect time as ever. Hosts that are not resolved (IP
 * literals, checked before; allow-listed names, exempt by name) are pooled by origin.
 */
export class ConnectionPool {
  private readonly http = new PinnedHttpAgent({ keepAlive: true });
  private readonly https = new PinnedHttpsAgent({ keepAlive: true });

  /** Request options that take a connection from the pool; `addresses` are the checked answer for the host, or null when it was not resolved. */
  connectionFor(url: URL, addresses: readonly LookupAddress[] | null): http.RequestOptions & PinnedOptions {
    const agent = url.protocol === 'https:' ? this.https : this.http;
    if (addresses === null) return { agent };
    const pinnedAddresses = addresses
      .map((a) => a.address)
      .sort()
      .join(',');
    return { agent, lookup: pinnedLookup(addresses), pinnedAddresses };
  }

  /** Closes every pooled connection. */
  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
