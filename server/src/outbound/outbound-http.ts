import http from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { ConnectionPool } from './connection-pool';
import type { HopOrigin } from './guarded-lookup';
import { OutboundError } from './outbound-error';
import { OutboundPolicy } from './outbound-policy';
import { bareHostname, parseOutboundUrl } from './outbound-url';
import { type BodyReader, readResponseBody } from './response-body';
import { USER_AGENT } from './user-agent';

export interface OutboundOptions {
  /** OUTBOUND_ALLOW_HOSTS: host names or IP literals exempt from the private-address block; nothing else is. */
  allowHosts: readonly string[];
  /** Cap on a 2xx body after decompression. */
  maxBodyBytes: number;
  /** Wall clock for the whole request: every redirect hop and the body. */
  totalTimeoutMs: number;
  /** From starting a hop (DNS included) until its TCP connection is up. */
  connectTimeoutMs: number;
  /** Longest the socket may stay silent once connected. */
  idleTimeoutMs: number;
  /** Redirects followed before giving up; 0 follows none (a 3xx is then an error, unless followRedirects is false). */
  maxRedirects: number;
}

export const DEFAULT_OUTBOUND_OPTIONS: Omit<OutboundOptions, 'allowHosts'> = {
  maxBodyBytes: 10 * 1024 * 1024,
  totalTimeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  idleTimeoutMs: 15_000,
  maxRedirects: 5,
};

export interface OutboundRequest {
  url: string;
  method?: 'GET' | 'POST';
  /** Added to the User-Agent and Accept-Encoding the module always sends. */
  headers?: http.OutgoingHttpHeaders;
  body?: string | Buffer;
  /** false: a 3xx answer is returned to the caller instead of followed (webhooks). Default true. */
  followRedirects?: boolean;
  signal?: AbortSignal;
}

export interface OutboundResponse {
  /** Final URL after redirects. */
  url: string;
  /** The final URL when every redirect on the way was 301/308, else null. */
  permanentRedirectTo: string | null;
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The decompressed body of a 2xx answer; empty for any other status (error bodies are not read). */
  body: Buffer;
}

type HopOutcome =
  | { type: 'redirect'; status: number; location: string | undefined }
  | { type: 'answer'; status: number; headers: http.IncomingHttpHeaders; body: Buffer };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECT_STATUSES = new Set([301, 308]);
/** How a write to a connection the server already closed fails. */
const CLOSED_CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE']);

/** An answer that has no body by its framing, so reading it to the end costs nothing. */
function hasNoBody(response: http.IncomingMessage): boolean {
  return response.statusCode === 304 || response.statusCode === 204 || response.headers['content-length'] === '0';
}

export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

/** The first value of a response header, or null. */
export function singleHeader(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function assertPositive(name: keyof OutboundOptions, value: number, allowZero = false): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(`outbound option ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}`);
  }
}

/** Turns a socket-level error into an OutboundError that says what went wrong and where. */
function describeTransportError(error: unknown, host: string, endpoint: string): OutboundError {
  if (error instanceof OutboundError) return error;
  const err = error as NodeJS.ErrnoException;
  const code = err.code ?? '';
  const cause = { cause: error };
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'ENODATA':
      return new OutboundError('dns', `could not resolve host ${host}`, cause);
    case 'ECONNREFUSED':
      return new OutboundError('connect', `connection refused by ${endpoint}`, cause);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new OutboundError('connect', `${endpoint} is unreachable`, cause);
    case 'ETIMEDOUT':
      return new OutboundError('timeout', `connecting to ${endpoint} timed out`, cause);
    case 'ECONNRESET':
      return new OutboundError('network', `connection reset by ${endpoint}`, cause);
    default:
      break;
  }
  if (code.startsWith('HPE_')) {
    return new OutboundError('network', `malformed HTTP response from ${endpoint} (${err.message})`, cause);
  }
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SIGNATURE/.test(code)) {
    return new OutboundError('connect', `secure connection to ${endpoint} failed: ${err.message}`, cause);
  }
  return new OutboundError('network', `network error talking to ${endpoint}: ${err.message}`, cause);
}

/**
 * Every HTTP request the server makes goes through here: it connects only to public addresses
 * (checked at connect time on every redirect hop, OUTBOUND_ALLOW_HOSTS excepted), bounds time
 * and memory, sends the one User-Agent, and reports every failure as an OutboundError.
 * What an answer means (a feed, a webhook receipt) is the caller's business. See README.md.
 */
export class OutboundHttp {
  private readonly options: OutboundOptions;
  private readonly policy: OutboundPolicy;
  private readonly pool = new ConnectionPool();

  constructor(options: OutboundOptions) {
    assertPositive('maxBodyBytes', options.maxBodyBytes);
    assertPositive('totalTimeoutMs', options.totalTimeoutMs);
    assertPositive('connectTimeoutMs', options.connectTimeoutMs);
    assertPositive('idleTimeoutMs', options.idleTimeoutMs);
    assertPositive('maxRedirects', options.maxRedirects, true);
    if (!Number.isInteger(options.maxRedirects)) {
      throw new RangeError(`outbound option maxRedirects must be a whole number, got ${options.maxRedirects}`);
    }
    this.policy = new OutboundPolicy(options.allowHosts);
    this.options = { ...options, allowHosts: this.policy.allowHosts };
  }

  /**
   * Refuses a URL a request would refuse: not http(s), credentials in it, a host that does not
   * resolve within `resolveTimeoutMs` or resolves to an address outside the policy. For checking
   * a destination when someone saves it; the check at connect time still applies (a name can
   * resolve differently later).
   */
  async checkDestination(raw: string, resolveTimeoutMs: number): Promise<void> {
    const url = parseOutboundUrl(raw);
    const lookup = this.policy.connectLookup(url, 'request');
    if (!lookup) return;
    const host = bareHostname(url);
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(
        () => fail(new OutboundError('dns', `could not resolve host ${host} within ${formatSeconds(resolveTimeoutMs)}`)),
        resolveTimeoutMs,
      );
      lookup(host, { all: true }, (error) => {
        clearTimeout(timer);
        if (error) fail(error instanceof OutboundError ? error : new OutboundError('dns', `could not resolve host ${host}`, { cause: error }));
        else done();
      });
    });
  }

  async request(request: OutboundRequest): Promise<OutboundResponse> {
    if (request.signal?.aborted) throw new OutboundError('aborted', 'request was cancelled');
    let current = parseOutboundUrl(request.url);
    const followRedirects = request.followRedirects ?? true;

    // One signal for everything that ends the request early; each hop destroys its socket on it.
    const controller = new AbortController();
    const onCallerAbort = (): void => controller.abort(new OutboundError('aborted', 'request was cancelled'));
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const totalTimer = setTimeout(() => {
      controller.abort(new OutboundError('timeout', `timed out after ${formatSeconds(this.options.totalTimeoutMs)}`));
    }, this.options.totalTimeoutMs);

    try {
      let redirects = 0;
      let allPermanent = true;
      for (;;) {
        const outcome = await this.performHop(current, redirects === 0 ? 'request' : 'redirect', request, controller.signal);
        if (outcome.type === 'redirect' && followRedirects) {
          if (outcome.location === undefined || outcome.location === '') {
            throw new OutboundError('http-status', `HTTP ${outcome.status} without a Location header`, { status: outcome.status });
          }
          if (redirects >= this.options.maxRedirects) {
            throw new OutboundError('too-many-redirects', `too many redirects (more than ${this.options.maxRedirects})`);
          }
          current = parseOutboundUrl(outcome.location, current);
          allPermanent &&= PERMANENT_REDIRECT_STATUSES.has(outcome.status);
          redirects += 1;
          continue;
        }
        const answer = outcome.type === 'answer' ? outcome : { status: outcome.status, headers: {}, body: Buffer.alloc(0) };
        return {
          url: current.href,
          permanentRedirectTo: redirects > 0 && allPermanent ? current.href : null,
          status: answer.status,
          headers: answer.headers,
          body: answer.body,
        };
      }
    } finally {
      clearTimeout(totalTimer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private buildHeaders(request: OutboundRequest): http.OutgoingHttpHeaders {
    const headers: http.OutgoingHttpHeaders = { ...request.headers, 'User-Agent': USER_AGENT, 'Accept-Encoding': 'gzip, deflate, br' };
    if (request.body !== undefined) headers['Content-Length'] = Buffer.byteLength(request.body);
    return headers;
  }

  /**
   * One request/response exchange; resolves with a redirect to follow or the final answer. A
   * request without a body takes a pooled connection (see connection-pool.ts); one with a body (a
   * webhook) gets a connection of its own, so that it is never sent twice. `fresh` asks for a
   * connection of its own too: the retry after a pooled connection turned out closed.
   */
  private performHop(url: URL, origin: HopOrigin, request: OutboundRequest, signal: AbortSignal, fresh = false): Promise<HopOutcome> {
    const host = bareHostname(url);
    const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    const endpoint = `${url.hostname}:${port}`;
    const pooled = !fresh && request.body === undefined;

    if (signal.aborted) return Promise.reject(signal.reason);
    let lookup: LookupFunction | undefined;
    try {
      lookup = this.policy.connectLookup(url, origin);
    } catch (error) {
      return Promise.reject(error);
    }

    return new Promise<HopOutcome>((resolve, reject) => {
      let settled = false;
      let answered = false;
      let bodyReader: BodyReader | null = null;
      let connectTimer: NodeJS.Timeout | undefined;
      let clientRequest: http.ClientRequest | undefined;

      const finish = (deliver: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        signal.removeEventListener('abort', onAbort);
        bodyReader?.cancel();
        // Closes the connection unless its answer was read to the end, in which case node has
        // already handed it back to the pool and destroy() leaves it alone.
        clientRequest?.destroy();
        deliver();
      };
      const settle = (error: OutboundError | null, outcome?: HopOutcome): void => finish(() => (error ? reject(error) : resolve(outcome as HopOutcome)));
      const onAbort = (): void => settle(signal.reason as OutboundError);
      signal.addEventListener('abort', onAbort, { once: true });

      // Covers resolving the host too.
      connectTimer = setTimeout(() => {
        settle(new OutboundError('timeout', `connecting to ${endpoint} timed out after ${formatSeconds(this.options.connectTimeoutMs)}`));
      }, this.options.connectTimeoutMs);

      const exchange = (connection: http.RequestOptions): void => {
        if (settled) return;
        let sent: http.ClientRequest;
        try {
          sent = clientRequest = (url.protocol === 'https:' ? https : http).request({
            hostname: host,
            port,
            path: `${url.pathname}${url.search}`,
            method: request.method ?? 'GET',
            headers: this.buildHeaders(request),
            ...connection,
          });
        } catch (error) {
          settle(describeTransportError(error, host, endpoint));
          return;
        }
        sent.once('socket', (socket) => {
          const onConnect = (): void => clearTimeout(connectTimer);
          if (socket.connecting) socket.once('connect', onConnect);
          else onConnect();
        });
        // ClientRequest arms this only once the socket is connected, so it measures silence, not setup.
        sent.setTimeout(this.options.idleTimeoutMs, () => {
          settle(new OutboundError('timeout', `no data received from ${endpoint} for ${formatSeconds(this.options.idleTimeoutMs)}`));
        });
        sent.on('error', (error: NodeJS.ErrnoException) => {
          // A pooled connection the server closed while it sat idle: once more, on a new one.
          if (pooled && !answered && sent.reusedSocket && CLOSED_CONNECTION_CODES.has(error.code ?? '')) {
            finish(() => resolve(this.performHop(url, origin, request, signal, true)));
            return;
          }
          settle(describeTransportError(error, host, endpoint));
        });
        sent.on('response', (response) => {
          answered = true;
          const status = response.statusCode ?? 0;
          const outcome: HopOutcome | null = REDIRECT_STATUSES.has(status)
            ? { type: 'redirect', status, location: response.headers.location }
            : status < 200 || status > 299
              ? { type: 'answer', status, headers: response.headers, body: Buffer.alloc(0) }
              : null;
          if (outcome) {
            // Other error bodies are not read, and their connection is closed; an answer without a
            // body (a 304, above all) is read to its end so that its connection can be used again.
            if (pooled && hasNoBody(response)) {
              response.once('end', () => settle(null, outcome));
              // A connection dropped right after the headers still gave the answer.
              response.once('close', () => settle(null, outcome));
              response.resume();
            } else {
              settle(null, outcome);
            }
            return;
          }
          bodyReader = readResponseBody(response, { maxBodyBytes: this.options.maxBodyBytes, endpoint }, (error, body) => {
            if (error) settle(error);
            else settle(null, { type: 'answer', status, headers: response.headers, body: body ?? Buffer.alloc(0) });
          });
        });
        sent.end(request.body);
      };

      if (!pooled) {
        exchange({ agent: false, lookup });
      } else if (!lookup) {
        exchange(this.pool.connectionFor(url, null));
      } else {
        // Resolved and checked before a pooled connection is chosen, since a reused one skips lookup.
        lookup(host, { all: true }, (error, addresses) => {
          if (error) settle(describeTransportError(error, host, endpoint));
          else exchange(this.pool.connectionFor(url, addresses as LookupAddress[]));
        });
      }
    });
  }

  /** Closes the connections kept open for reuse. */
  close(): void {
    this.pool.close();
  }
}
