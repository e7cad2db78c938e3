import { CSRF_HEADER, type ApiError } from '@sentinel/shared';
import { wallToken } from './wall-token';

/**
 * The one place the client talks HTTP to the API. Every failure becomes an ApiRequestError whose
 * message is fit to show a person: the server's own `{statusCode, error, message}` when it sent
 * one, otherwise a sentence about what went wrong on the way.
 *
 * It also carries who is asking: a wall's bearer token when this tab has one (lib/wall-token),
 * otherwise the session cookie (same origin) plus the CSRF token that `/api/auth/me` handed out,
 * kept in memory and sent on every unsafe method. A 401 outside `/api/auth/` tells whoever
 * listens (the session gate) that the session is gone.
 */
export type ApiErrorKind = 'http' | 'network' | 'invalid-response';

export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly statusCode: number | null = null,
    readonly error: string | null = null,
    /** Set by the server on 409 for a duplicate feed. */
    readonly existingId: number | null = null,
    /** From `Retry-After` (429 after repeated failed sign-ins), in seconds. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }

  get isNotFound(): boolean {
    return this.statusCode === 404;
  }

  get isUnauthorized(): boolean {
    return this.statusCode === 401;
  }
}

// --- Who is asking ---------------------------------------------------------------------------

let csrfToken: string | null = null;

/** Set from `GET /api/auth/me` at start and after sign-in; cleared on sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CallerCredentials {
  bearerToken: string | null;
  csrfToken: string | null;
}

/**
 * The headers that say who is asking. A bearer token needs nothing else; a cookie session adds the
 * CSRF token to unsafe methods only (a GET must not leak it into logs or caches, and needs none).
 */
export function authHeaders(method: string, credentials: CallerCredentials): Record<string, string> {
  if (credentials.bearerToken) return { Authorization: `Bearer ${credentials.bearerToken}` };
  if (credentials.csrfToken && !SAFE_METHODS.has(method.toUpperCase())) return { [CSRF_HEADER]: credentials.csrfToken };
  return {};
}

function currentCredentials(): CallerCredentials {
  return { bearerToken: wallToken(), csrfToken };
}

type UnauthorizedListener = (url: string) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called on a 401 from any route outside `/api/auth/` (whose 401s mean "wrong password", not "signed out"). */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

function reportUnauthorized(url: string): void {
  if (url.startsWith('/api/auth/')) return;
  for (const listener of unauthorizedListeners) listener(url);
}

/** Seconds from a `Retry-After` header: a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export type QueryParams = Record<string, string | number | readonly string[] | undefined | null>;

export function buildUrl(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) search.append(key, item);
    } else {
      search.set(key, String(value));
    }
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.statusCode === 'number' && typeof record.message === 'string';
}

async function errorFromResponse(response: Response): Promise<ApiRequestError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy or a crashed server can answer with HTML or nothing; fall back to the status line.
  }
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  if (isApiError(body)) {
    return new ApiRequestError('http', body.message, body.statusCode, body.error ?? null, body.existingId ?? null, retryAfter);
  }
  const reason = response.statusText ? ` ${response.statusText}` : '';
  return new ApiRequestError('http', `The server answered HTTP ${response.status}${reason}.`, response.status, null, null, retryAfter);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** A JSON body (serialised here) or raw text with its own content type. */
  json?: unknown;
  text?: { body: string; contentType: string };
  /** Headers of the request's meaning (e.g. Accept-Language); who is asking is added here. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function apiRequest<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers, ...authHeaders(method, currentCredentials()) };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.text) {
    headers['Content-Type'] = options.text.contentType;
    body = options.text.body;
  }
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, signal: options.signal, credentials: 'same-origin' });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError('network', 'Cannot reach the server. Check that it is running and that this computer is online.');
  }
  if (!response.ok) {
    if (response.status === 401) reportUnauthorized(url);
    throw await errorFromResponse(response);
  }
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiRequestError('invalid-response', `The server sent a response to ${url} that is not valid JSON.`, response.status);
  }
}

export function apiGet<T>(path: string, params?: QueryParams, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(buildUrl(path, params), { signal });
}

/** A message for any thrown value, for showing in the interface. */
export function describeError(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
