import type { NextFunction, Request, Response } from 'express';
import type { AuthConfig } from '../config/config';

/**
 * Which Host headers the server answers (ALLOWED_HOSTS). Refusing names it was not given blocks
 * DNS rebinding: a hostile page that points its own name at this server still sends its own
 * name as Host. Default: PUBLIC_URL's host, plus loopback names (which cannot be rebound to).
 */
export function hostAllowed(hostHeader: string | undefined, config: Pick<AuthConfig, 'allowedHosts' | 'publicUrl'>): boolean {
  if (!hostHeader) return false;
  const host = hostName(hostHeader);
  if (host === null) return false;
  if (config.allowedHosts?.includes('*')) return true;
  if (config.allowedHosts) return config.allowedHosts.includes(host) || isLoopbackName(host);
  if (config.publicUrl && new URL(config.publicUrl).hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase() === host) return true;
  return isLoopbackName(host);
}

/** The host name of a Host header or an origin's host part, without port or IPv6 brackets. */
export function hostName(hostHeader: string): string | null {
  const value = hostHeader.trim().toLowerCase();
  const match = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(value) ?? /^([a-z0-9._-]+)(?::\d{1,5})?$/.exec(value);
  return match ? match[1] : null;
}

export function isLoopbackName(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * A browser's `Origin` must be this product's own: the same host as the request (any port the
 * browser used to reach us) and itself an allowed host. Non-browser clients send no Origin.
 */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined, config: Pick<AuthConfig, 'allowedHosts' | 'publicUrl'>): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (config.publicUrl && url.origin === config.publicUrl) return true;
  return hostHeader !== undefined && url.host.toLowerCase() === hostHeader.trim().toLowerCase() && hostAllowed(url.host, config);
}

export function hostCheck(config: AuthConfig) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (hostAllowed(request.headers.host, config)) return next();
    response.status(421).json({
      statusCode: 421,
      error: 'Misdirected Request',
      message: `this server does not answer to the host "${String(request.headers.host ?? '').slice(0, 100)}"; add it to ALLOWED_HOSTS (or set PUBLIC_URL)`,
    });
  };
}
