import http from 'node:http';
import https from 'node:https';
import { FeedFetchError } from './feed-fetch-error';
import { bareHostname, parseFeedUrl } from './feed-url';
import type { HopOrigin } from './guarded-lookup';
import { OutboundPolicy } from './outbound-policy';
import type { LookupFunction } from 'node:net';
import { type BodyReader, readResponseBody } from './response-body';
import { parseRetryAfter } from './retry-after';

export interface FetcherOptions {
  /** OUTBOUND_ALLOW_HOSTS: host names or IP literals exempt from the private-address block; nothing else is. */
  allowHosts: string[];
  /** Cap on the body after decompression. */
  maxBodyBytes: number;
  /** Wall clock for the whole fetch: every redirect hop and the body. */
  totalTimeoutMs: number;
  /** From starting a hop (DNS included) until its TCP connection is up. */
  connectTimeoutMs: number;
  /** Longest the socket may stay silent once connected. */
  idleTimeoutMs: number;
  maxRedirects: number;
  userAgent: string;
}

export const DEFAULT_FETCHER_OPTIONS: Omit<FetcherOptions, 'allowHosts'> = {
  maxBodyBytes: 10 * 1024 * 1024,
  totalTimeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  idleTimeoutMs: 15_000,
  maxRedirects: 5,
  userAgent: 'SentinelWire/0.1 (+https://github.com/sentinel-wire; feed monitor)',
};

export const DEFAULT_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.7, */*;q=0.5';

export interface FetchRequest {
  url: string;
  /** From the previous successful fetch, sent as If-None-Match. */
  etag?: string | null;
  /** From the previous successful fetch, sent as If-Modified-Since. */
  lastModified?: string | null;
  /** Overrides {@link DEFAULT_ACCEPT}. */
  accept?: string;
  signal?: AbortSignal;
}

export type FetchResult =
  | {
      kind: 'ok';
      /** Final URL after redirects. */
      url: string;
      /** The final URL when every redirect on the way was 301/308, so the caller may update the feed's URL. */
      permanentRedirectTo: string | null;
      status: number;
      contentType: string | null;
      body: Buffer;
      etag: string | null;
      lastModified: string | null;
    }
  | {
      kind: 'not-modified';
      url: string;
      permanentRedirectTo: string | null;
      etag: string | null;
      lastModified: string | null;
    };

type HopOutcome =
  | { type: 'redirect'; status: number; location: string | undefined }
  | { type: 'not-modified'; etag: string | null; lastModified: string | null }
  | { type: 'ok'; status: number; contentType: string | null; etag: string | null; lastModified: string | null; body: Buffer };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECT_STATUSES = new Set([301, 308]);
const RATE_LIMIT_STATUSES = new Set([429, 503]);
/** What node's setHeader rejects; a stored validator with a stray newline is dropped, not fatal. */
const INVALID_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

function singleHeader(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function assertPositive(name: keyof FetcherOptions, value: number, allowZero = false): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(`FeedFetcher option ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}`);
  }
}

/** Turns a socket-level error into a FeedFetchError that says what went wrong and where. */
function describeTransportError(error: unknown, host: string, endpoint: string): FeedFetchError {
  if (error instanceof FeedFetchError) return error;
  const err = error as NodeJS.ErrnoException;
  const code = err.code ?? '';
  const cause = { cause: error };
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'ENODATA':
      return new FeedFetchError('dns', `could not resolve host ${host}`, cause);
    case 'ECONNREFUSED':
      return new FeedFetchError('connect', `connection refused by ${endpoint}`, cause);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new FeedFetchError('connect', `${endpoint} is unreachable`, cause);
    case 'ETIMEDOUT':
      return new FeedFetchError('timeout', `connecting to ${endpoint} timed out`, cause);
    case 'ECONNRESET':
      return new FeedFetchError('network', `connection reset by ${endpoint}`, cause);
    default:
      break;
  }
  if (code.startsWith('HPE_')) {
    return new FeedFetchError('network', `malformed HTTP response from ${endpoint} (${err.message})`, cause);
  }
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SIGNATURE/.test(code)) {
    return new FeedFetchError('connect', `secure connection to ${endpoint} failed: ${err.message}`, cause);
  }
  return new FeedFetchError('network', `network error talking to ${endpoint}: ${err.message}`, cause);
}

/**
 * Fetches feed documents over HTTP(S) and is the product's boundary against SSRF: it connects
 * only to public addresses (checked at connect time on every redirect hop), bounds time and
 * memory, and reports every failure as a FeedFetchError. See README.md beside this file.
 */
export class FeedFetcher {
  private readonly options: FetcherOptions;
  private readonly policy: OutboundPolicy;

  constructor(options: FetcherOptions) {
    assertPositive('maxBodyBytes', options.maxBodyBytes);
    assertPositive('totalTimeoutMs', options.totalTimeoutMs);
    assertPositive('connectTimeoutMs', options.connectTimeoutMs);
    assertPositive('idleTimeoutMs', options.idleTimeoutMs);
    assertPositive('maxRedirects', options.maxRedirects, true);
    if (!Number.isInteger(options.maxRedirects)) {
      throw new RangeError(`FeedFetcher option maxRedirects must be a whole number, got ${options.maxRedirects}`);
    }
    this.policy = new OutboundPolicy(options.allowHosts);
    this.options = { ...options, allowHosts: this.policy.allowHosts };
  }

  async fetch(request: FetchRequest): Promise<FetchResult> {
    if (request.signal?.aborted) throw new FeedFetchError('aborted', 'fetch was cancelled');
    let current = parseFeedUrl(request.url);

    // One signal for everything that ends the fetch early; each hop destroys its socket on it.
    const controller = new AbortController();
    const onCallerAbort = (): void => controller.abort(new FeedFetchError('aborted', 'fetch was cancelled'));
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const totalTimer = setTimeout(() => {
      controller.abort(new FeedFetchError('timeout', `timed out after ${formatSeconds(this.options.totalTimeoutMs)}`));
    }, this.options.totalTimeoutMs);

    try {
      let redirects = 0;
      let allPermanent = true;
      for (;;) {
        const outcome = await this.performHop(current, redirects === 0 ? 'request' : 'redirect', request, controller.signal);
        if (outcome.type === 'redirect') {
          if (outcome.location === undefined || outcome.location === '') {
            throw new FeedFetchError('http-status', `HTTP ${outcome.status} without a Location header`, { status: outcome.status });
          }
          if (redirects >= this.options.maxRedirects) {
            throw new FeedFetchError('too-many-redirects', `too many redirects (more than ${this.options.maxRedirects})`);
          }
          current = parseFeedUrl(outcome.location, current);
          allPermanent &&= PERMANENT_REDIRECT_STATUSES.has(outcome.status);
          redirects += 1;
          continue;
        }
        const permanentRedirectTo = redirects > 0 && allPermanent ? current.href : null;
        if (outcome.type === 'not-modified') {
          return {
            kind: 'not-modified',
            url: current.href,
            permanentRedirectTo,
            // A 304 need not repeat the validators; keep the ones that produced it.
            etag: outcome.etag ?? request.etag ?? null,
            lastModified: outcome.lastModified ?? request.lastModified ?? null,
          };
        }
        return {
          kind: 'ok',
          url: current.href,
          permanentRedirectTo,
          status: outcome.status,
          contentType: outcome.contentType,
          body: outcome.body,
          etag: outcome.etag,
          lastModified: outcome.lastModified,
        };
      }
    } finally {
      clearTimeout(totalTimer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private buildHeaders(request: FetchRequest): http.OutgoingHttpHeaders {
    const headers: http.OutgoingHttpHeaders = {
      'User-Agent': this.options.userAgent,
      Accept: request.accept ?? DEFAULT_ACCEPT,
      'Accept-Encoding': 'gzip, deflate, br',
    };
    if (request.etag && !INVALID_HEADER_VALUE.test(request.etag)) headers['If-None-Match'] = request.etag;
    if (request.lastModified && !INVALID_HEADER_VALUE.test(request.lastModified)) {
      headers['If-Modified-Since'] = request.lastModified;
    }
    return headers;
  }

  /** One request/response exchange; resolves with a redirect to follow or the final answer. */
  private performHop(url: URL, origin: HopOrigin, request: FetchRequest, signal: AbortSignal): Promise<HopOutcome> {
    const host = bareHostname(url);
    const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    const endpoint = `${url.hostname}:${port}`;

    if (signal.aborted) return Promise.reject(signal.reason);
    let lookup: LookupFunction | undefined;
    try {
      lookup = this.policy.connectLookup(url, origin);
    } catch (error) {
      return Promise.reject(error);
    }

    return new Promise<HopOutcome>((resolve, reject) => {
      let settled = false;
      let bodyReader: BodyReader | null = null;
      let connectTimer: NodeJS.Timeout | undefined;
      // Assigned synchronously below; settle() may run before only on a synchronous throw.
      let clientRequest: http.ClientRequest | undefined;

      const settle = (error: FeedFetchError | null, outcome?: HopOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        signal.removeEventListener('abort', onAbort);
        bodyReader?.cancel();
        // agent: false gives every hop its own socket; destroying it closes the connection.
        clientRequest?.destroy();
        if (error) reject(error);
        else resolve(outcome as HopOutcome);
      };
      const onAbort = (): void => settle(signal.reason as FeedFetchError);
      signal.addEventListener('abort', onAbort, { once: true });

      try {
        clientRequest = (url.protocol === 'https:' ? https : http).request({
          hostname: host,
          port,
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          headers: this.buildHeaders(request),
          agent: false,
          lookup,
        });
      } catch (error) {
        settle(describeTransportError(error, host, endpoint));
        return;
      }

      connectTimer = setTimeout(() => {
        settle(new FeedFetchError('timeout', `connecting to ${endpoint} timed out after ${formatSeconds(this.options.connectTimeoutMs)}`));
      }, this.options.connectTimeoutMs);
      clientRequest.once('socket', (socket) => {
        const onConnect = (): void => clearTimeout(connectTimer);
        if (socket.connecting) socket.once('connect', onConnect);
        else onConnect();
      });
      // ClientRequest arms this only once the socket is connected, so it measures silence, not setup.
      clientRequest.setTimeout(this.options.idleTimeoutMs, () => {
        settle(new FeedFetchError('timeout', `no data received from ${endpoint} for ${formatSeconds(this.options.idleTimeoutMs)}`));
      });
      clientRequest.on('error', (error) => settle(describeTransportError(error, host, endpoint)));
      clientRequest.on('response', (response) => {
        const status = response.statusCode ?? 0;
        const etag = singleHeader(response.headers.etag);
        const lastModified = singleHeader(response.headers['last-modified']);
        if (REDIRECT_STATUSES.has(status)) {
          settle(null, { type: 'redirect', status, location: response.headers.location });
          return;
        }
        if (status === 304) {
          settle(null, { type: 'not-modified', etag, lastModified });
          return;
        }
        if (RATE_LIMIT_STATUSES.has(status)) {
          const retryAfterSec = parseRetryAfter(singleHeader(response.headers['retry-after']) ?? undefined);
          const wait = retryAfterSec === undefined ? '' : `, retry after ${retryAfterSec} s`;
          settle(new FeedFetchError('rate-limited', `HTTP ${status} (rate limited${wait})`, { status, retryAfterSec }));
          return;
        }
        if (status < 200 || status > 299) {
          settle(new FeedFetchError('http-status', `HTTP ${status}`, { status }));
          return;
        }
        bodyReader = readResponseBody(response, { maxBodyBytes: this.options.maxBodyBytes, endpoint }, (error, body) => {
          if (error) settle(error);
          else {
            settle(null, {
              type: 'ok',
              status,
              contentType: singleHeader(response.headers['content-type']),
              etag,
              lastModified,
              body: body ?? Buffer.alloc(0),
            });
          }
        });
      });
      clientRequest.end();
    });
  }
}
