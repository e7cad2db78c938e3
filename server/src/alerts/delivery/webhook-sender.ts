import { createHmac } from 'node:crypto';
import { DEFAULT_OUTBOUND_OPTIONS, formatSeconds, OutboundError, OutboundHttp } from '../../outbound';

export interface WebhookRequest {
  url: string;
  secret: string | null;
  body: string;
  timestampSec: number;
}

/** Why a delivery failed, in words for the alert's delivery list. `permanent`: retrying cannot help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

/** The whole of one call, connect to last byte of the answer: a slow receiver cannot hold a delivery slot longer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How long creating or changing a webhook waits for DNS before refusing its host. */
export const RESOLVE_TIMEOUT_MS = 5_000;
/** A receipt is a few bytes; a receiver answering more than this is not a webhook receiver. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, what a receiver recomputes to trust a call. */
export function webhookSignature(secret: string, timestampSec: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex')}`;
}

/**
 * POSTs alert JSON to a webhook through the outbound module, under the same rules as feed
 * fetching: public addresses only (OUTBOUND_ALLOW_HOSTS excepted), checked at connect time;
 * redirects are not followed. Any 2xx is success; anything else is a DeliveryError saying what
 * happened. Each call has one deadline for everything (DNS, connect, answer, body), so a
 * receiver that accepts the connection and then says nothing, or drips its answer, is cut off.
 */
export class WebhookSender {
  private readonly http: OutboundHttp;

  constructor(
    allowHosts: readonly string[],
    private readonly timeoutMs = WEBHOOK_TIMEOUT_MS,
  ) {
    // Connect and idle limits equal to the deadline: the one deadline is what ends a slow call.
    this.http = new OutboundHttp({
      ...DEFAULT_OUTBOUND_OPTIONS,
      allowHosts,
      maxBodyBytes: MAX_ANSWER_BYTES,
      totalTimeoutMs: timeoutMs,
      connectTimeoutMs: timeoutMs,
      idleTimeoutMs: timeoutMs,
    });
  }

  /**
   * Refuses a URL the sender would refuse to call: not http(s), credentials in it, a host that
   * does not resolve or resolves to an address outside the outbound policy. Run when a webhook
   * is saved, so a mistake shows at once instead of as failed deliveries; the check at connect
   * time still applies (a name can resolve differently later).
   */
  async checkDestination(raw: string): Promise<void> {
    try {
      await this.http.checkDestination(raw, RESOLVE_TIMEOUT_MS);
    } catch (error) {
      throw toDeliveryError(error, 'not a valid URL');
    }
  }

  /** Resolves with the HTTP status; `signal` aborts the call (shutdown). */
  async send(request: WebhookRequest, signal?: AbortSignal): Promise<number> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'X-Sentinel-Timestamp': String(request.timestampSec),
    };
    if (request.secret) headers['X-Sentinel-Signature'] = webhookSignature(request.secret, request.timestampSec, request.body);
    let status: number;
    try {
      ({ status } = await this.http.request({ url: request.url, method: 'POST', headers, body: request.body, followRedirects: false, signal }));
    } catch (error) {
      throw toDeliveryError(error, 'webhook request failed', this.timeoutMs);
    }
    if (status >= 200 && status < 300) return status;
    if (status >= 300 && status < 400) throw new DeliveryError(`webhook answered with a redirect (HTTP ${status}); configure the final URL`);
    throw new DeliveryError(`webhook answered HTTP ${status}`);
  }
}

/** Outbound refusals keep their own words ("blocked: 10.0.0.1 is a private address"); a timeout or abort says what it means here. */
function toDeliveryError(error: unknown, fallback: string, timeoutMs?: number): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof OutboundError) {
    if (error.kind === 'aborted') return new DeliveryError('delivery interrupted: the server is stopping');
    if (error.kind === 'timeout' && timeoutMs !== undefined) return new DeliveryError(`webhook did not answer within ${formatSeconds(timeoutMs)}`);
    return new DeliveryError(error.message);
  }
  return new DeliveryError(fallback);
}
