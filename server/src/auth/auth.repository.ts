import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { Database } from '../database/database';
import { ApiTokenEntity, SessionEntity, UserEntity } from '../database/entities';

/** Every query of users, sessions and tokens; nothing else in the server touches these tables. */
@Injectable()
export class AuthRepository {
  constructor(private readonly db: Database) {}

  private get users() {
    return this.db.dataSource.getRepository(UserEntity);
  }

  userCount(): Promise<number> {
    return this.users.count();
  }

  adminCount(): Promise<number> {
    return this.users.count({ where: { role: 'admin' } });
  }

  userById(id: number): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  userByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ email });
  }

  listUsers(): Promise<UserEntity[]> {
    return this.users.find({ order: { id: 'ASC' } });
  }

  insertUser(user: Omit<UserEntity, 'id'>): Promise<UserEntity> {
    return this.db.write(async (manager) => {
      const { identifiers } = await manager.insert(UserEntity, user);
      return manager.findOneByOrFail(UserEntity, { id: identifiers[0].id as number });
    });
  }

  async updateUser(id: number, changes: Partial<UserEntity>): Promise<void> {
    await this.db.write((manager) => manager.update(UserEntity, { id }, changes));
  }

  /** Deletes the user with their sessions (cascade); tokens they created stay, with no creator. */
  async deleteUser(id: number): Promise<boolean> {
    return this.db.write(async (manager) => ((await manager.delete(UserEntity, { id })).affected ?? 0) > 0);
  }

  async insertSession(session: SessionEntity): Promise<void> {
    await this.db.write(async (manager) => {
      await manager.delete(SessionEntity, { expiresAt: LessThan(session.createdAt) });
      await manager.insert(SessionEntity, session);
    });
  }

  /** The session and its user, if the session exists and has not expired. */
  async session(idHash: string, now: number): Promise<{ session: SessionEntity; user: UserEntity } | null> {
    const session = await this.db.dataSource.getRepository(SessionEntity).findOne({ where: { idHash }, relations: { user: true } });
    if (!session || !session.user || session.expiresAt <= now) return null;
    return { session, user: session.user };
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.write((manager) => manager.delete(SessionEntity, { idHash }));
  }

  /** Ends every session of a user, except `keep` (the one changing its own password). Returns the ended ids. */
  async deleteSessionsOf(userId: number, keep?: string): Promise<string[]> {
    return this.db.write(async (manager) => {
      const rows = await manager.find(SessionEntity, { where: { userId }, select: { idHash: true } });
      const ended = rows.map((r) => r.idHash).filter((h) => h !== keep);
      if (ended.length) await manager.delete(SessionEntity, ended.map((idHash) => ({ idHash })));
      return ended;
    });
  }

  insertToken(token: Omit<ApiTokenEntity, 'id'>): Promise<ApiTokenEntity> {
    return this.db.write(async (manager) => {
      const { identifiers } = await manager.insert(ApiTokenEntity, token);
      return manager.findOneByOrFail(ApiTokenEntity, { id: identifiers[0].id as number });
    });
  }

  tokenByHash(tokenHash: string): Promise<ApiTokenEntity | null> {
    return this.db.dataSource.getRepository(ApiTokenEntity).findOneBy({ tokenHash });
  }

  tokenById(id: number): Promise<ApiTokenEntity | null> {
    return this.db.dataSource.getRepository(ApiTokenEntity).findOneBy({ id });
  }

  listTokens(): Promise<ApiTokenEntity[]> {
    return this.db.dataSource.getRepository(ApiTokenEntity).find({ order: { id: 'ASC' } });
  }

  async deleteToken(id: number): Promise<boolean> {
    return this.db.write(async (manager) => ((await manager.delete(ApiTokenEntity, { id })).affected ?? 0) > 0);
  }

  async touchToken(id: number, at: number): Promise<void> {
    await this.db.write((manager) => manager.update(ApiTokenEntity, { id }, { lastUsedAt: at }));
  }
}
