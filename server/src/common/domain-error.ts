/**
 * What services throw when a request cannot be done, in the domain's words. Services know no
 * HTTP; the one exception filter (http-exception.filter.ts) maps each kind to a status, so a
 * service can be called from a controller, a socket handler, a CLI or a test alike.
 * `message` is written for the person who made the request.
 */
export type DomainErrorKind = 'invalid' | 'unauthenticated' | 'not-found' | 'conflict' | 'forbidden' | 'too-many-requests';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
}

/** The input cannot be acted on (a bad URL, an unknown region, a malformed file). */
export class InvalidInputError extends DomainError {
  override readonly name: string = 'InvalidInputError';
  readonly kind = 'invalid';
}

/** The thing asked for does not exist (or the caller may not know that it does). */
export class NotFoundError extends DomainError {
  override readonly name: string = 'NotFoundError';
  readonly kind = 'not-found';
}

/** The request clashes with the current state; `existingId` names the row it clashes with, when there is one. */
export class ConflictError extends DomainError {
  override readonly name: string = 'ConflictError';
  readonly kind = 'conflict';

  constructor(
    message: string,
    readonly existingId?: number,
  ) {
    super(message);
  }
}

/** The caller could not be told apart from anyone else (wrong credentials). */
export class UnauthenticatedError extends DomainError {
  override readonly name: string = 'UnauthenticatedError';
  readonly kind = 'unauthenticated';
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  override readonly name: string = 'ForbiddenError';
  readonly kind = 'forbidden';
}

/** Not now: try again after `retryAfterSec` seconds. */
export class TooManyRequestsError extends DomainError {
  override readonly name: string = 'TooManyRequestsError';
  readonly kind = 'too-many-requests';

  constructor(
    message: string,
    readonly retryAfterSec: number,
  ) {
    super(message);
  }
}
