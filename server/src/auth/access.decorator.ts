import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal, Role } from '@sentinel/shared';

/**
 * What a route needs, declared where the route is declared. Every route declares one: the
 * guard refuses a route without it (a test walks every route to make sure none is missing).
 * - `@Access('viewer')`: signed in with at least this role (`wall` < `viewer` < `analyst` < `admin`).
 * - `@Access('public')`: anyone, signed in or not (login, setup, health).
 */
export type AccessLevel = Role | 'public';
export const ACCESS_KEY = 'sentinel:access';
export const Access = (level: AccessLevel) => SetMetadata(ACCESS_KEY, level);

/** The request's caller, attached by the guard; null on a public route called anonymously. */
export interface AuthenticatedRequest {
  principal?: Principal | null;
  /** The session id when the caller signed in with the cookie (CSRF applies), else undefined. */
  sessionId?: string;
  csrfToken?: string;
}

/** Injects the caller (`Principal`) into a handler. On non-public routes it is never null. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return request.principal as Principal;
});

/** Like Caller, but null for an anonymous caller of a public route. */
export const OptionalCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Principal | null => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return request.principal ?? null;
});
