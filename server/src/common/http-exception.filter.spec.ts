import type { ArgumentsHost } from '@nestjs/common';
import { Logger, NotFoundException } from '@nestjs/common';
import { ConflictError, type DomainError, ForbiddenError, InvalidInputError, NotFoundError, TooManyRequestsError } from './domain-error';
import { HttpExceptionFilter } from './http-exception.filter';

/** Runs the filter on `error` and returns what the client would receive. */
function respond(error: unknown): { status: number; headers: Record<string, string>; body: unknown } {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const response = {
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: unknown) => (sent.body = body),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ method: 'GET', url: '/api/x' }) }) } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(error, host);
  return sent;
}

describe('HttpExceptionFilter and domain errors', () => {
  it.each<[DomainError, number, string]>([
    [new InvalidInputError('url: not a feed'), 400, 'Bad Request'],
    [new NotFoundError('feed 9 does not exist'), 404, 'Not Found'],
    [new ConflictError('a re-tag is already running'), 409, 'Conflict'],
    [new ForbiddenError('only the owner may change this rule'), 403, 'Forbidden'],
  ])('maps %p to %i', (error, statusCode, reason) => {
    const sent = respond(error);
    expect(sent.status).toBe(statusCode);
    expect(sent.body).toEqual({ statusCode, error: reason, message: error.message });
    expect(sent.headers).toEqual({});
  });

  it('names the row a conflict is with', () => {
    expect(respond(new ConflictError('already subscribed: feed 7 has this URL', 7)).body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'already subscribed: feed 7 has this URL',
      existingId: 7,
    });
  });

  it('answers too-many-requests with 429 and Retry-After', () => {
    const sent = respond(new TooManyRequestsError('feeds.example.org already has 2 poll(s) running', 30));
    expect(sent.status).toBe(429);
    expect(sent.headers).toEqual({ 'Retry-After': '30' });
    expect(sent.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  });

  it('still maps Nest exceptions, and hides anything else behind a 500 without details', () => {
    expect(respond(new NotFoundException('story 1 does not exist')).body).toEqual({ statusCode: 404, error: 'Not Found', message: 'story 1 does not exist' });
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const sent = respond(new Error('SQLITE_BUSY at /srv/app/x.ts:1'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('SQLITE_BUSY');
    expect(logged).toHaveBeenCalledTimes(1);
  });
});
