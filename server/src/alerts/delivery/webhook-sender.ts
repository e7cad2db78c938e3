import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { FeedFetchError, OutboundPolicy, parseFeedUrl } from '../../feeds/fetcher';

export interface WebhookRequest {
  url: string;
  secret: string | null;
  body: string;
  timestampSec: number;
}

export class DeliveryError extends Error {}

export const WEBHOOK_TIMEOUT_MS = 10_000;

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, what a receiver recomputes to trust a call. */
export function webhookSignature(secret: string, timestampSec: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex')}`;
}

/**
 * POSTs alert JSON to a webhook under the same outbound rules as feed fetching: public
 * addresses only (OUTBOUND_ALLOW_HOSTS excepted), checked at connect time; redirects are not
 * followed. Any 2xx is success; anything else is a DeliveryError saying what happened.
 */
export class WebhookSender {
  constructor(
    private readonly policy: OutboundPolicy,
    private readonly userAgent: string,
    private readonly timeoutMs = WEBHOOK_TIMEOUT_MS,
  ) {}

  send(request: WebhookRequest): Promise<number> {
    let url: URL;
    let lookup;
    try {
      url = parseFeedUrl(request.url);
      lookup = this.policy.connectLookup(url, 'request');
    } catch (error) {
      return Promise.reject(new DeliveryError(error instanceof FeedFetchError ? error.message : 'invalid webhook URL'));
    }
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(request.body),
      'User-Agent': this.userAgent,
      'X-Sentinel-Timestamp': String(request.timestampSec),
    };
    if (request.secret) headers['X-Sentinel-Signature'] = webhookSignature(request.secret, request.timestampSec, request.body);
    return new Promise<number>((resolve, reject) => {
      const client = (url.protocol === 'https:' ? https : http).request(
        { hostname: url.hostname.replace(/^\[|\]$/g, ''), port: url.port || undefined, path: `${url.pathname}${url.search}`, method: 'POST', headers, agent: false, lookup },
        (response) => {
          const status = response.statusCode ?? 0;
          response.resume();
          response.on('end', () => {
            if (status >= 200 && status < 300) resolve(status);
            else if (status >= 300 && status < 400) reject(new DeliveryError(`webhook answered with a redirect (HTTP ${status}); configure the final URL`));
            else reject(new DeliveryError(`webhook answered HTTP ${status}`));
          });
          response.on('error', (error) => reject(new DeliveryError(`webhook response failed: ${error.message}`)));
        },
      );
      client.setTimeout(this.timeoutMs, () => client.destroy(new DeliveryError(`webhook timed out after ${this.timeoutMs / 1000} s`)));
      client.on('error', (error: Error & { code?: string }) => {
        if (error instanceof DeliveryError) return reject(error);
        if (error instanceof FeedFetchError) return reject(new DeliveryError(error.message));
        if (error.code === 'ECONNREFUSED') return reject(new DeliveryError(`connection refused by ${url.host}`));
        reject(new DeliveryError(`webhook request failed: ${error.message}`));
      });
      client.end(request.body);
    });
  }
}
