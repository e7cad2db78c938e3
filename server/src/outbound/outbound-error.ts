export type OutboundErrorKind =
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

export interface OutboundErrorDetails {
  /** HTTP status, for 'http-status' and 'rate-limited'. */
  status?: number;
  /** Seconds the server asked us to wait (Retry-After), for 'rate-limited'. */
  retryAfterSec?: number;
  cause?: unknown;
}

/** Every way an outbound request can fail; `message` is written for the person reading the feed's or webhook's status. */
export class OutboundError extends Error {
  override readonly name = 'OutboundError';
  readonly kind: OutboundErrorKind;
  readonly status?: number;
  readonly retryAfterSec?: number;

  constructor(kind: OutboundErrorKind, message: string, details: OutboundErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterSec !== undefined) this.retryAfterSec = details.retryAfterSec;
  }
}
