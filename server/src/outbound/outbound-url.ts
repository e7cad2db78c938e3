import { OutboundError } from './outbound-error';

export const MAX_URL_LENGTH = 2048;

function truncateForMessage(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * Parses a URL we are about to request. WHATWG parsing also normalises host spellings such as
 * http://0x7f000001/ to 127.0.0.1, so the address check sees the address the socket would use.
 *
 * `base` is set when resolving a redirect's Location against the URL that sent it.
 */
export function parseOutboundUrl(raw: string, base?: URL): URL {
  const what = base ? 'redirect target' : 'URL';
  if (raw.length > MAX_URL_LENGTH) {
    throw new OutboundError('invalid-url', `${what} is longer than ${MAX_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    throw new OutboundError('invalid-url', `${what} is not a valid URL: ${truncateForMessage(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const message = base
      ? `redirect to a non-HTTP URL refused (${truncateForMessage(url.href)})`
      : `only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, '')}`;
    throw new OutboundError('invalid-url', message);
  }
  // Credentials in a feed URL would be stored, logged and shown in the UI, and node would send them
  // as Basic auth to whatever host a redirect names; refuse them rather than handle them half-way.
  if (url.username !== '' || url.password !== '') {
    throw new OutboundError('invalid-url', `${what} contains a user name or password, which is not supported`);
  }
  if (url.href.length > MAX_URL_LENGTH) {
    throw new OutboundError('invalid-url', `${what} is longer than ${MAX_URL_LENGTH} characters`);
  }
  return url;
}

/** A URL's host as used for comparisons and connecting: lower-case, no IPv6 brackets, no trailing dot. */
export function bareHostname(url: URL): string {
  const host = url.hostname.toLowerCase();
  const unbracketed = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return unbracketed.endsWith('.') ? unbracketed.slice(0, -1) : unbracketed;
}

/**
 * Normalises an OUTBOUND_ALLOW_HOSTS entry with the same parser as request URLs, so
 * "LOCALHOST.", "[::1]", "0:0::1" and "127.1" match the host a URL would yield.
 * Returns null for an entry that is not a host name or IP.
 */
export function normaliseAllowedHost(entry: string): string | null {
  const trimmed = entry.trim();
  if (trimmed === '') return null;
  const bracketed = trimmed.includes(':') && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed;
  try {
    const url = new URL(`http://${bracketed}/`);
    if (url.port !== '' || url.username !== '' || url.pathname !== '/') return null;
    return bareHostname(url);
  } catch {
    return null;
  }
}
