import type { ApiError } from '@sentinel/shared';

/**
 * The one place the client talks HTTP to the API. Every failure becomes an ApiRequestError whose
 * message is fit to show a person: the server's own `{statusCode, error, message}` when it sent
 * one, otherwise a sentence about what went wrong on the way.
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
  ) {
    super(message);
  }

  get isNotFound(): boolean {
    return this.statusCode === 404;
  }
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
  if (isApiError(body)) {
    return new ApiRequestError('http', body.message, body.statusCode, body.error ?? null, body.existingId ?? null);
  }
  const reason = response.statusText ? ` ${response.statusText}` : '';
  return new ApiRequestError('http', `The server answered HTTP ${response.status}${reason}.`, response.status);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** A JSON body (serialised here) or raw text with its own content type. */
  json?: unknown;
  text?: { body: string; contentType: string };
  signal?: AbortSignal;
}

export async function apiRequest<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
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
    response = await fetch(url, { method: options.method ?? 'GET', headers, body, signal: options.signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError('network', 'Cannot reach the server. Check that it is running and that this computer is online.');
  }
  if (!response.ok) throw await errorFromResponse(response);
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
