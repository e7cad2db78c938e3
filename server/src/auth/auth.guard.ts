import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CSRF_HEADER, roleAtLeast } from '@sentinel/shared';
import type { Request } from 'express';
import { ACCESS_KEY, AccessLevel, AuthenticatedRequest } from './access.decorator';
import { Authenticator } from './authenticator';
import { safeEqual } from './secrets';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one door of every HTTP route (registered globally). It reads the route's `@Access`
 * declaration, authenticates the caller (bearer token or session cookie), checks the role, and
 * for cookie sessions checks the CSRF header on unsafe methods. A route without a declaration is
 * refused, never public; a test walks every route to keep it that way.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // sockets are checked by the gateway on connect
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const level = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    if (!level) {
      this.logger.error(`${request.method} ${request.path} has no @Access declaration; refusing it`);
      throw new ForbiddenException('this route declares no access level, so nobody may use it');
    }
    const auth = await this.authenticator.authenticate({ authorization: request.headers.authorization, cookie: request.headers.cookie });
    request.principal = auth.kind === 'session' || auth.kind === 'token' ? auth.principal : null;
    if (auth.kind === 'session') {
      request.sessionId = auth.sessionHash;
      request.csrfToken = auth.csrfToken;
    }
    if (level === 'public') return true;
    if (auth.kind === 'invalid') throw new UnauthorizedException(auth.reason);
    if (auth.kind === 'anonymous') throw new UnauthorizedException('sign in first (POST /api/auth/login), or send a token as "Authorization: Bearer <token>"');
    if (auth.kind === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER.toLowerCase()];
      if (typeof sent !== 'string' || !safeEqual(sent, auth.csrfToken)) {
        throw new ForbiddenException(`missing or wrong ${CSRF_HEADER} header: send the csrfToken from GET /api/auth/me with every change`);
      }
    }
    if (!roleAtLeast(auth.principal.role, level)) {
      throw new ForbiddenException(`this needs the ${level} role; ${auth.principal.label} has the ${auth.principal.role} role`);
    }
    return true;
  }
}
