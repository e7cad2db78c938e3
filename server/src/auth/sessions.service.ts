import { Inject, Injectable } from '@nestjs/common';
import type { LoginResponse } from '@sentinel/shared';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { UserEntity } from '../database/entities';
import { AuthEvents } from './auth-events';
import { AuthRepository } from './auth.repository';
import { LoginLimiter } from './login-limiter';
import { decoyHash, MAX_PASSWORD_LENGTH, verifyPassword } from './password';
import { randomSecret, sha256 } from './secrets';
import { TooManyRequestsError, UnauthenticatedError } from '../common/domain-error';

export interface NewSession {
  /** The cookie's value; only its hash is stored. */
  id: string;
  expiresAt: number;
  user: LoginResponse['user'];
}

/** Sign-ins refused for a while; the exception filter sends Retry-After. */
export class TooManyAttempts extends TooManyRequestsError {
  constructor(retryAfterSec: number) {
    super(`too many failed sign-ins; try again in ${Math.max(1, Math.ceil(retryAfterSec / 60))} minute(s)`, retryAfterSec);
  }
}

/** Signing in and out. Failures are counted per account and per address (LoginLimiter). */
@Injectable()
export class SessionsService {
  readonly limiter = new LoginLimiter();

  constructor(
    private readonly repository: AuthRepository,
    private readonly events: AuthEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, address: string): Promise<NewSession> {
    const account = email.trim().toLowerCase().slice(0, 320);
    const wait = this.limiter.retryAfterSec(account, address);
    if (wait > 0) throw new TooManyAttempts(wait);
    const user = await this.repository.userByEmail(account);
    // Unknown accounts cost a hash too, so response time does not tell which e-mails exist.
    const ok = password.length <= MAX_PASSWORD_LENGTH && (await verifyPassword(password, user?.passwordHash ?? (await decoyHash())));
    if (!user || !ok) {
      this.limiter.fail(account, address);
      throw new UnauthenticatedError('wrong e-mail or password');
    }
    this.limiter.succeed(account, address);
    return this.start(user);
  }

  async start(user: UserEntity): Promise<NewSession> {
    const now = Date.now();
    const id = randomSecret();
    const expiresAt = now + this.config.auth.sessionTtlMs;
    await this.repository.insertSession({ idHash: sha256(id), userId: user.id, csrfToken: randomSecret(), createdAt: now, expiresAt });
    await this.repository.updateUser(user.id, { lastLoginAt: now });
    return { id, expiresAt, user: { id: user.id, email: user.email, role: user.role } };
  }

  async logout(sessionHash: string): Promise<void> {
    await this.repository.deleteSession(sessionHash);
    this.events.revoked({ kind: 'sessions', idHashes: [sessionHash] });
  }
}
