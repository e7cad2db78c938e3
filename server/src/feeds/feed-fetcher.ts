import type http from 'node:http';
import { OutboundError, OutboundHttp, type OutboundOptions, parseRetryAfter, singleHeader } from '../outbound';

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

const RATE_LIMIT_STATUSES = new Set([429, 503]);
/** What node's setHeader rejects; a stored validator with a stray newline is dropped, not fatal. */
const INVALID_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * A feed download: a conditional GET through the outbound module (which owns addresses,
 * redirects, caps and deadlines), with the answer read as a feed server means it: 304 is
 * "unchanged", 429/503 is "come back later", any other non-2xx is an OutboundError 'http-status'.
 */
export class FeedFetcher {
  private readonly http: OutboundHttp;

  constructor(options: OutboundOptions) {
    this.http = new OutboundHttp(options);
  }

  /** Closes the connections kept open between polls (Nest calls this on shutdown). */
  onApplicationShutdown(): void {
    this.http.close();
  }

  async fetch(request: FetchRequest): Promise<FetchResult> {
    const response = await this.http.request({ url: request.url, headers: conditionalHeaders(request), signal: request.signal });
    const { status, headers, url, permanentRedirectTo } = response;
    const etag = singleHeader(headers.etag);
    const lastModified = singleHeader(headers['last-modified']);
    if (status === 304) {
      // A 304 need not repeat the validators; keep the ones that produced it.
      return { kind: 'not-modified', url, permanentRedirectTo, etag: etag ?? request.etag ?? null, lastModified: lastModified ?? request.lastModified ?? null };
    }
    if (RATE_LIMIT_STATUSES.has(status)) {
      const retryAfterSec = parseRetryAfter(singleHeader(headers['retry-after']) ?? undefined);
      const wait = retryAfterSec === undefined ? '' : `, retry after ${retryAfterSec} s`;
      throw new OutboundError('rate-limited', `HTTP ${status} (rate limited${wait})`, { status, retryAfterSec });
    }
    if (status < 200 || status > 299) throw new OutboundError('http-status', `HTTP ${status}`, { status });
    return { kind: 'ok', url, permanentRedirectTo, status, contentType: singleHeader(headers['content-type']), body: response.body, etag, lastModified };
  }
}

function conditionalHeaders(request: FetchRequest): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = { Accept: request.accept ?? DEFAULT_ACCEPT };
  // Sent on every redirect hop too, as the outbound module repeats the request's headers.
  if (request.etag && !INVALID_HEADER_VALUE.test(request.etag)) headers['If-None-Match'] = request.etag;
  if (request.lastModified && !INVALID_HEADER_VALUE.test(request.lastModified)) headers['If-Modified-Since'] = request.lastModified;
  return headers;
}
