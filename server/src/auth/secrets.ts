import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for a cookie, a token or a CSRF value: 32 bytes, URL-safe. */
export function randomSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * Session ids and tokens are stored as their SHA-256: they are long random values (not
 * passwords), so a fast hash is enough, and a stolen database holds nothing usable.
 */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
