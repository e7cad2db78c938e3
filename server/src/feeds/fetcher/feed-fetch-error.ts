export type FeedFetchErrorKind =
  | 'invalid-url'
  | 'blocked-address'
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http-status'
  | 'rate-limited'
  | 'decompression'
  | 'network'
  | 'aborted';

export interface FeedFetchErrorDetails {
  /** HTTP status, for 'http-status' and 'rate-limited'. */
  status?: number;
  /** Seconds the server asked us to wait (Retry-After), for 'rate-limited'. */
  retryAfterSec?: number;
  cause?: unknown;
}

/** Every way a fetch can fail; `message` is written for the person reading the feed's status. */
export class FeedFetchError extends Error {
  override readonly name = 'FeedFetchError';
  readonly kind: FeedFetchErrorKind;
  readonly status?: number;
  readonly retryAfterSec?: number;

  constructor(kind: FeedFetchErrorKind, message: string, details: FeedFetchErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterSec !== undefined) this.retryAfterSec = details.retryAfterSec;
  }
}
