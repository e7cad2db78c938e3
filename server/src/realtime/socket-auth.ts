import type { Principal } from '@sentinel/shared';
import type { AuthConfig } from '../config/config';
import type { Authenticator } from '../auth/authenticator';
import { hostAllowed, originAllowed } from '../auth/host-check';

/** Who a socket is, fixed at the handshake; revocation and expiry are checked against it. */
export interface SocketIdentity {
  principal: Principal;
  /** The session's hash or the token id, to find the sockets a revocation ends. */
  sessionHash: string | null;
  tokenId: number | null;
  expiresAt: number | null;
  /** Connection-cap keys this socket counts against. */
  principalKey: string;
  address: string;
}

export interface Handshake {
  headers: Record<string, string | string[] | undefined>;
  auth: Record<string, unknown>;
  address: string;
}

export type HandshakeResult = { ok: true; identity: SocketIdentity } | { ok: false; message: string };

/**
 * Checks a socket.io handshake the way the HTTP guard checks a request: Host, the browser's
 * Origin, then credentials (`auth.token`, or the session cookie the browser sends itself).
 * Refusals reach the client as `connect_error` with the message; missing or bad credentials
 * are always the word "unauthorized".
 */
export async function checkHandshake(handshake: Handshake, authenticator: Authenticator, config: AuthConfig): Promise<HandshakeResult> {
  const host = header(handshake.headers.host);
  if (!hostAllowed(host, config)) return { ok: false, message: 'host not allowed' };
  if (!originAllowed(header(handshake.headers.origin), host, config)) return { ok: false, message: 'origin not allowed' };
  const token = handshake.auth?.token;
  if (token !== undefined && (typeof token !== 'string' || token.length === 0 || token.length > 200)) return { ok: false, message: 'unauthorized' };
  const auth = typeof token === 'string'
    ? await authenticator.byToken(token)
    : await authenticator.authenticate({ cookie: handshake.headers.cookie, authorization: handshake.headers.authorization });
  if (auth.kind === 'session') {
    return { ok: true, identity: { principal: auth.principal, sessionHash: auth.sessionHash, tokenId: null, expiresAt: auth.expiresAt, principalKey: `u:${auth.principal.userId}`, address: handshake.address } };
  }
  if (auth.kind === 'token') {
    return { ok: true, identity: { principal: auth.principal, sessionHash: null, tokenId: auth.tokenId, expiresAt: auth.expiresAt, principalKey: `t:${auth.tokenId}`, address: handshake.address } };
  }
  return { ok: false, message: 'unauthorized' };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Open sockets per principal and per address, so one leaked token or one host cannot exhaust the server. */
export class ConnectionCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limits: { perPrincipal: number; perAddress: number }) {}

  /** Takes a place for the socket, or says which cap is full. */
  admit(identity: Pick<SocketIdentity, 'principalKey' | 'address'>): string | null {
    if ((this.counts.get(identity.principalKey) ?? 0) >= this.limits.perPrincipal) return `too many connections for these credentials (at most ${this.limits.perPrincipal})`;
    if ((this.counts.get(`ip:${identity.address}`) ?? 0) >= this.limits.perAddress) return `too many connections from this address (at most ${this.limits.perAddress})`;
    this.add(identity.principalKey, 1);
    this.add(`ip:${identity.address}`, 1);
    return null;
  }

  release(identity: Pick<SocketIdentity, 'principalKey' | 'address'>): void {
    this.add(identity.principalKey, -1);
    this.add(`ip:${identity.address}`, -1);
  }

  private add(key: string, delta: number): void {
    const next = (this.counts.get(key) ?? 0) + delta;
    if (next <= 0) this.counts.delete(key);
    else this.counts.set(key, next);
  }
}
