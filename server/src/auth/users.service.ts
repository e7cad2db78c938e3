import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Principal, UpdateUserRequest, User, UserRole } from '@sentinel/shared';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/config';
import { isUniqueViolation } from '../database/database';
import type { UserEntity } from '../database/entities';
import { AuthEvents } from './auth-events';
import { AuthRepository } from './auth.repository';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { randomSecret, safeEqual } from './secrets';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/domain-error';

const SETUP_TTL_MS = 3_600_000;
const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}$/;

/** Work another room must do before a user disappears (e.g. alerts disables the user's rules). */
export type UserRemovalHook = (userId: number) => Promise<void>;

/**
 * People: the first admin, the one-time setup link, and the admins' user management. The last
 * admin can be neither deleted nor demoted, so the product never locks itself out.
 */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  private setup: { token: string; expiresAt: number } | null = null;
  private readonly removalHooks: UserRemovalHook[] = [];

  constructor(
    private readonly repository: AuthRepository,
    private readonly audit: AuditService,
    private readonly events: AuthEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.repository.userCount()) > 0) return;
    const { adminEmail, adminPassword } = this.config.auth;
    if (adminEmail && adminPassword) {
      const admin = await this.insert(adminEmail, adminPassword, 'admin');
      await this.audit.record(null, { action: 'user.create', subjectType: 'user', subjectId: admin.id, detail: `first admin ${admin.email} from ADMIN_EMAIL` });
      this.logger.log(`created the first admin ${admin.email} (from ADMIN_EMAIL)`);
      return;
    }
    this.setup = { token: randomSecret(), expiresAt: Date.now() + SETUP_TTL_MS };
  }

  /** The path of the one-time setup link while no user exists (startApp prints it with the address). */
  setupPath(): string | null {
    if (!this.setup || this.setup.expiresAt <= Date.now()) return null;
    return `/setup?token=${this.setup.token}`;
  }

  async setupNeeded(): Promise<boolean> {
    return (await this.repository.userCount()) === 0;
  }

  /** Creates the first admin with the token of the setup link; the link works once. */
  async completeSetup(token: string, email: string, password: string): Promise<UserEntity> {
    if (!(await this.setupNeeded())) throw new ConflictError('setup is already done; sign in instead');
    const setup = this.setup;
    if (!setup || setup.expiresAt <= Date.now() || !safeEqual(token, setup.token)) {
      throw new ForbiddenError('the setup link is not valid or has expired (it lasts an hour); restart the server for a new one, printed in its log');
    }
    const problem = passwordProblem(password);
    if (problem) throw new InvalidInputError(problem);
    normaliseEmail(email);
    this.setup = null; // consumed before the first await that could let a second request in
    const admin = await this.insert(email, password, 'admin');
    await this.audit.record(null, { action: 'user.create', subjectType: 'user', subjectId: admin.id, detail: `first admin ${admin.email} through the setup link` });
    return admin;
  }

  onRemove(hook: UserRemovalHook): void {
    this.removalHooks.push(hook);
  }

  async list(): Promise<User[]> {
    return (await this.repository.listUsers()).map(toUser);
  }

  async get(id: number): Promise<UserEntity> {
    const user = await this.repository.userById(id);
    if (!user) throw new NotFoundError(`user ${id} does not exist`);
    return user;
  }

  async create(caller: Principal, email: string, password: string, role: UserRole): Promise<User> {
    const user = await this.insert(email, password, role);
    await this.audit.record(caller, { action: 'user.create', subjectType: 'user', subjectId: user.id, detail: `${user.email} as ${role}` });
    return toUser(user);
  }

  /**
   * Admins change anything; anyone else only their own password, with the current one.
   * `keepSession` is the caller's own session, which survives their own password change.
   */
  async update(caller: Principal, id: number, request: UpdateUserRequest, keepSession?: string): Promise<User> {
    const self = caller.kind === 'user' && caller.userId === id;
    if (caller.role !== 'admin') {
      if (!self) throw new ForbiddenError('only an admin can change another user');
      if (request.email !== undefined || request.role !== undefined) throw new ForbiddenError('only an admin can change e-mail addresses and roles; you may change your own password');
    }
    const user = await this.get(id);
    // Your own password needs the current one (a session left open must not be enough); an admin resetting another's does not.
    if (self && request.password !== undefined) {
      if (!request.currentPassword || !(await verifyPassword(request.currentPassword, user.passwordHash))) {
        throw new InvalidInputError('currentPassword is wrong: send your current password to set a new one');
      }
    }
    const changes: Partial<UserEntity> = {};
    const said: string[] = [];
    if (request.email !== undefined) {
      changes.email = normaliseEmail(request.email);
      said.push(`e-mail ${user.email} → ${changes.email}`);
    }
    if (request.role !== undefined && request.role !== user.role) {
      if (user.role === 'admin' && (await this.repository.adminCount()) <= 1) throw new ConflictError('this is the last admin; make another user admin first');
      changes.role = request.role;
      said.push(`role ${user.role} → ${request.role}`);
    }
    if (request.password !== undefined) {
      const problem = passwordProblem(request.password);
      if (problem) throw new InvalidInputError(problem);
      changes.passwordHash = await hashPassword(request.password);
      said.push('password changed');
    }
    if (said.length === 0) return toUser(user);
    try {
      await this.repository.updateUser(id, changes);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`a user with e-mail ${changes.email} already exists`);
      throw error;
    }
    // A new password or role ends the user's other sessions: whoever held them signs in again.
    if (changes.passwordHash || changes.role) {
      const ended = await this.repository.deleteSessionsOf(id, self ? keepSession : undefined);
      if (ended.length) this.events.revoked({ kind: 'sessions', idHashes: ended });
    }
    await this.audit.record(caller, { action: 'user.update', subjectType: 'user', subjectId: id, detail: `${user.email}: ${said.join(', ')}` });
    return toUser(await this.get(id));
  }

  async changeOwnPassword(caller: Principal, currentPassword: string, newPassword: string, keepSession?: string): Promise<void> {
    if (caller.kind !== 'user' || caller.userId === null) throw new ForbiddenError('a token has no password; sign in as a person to change yours');
    await this.update(caller, caller.userId, { password: newPassword, currentPassword }, keepSession);
  }

  /** Deletes a user; their alert rules and channels are disabled and kept, so the alert history stays. */
  async remove(caller: Principal, id: number): Promise<void> {
    const user = await this.get(id);
    if (user.role === 'admin' && (await this.repository.adminCount()) <= 1) throw new ConflictError('this is the last admin and cannot be deleted; make another user admin first');
    for (const hook of this.removalHooks) await hook(id);
    await this.repository.deleteUser(id);
    this.events.revoked({ kind: 'user', userId: id });
    await this.audit.record(caller, { action: 'user.delete', subjectType: 'user', subjectId: id, detail: user.email });
  }

  private async insert(email: string, password: string, role: UserRole): Promise<UserEntity> {
    const problem = passwordProblem(password);
    if (problem) throw new InvalidInputError(problem);
    const normalised = normaliseEmail(email);
    try {
      return await this.repository.insertUser({ email: normalised, passwordHash: await hashPassword(password), role, createdAt: Date.now(), lastLoginAt: null });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`a user with e-mail ${normalised} already exists`);
      throw error;
    }
  }
}

export function normaliseEmail(email: string): string {
  const value = email.trim().toLowerCase();
  if (!EMAIL.test(value)) throw new InvalidInputError('email must be an e-mail address such as analyst@example.org');
  return value;
}

export function toUser(user: UserEntity): User {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    createdAt: new Date(user.createdAt).toISOString(),
    lastLoginAt: user.lastLoginAt === null ? null : new Date(user.lastLoginAt).toISOString(),
  };
}
