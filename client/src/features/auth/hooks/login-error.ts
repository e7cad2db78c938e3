import { ApiRequestError, describeError } from '../../../lib/api-client';

/**
 * What the sign-in form says when the server refuses: wrong credentials in plain words, and after
 * repeated failures (429) how long to wait, from the `Retry-After` header, in whole minutes.
 */
export function describeLoginError(error: unknown): string {
  if (error instanceof ApiRequestError && error.statusCode === 429) {
    if (error.retryAfterSeconds === null) return 'Too many attempts, try again later.';
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    return `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
  }
  if (error instanceof ApiRequestError && error.statusCode === 401) return 'Wrong e-mail or password.';
  return describeError(error);
}
