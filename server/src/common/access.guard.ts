import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';

/**
 * Every HTTP route passes through this guard (registered globally in AppModule). There are no
 * accounts yet, so it lets every request through; authentication with roles slots in here
 * (read the session or token, attach the user, refuse with 401/403) without touching the
 * controllers.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  canActivate(_context: ExecutionContext): boolean {
    return true;
  }
}
