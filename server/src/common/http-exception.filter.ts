import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiError } from '@sentinel/shared';
import type { Response } from 'express';
import { ConflictError, DomainError, type DomainErrorKind, TooManyRequestsError } from './domain-error';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The one place a domain error becomes an HTTP status. */
export const DOMAIN_ERROR_STATUS: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  'too-many-requests': HttpStatus.TOO_MANY_REQUESTS,
};

/** The response for a domain error thrown by a service: status, body and (for 429) Retry-After. */
export function domainErrorResponse(error: DomainError): { body: ApiError; headers: Record<string, string> } {
  const statusCode = DOMAIN_ERROR_STATUS[error.kind];
  const body: ApiError = { statusCode, error: REASONS[statusCode], message: error.message };
  if (error instanceof ConflictError && error.existingId !== undefined) body.existingId = error.existingId;
  const headers: Record<string, string> = error instanceof TooManyRequestsError ? { 'Retry-After': String(error.retryAfterSec) } : {};
  return { body, headers };
}

/** Every error leaves as `{statusCode, error, message}`; no stack traces in responses. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<{ method: string; url: string }>();
    let body: ApiError;
    const unreadableBody = bodyParserError(exception);
    if (exception instanceof DomainError) {
      const mapped = domainErrorResponse(exception);
      for (const [name, value] of Object.entries(mapped.headers)) response.setHeader(name, value);
      body = mapped.body;
    } else if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const raw = exception.getResponse();
      const details = typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>);
      const message = Array.isArray(details.message) ? details.message.join('; ') : String(details.message ?? exception.message);
      body = { statusCode, error: REASONS[statusCode] ?? String(details.error ?? 'Error'), message };
      if (typeof details.existingId === 'number') body.existingId = details.existingId;
    } else if (unreadableBody) {
      body = unreadableBody;
    } else {
      this.logger.error(`${request.method} ${request.url} failed: ${(exception as Error)?.stack ?? String(exception)}`);
      body = { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, error: REASONS[500], message: 'internal error; the server log has the details' };
    }
    response.status(body.statusCode).json(body);
  }
}

interface BodyParserError { status: number; type: string; message: string; limit?: number }

const BODY_MESSAGES: Record<string, (e: BodyParserError) => string> = {
  'entity.too.large': (e) => `request body is too large${e.limit ? ` (at most ${Math.round(e.limit / 1024)} KiB)` : ''}`,
  'entity.parse.failed': () => 'request body is not valid JSON',
  'encoding.unsupported': () => 'request body has an unsupported character set; send UTF-8',
};

/** The error response for a body-parser failure (bad JSON, body too large), or null for anything else. */
export function bodyParserError(e: unknown): ApiError | null {
  const candidate = e as Partial<BodyParserError>;
  if (typeof candidate?.status !== 'number' || candidate.status < 400 || candidate.status >= 500 || typeof candidate.type !== 'string') return null;
  const statusCode = candidate.status;
  const message = BODY_MESSAGES[candidate.type]?.(candidate as BodyParserError) ?? String(candidate.message);
  return { statusCode, error: REASONS[statusCode] ?? 'Bad Request', message };
}
