import { Injectable, Logger } from '@nestjs/common';
import { Principal, SESSION_COOKIE, TokenRole } from '@sentinel/shared';
import { AuthRepository } from './auth.repository';
import { sha256 } from './secrets';

/** What a request or a socket handshake presents. */
export interface PresentedCredentials {
  authorization?: string | string[];
  cookie?: string | string[];
}

/** The outcome of checking credentials: who is asking, and how (CSRF applies to sessions only). */
export type Authentication =
  | { kind: 'anonymous' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'session'; principal: Principal; sessionHash: string; csrfToken: string; expiresAt: number }
  | { kind: 'token'; principal: Principal; tokenId: number; expiresAt: number | null };

/** Writes of a token's last use are spaced out, so a wall polling every few seconds costs no write each time. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Turns presented credentials into a Principal: a bearer token (`Authorization: Bearer …`) or the
 * session cookie. Used by the HTTP guard and by the socket gateway alike, so both doors check
 * the same way. Every call reads the database: a revoked token or ended session stops at once.
 */
@Injectable()
export class Authenticator {
  private readonly logger = new Logger('Auth');
  private readonly touched = new Map<number, number>();

  constructor(private readonly repository: AuthRepository) {}

  async authenticate(presented: PresentedCredentials, now = Date.now()): Promise<Authentication> {
    const authorization = first(presented.authorization);
    if (authorization) {
      const match = /^Bearer\s+(\S{1,200})$/i.exec(authorization.trim());
      if (!match) return { kind: 'invalid', reason: 'the Authorization header must be "Bearer <token>"' };
      return this.byToken(match[1], now);
    }
    const sessionId = readCookie(presented.cookie, SESSION_COOKIE);
    if (sessionId) return this.bySession(sessionId, now);
    return { kind: 'anonymous' };
  }

  async byToken(secret: string, now = Date.now()): Promise<Authentication> {
    const token = await this.repository.tokenByHash(sha256(secret));
    if (!token) return { kind: 'invalid', reason: 'the token is not valid (revoked, or never issued)' };
    if (token.expiresAt !== null && token.expiresAt <= now) return { kind: 'invalid', reason: 'the token has expired' };
    this.touch(token.id, now);
    const principal: Principal = {
      kind: 'token',
      userId: token.createdBy,
      tokenId: token.id,
      role: token.role as TokenRole,
      label: `token "${token.name}"`,
      scope: { regions: parseList(token.regions), topics: parseList(token.topics) },
    };
    return { kind: 'token', principal, tokenId: token.id, expiresAt: token.expiresAt };
  }

  private async bySession(sessionId: string, now: number): Promise<Authentication> {
    if (sessionId.length > 200) return { kind: 'anonymous' };
    const sessionHash = sha256(sessionId);
    const found = await this.repository.session(sessionHash, now);
    // An ended or expired session is simply not signed in: the answer is "sign in", not "bad credentials".
    if (!found) return { kind: 'anonymous' };
    const { session, user } = found;
    const principal: Principal = { kind: 'user', userId: user.id, tokenId: null, role: user.role, label: user.email, scope: { regions: [], topics: [] } };
    return { kind: 'session', principal, sessionHash, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  }

  private touch(tokenId: number, now: number): void {
    if (now - (this.touched.get(tokenId) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(tokenId, now);
    if (this.touched.size > 10_000) this.touched.clear();
    this.repository.touchToken(tokenId, now).catch((error: Error) => this.logger.warn(`could not record the use of token ${tokenId}: ${error.message}`));
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads one cookie's value from a Cookie header (no dependency needed for this one job). */
export function readCookie(header: string | string[] | undefined, name: string): string | null {
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text) return null;
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return value.length > 0 ? value : null;
    }
  }
  return null;
}

function parseList(json: string): string[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
