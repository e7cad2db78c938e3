import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { FeedFetchError, OutboundPolicy, parseFeedUrl } from '../../feeds/fetcher';

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

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, what a receiver recomputes to trust a call. */
export function webhookSignature(secret: string, timestampSec: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex')}`;
}

/**
 * POSTs alert JSON to a webhook under the same outbound rules as feed fetching: public
 * addresses only (OUTBOUND_ALLOW_HOSTS excepted), checked at connect time; redirects are not
 * followed. Any 2xx is success; anything else is a DeliveryError saying what happened. Each
 * call has one deadline for everything (DNS, connect, answer, body), so a receiver that accepts
 * the connection and then says nothing, or drips its answer, is cut off.
 */
export class WebhookSender {
  constructor(
    private readonly policy: OutboundPolicy,
    private readonly userAgent: string,
    private readonly timeoutMs = WEBHOOK_TIMEOUT_MS,
  ) {}

  /**
   * Refuses a URL the sender would refuse to call: not http(s), credentials in it, a host that
   * does not resolve or resolves to an address outside the outbound policy. Run when a webhook
   * is saved, so a mistake shows at once instead of as failed deliveries; the check at connect
   * time still applies (a name can resolve differently later).
   */
  async checkDestination(raw: string): Promise<void> {
    let url: URL;
    let lookup: LookupFunction | undefined;
    try {
      url = parseFeedUrl(raw);
      lookup = this.policy.connectLookup(url, 'request');
    } catch (error) {
      throw toDeliveryError(error, 'not a valid URL');
    }
    if (!lookup) return;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const resolve = lookup;
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new DeliveryError(`could not resolve host ${host} within ${RESOLVE_TIMEOUT_MS / 1000} s`)), RESOLVE_TIMEOUT_MS);
      resolve(host, { all: true }, (error) => {
        clearTimeout(timer);
        if (error) fail(toDeliveryError(error, `could not resolve host ${host}`));
        else done();
      });
    });
  }

  /** Resolves with the HTTP status; `signal` aborts the call (shutdown). */
  send(request: WebhookRequest, signal?: AbortSignal): Promise<number> {
    let url: URL;
    let lookup: LookupFunction | undefined;
    try {
      url = parseFeedUrl(request.url);
      lookup = this.policy.connectLookup(url, 'request');
    } catch (error) {
      return Promise.reject(toDeliveryError(error, 'invalid webhook URL'));
    }
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(request.body),
      'User-Agent': this.userAgent,
      'X-Sentinel-Timestamp': String(request.timestampSec),
    };
    if (request.secret) headers['X-Sentinel-Signature'] = webhookSignature(request.secret, request.timestampSec, request.body);
    return new Promise<number>((resolve, reject) => {
      let settled = false;
      const settle = (error: DeliveryError | null, status = 0) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        signal?.removeEventListener('abort', onAbort);
        if (error) {
          client.destroy();
          reject(error);
        } else {
          resolve(status);
        }
      };
      const onAbort = () => settle(new DeliveryError('delivery interrupted: the server is stopping'));
      const deadline = setTimeout(() => settle(new DeliveryError(`webhook did not answer within ${this.timeoutMs / 1000} s`)), this.timeoutMs);
      const client = (url.protocol === 'https:' ? https : http).request(
        { hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || undefined, path: `${url.pathname}${url.search}`, method: 'POST', headers, agent: false, lookup },
        (response) => {
          const status = response.statusCode ?? 0;
          response.resume();
          response.on('end', () => {
            if (status >= 200 && status < 300) settle(null, status);
            else if (status >= 300 && status < 400) settle(new DeliveryError(`webhook answered with a redirect (HTTP ${status}); configure the final URL`));
            else settle(new DeliveryError(`webhook answered HTTP ${status}`));
          });
          response.on('error', (error) => settle(new DeliveryError(`webhook response failed: ${error.message}`)));
        },
      );
      client.on('error', (error: Error & { code?: string }) => {
        if (error.code === 'ECONNREFUSED') return settle(new DeliveryError(`connection refused by ${url.host}`));
        settle(toDeliveryError(error, `webhook request failed: ${error.message}`));
      });
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort);
      client.end(request.body);
    });
  }
}

/** Policy refusals keep their own words ("blocked: 10.0.0.1 is a private address"). */
function toDeliveryError(error: unknown, fallback: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof FeedFetchError) return new DeliveryError(error.message);
  return new DeliveryError(fallback);
}
