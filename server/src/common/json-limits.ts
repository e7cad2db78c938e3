import type { NextFunction, Request, Response } from 'express';

/**
 * Limits on what a request may carry, checked once, after the body parsers and before any
 * route: JSON nested deeper than any API shape (class-transformer and the validators recurse
 * over a body, so a body thousands of levels deep would overflow the stack), and NUL
 * characters anywhere in the URL or the body (PostgreSQL refuses NUL in text, so one would
 * become a 500 there while SQLite stores it; XML forbids it too). Both answer 400 and say what
 * to fix.
 */

/** Deeper than any API request body needs (they are at most three levels deep). */
export const MAX_JSON_DEPTH = 64;

/** A refusal in the shape body-parser errors have, so the app's body-error handler answers it. */
export class RequestContentError extends Error {
  readonly status = 400;
  readonly statusCode = 400;
  constructor(
    readonly type: 'entity.too.deep' | 'entity.nul.character',
    message: string,
  ) {
    super(message);
    this.name = 'RequestContentError';
  }
}

/** The first problem with a parsed JSON body, or null. Iterative, so depth costs no stack. */
export function jsonBodyProblem(body: unknown, maxDepth = MAX_JSON_DEPTH): RequestContentError | null {
  const pending: { value: unknown; depth: number; path: string }[] = [{ value: body, depth: 0, path: '' }];
  while (pending.length > 0) {
    const { value, depth, path } = pending.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\0')) return nulError(path ? `request body field ${path}` : 'request body');
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth) {
      return new RequestContentError('entity.too.deep', `request body is nested too deeply (more than ${maxDepth} levels of objects and arrays); send a flatter body`);
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, depth: depth + 1, path: `${path}[${index}]` }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\0')) return nulError(`a request body field name${path ? ` in ${path}` : ''}`);
      pending.push({ value: item, depth: depth + 1, path: path ? `${path}.${key}` : key });
    }
  }
  return null;
}

/** Express middleware: refuses a request whose URL or body breaks the limits above. */
export function requestContentLimits(req: Request, _res: Response, next: NextFunction): void {
  // A NUL reaches the query or a path parameter only as %00 (raw NUL bytes end at the HTTP parser).
  if (/%00/i.test(req.originalUrl ?? req.url)) return next(nulError('the URL'));
  const body: unknown = req.body;
  if (typeof body === 'string') return next(body.includes('\0') ? nulError('request body') : undefined);
  if (body !== undefined && body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return next(jsonBodyProblem(body) ?? undefined);
  next();
}

function nulError(where: string): RequestContentError {
  return new RequestContentError('entity.nul.character', `${where} contains a NUL character (\\u0000), which is not allowed; remove it`);
}
