import type { Principal } from '@sentinel/shared';
import type { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/config';
import { openDatabase } from '../database/data-source';
import { Database } from '../database/database';
import { SessionEntity, UserEntity } from '../database/entities';
import { AuthEvents, type Revocation } from './auth-events';
import { AuthRepository } from './auth.repository';
import { UsersService } from './users.service';

const PASSWORD = 'correct horse battery';
const config = { auth: { adminEmail: null, adminPassword: null } } as unknown as AppConfig;

const asUser = (user: UserEntity): Principal => ({ kind: 'user', userId: user.id, tokenId: null, role: user.role, label: user.email, scope: { regions: [], topics: [] } });

/** UsersService over an in-memory SQLite database. */
describe('UsersService', () => {
  let dataSource: DataSource;
  let service: UsersService;
  let revoked: Revocation[];
  let admin: UserEntity;

  const user = async (email: string, role: UserEntity['role']) => {
    const created = await service.create(asUser(admin), email, PASSWORD, role);
    return (await dataSource.getRepository(UserEntity).findOneByOrFail({ id: created.id })) as UserEntity;
  };
  const sessionsOf = async (userId: number) => (await dataSource.getRepository(SessionEntity).find({ where: { userId }, order: { idHash: 'ASC' } })).map((s) => s.idHash);
  const signIn = (userId: number, idHash: string) =>
    dataSource.getRepository(SessionEntity).insert({ idHash, userId, csrfToken: 'c'.repeat(64), createdAt: Date.now(), expiresAt: Date.now() + 3600_000 });

  beforeEach(async () => {
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    const db = new Database(dataSource);
    const events = new AuthEvents();
    revoked = [];
    events.onRevoked((r) => revoked.push(r));
    service = new UsersService(new AuthRepository(db), new AuditService(new AuditRepository(db)), events, config);
    await service.onApplicationBootstrap();
    const path = service.setupPath() as string;
    admin = await service.completeSetup(new URL(path, 'http://x').searchParams.get('token') as string, 'Admin@Example.org', PASSWORD);
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  it('makes the first admin once, through the setup link', async () => {
    expect(admin).toMatchObject({ email: 'admin@example.org', role: 'admin' });
    await expect(service.completeSetup('anything', 'second@example.org', PASSWORD)).rejects.toThrow(/setup is already done/);
  });

  describe('the last admin', () => {
    it('cannot be demoted', async () => {
      await expect(service.update(asUser(admin), admin.id, { role: 'analyst' })).rejects.toThrow(/last admin/);
      expect((await service.get(admin.id)).role).toBe('admin');
    });

    it('cannot be deleted', async () => {
      await expect(service.remove(asUser(admin), admin.id)).rejects.toThrow(/last admin/);
    });

    it('can step down once another admin exists', async () => {
      await user('second@example.org', 'admin');
      expect(await service.update(asUser(admin), admin.id, { role: 'viewer' })).toMatchObject({ role: 'viewer' });
    });
  });

  describe('changing your own password', () => {
    it('needs your current password', async () => {
      const analyst = await user('analyst@example.org', 'analyst');
      await expect(service.update(asUser(analyst), analyst.id, { password: 'a brand new passphrase' })).rejects.toThrow(/currentPassword is wrong/);
      await expect(service.update(asUser(analyst), analyst.id, { password: 'a brand new passphrase', currentPassword: 'not it at all' })).rejects.toThrow(/currentPassword is wrong/);
      await service.update(asUser(analyst), analyst.id, { password: 'a brand new passphrase', currentPassword: PASSWORD });
    });

    it('ends your other sessions but keeps the one you changed it from', async () => {
      const analyst = await user('analyst@example.org', 'analyst');
      await signIn(analyst.id, 'a'.repeat(64));
      await signIn(analyst.id, 'b'.repeat(64));
      await service.changeOwnPassword(asUser(analyst), PASSWORD, 'a brand new passphrase', 'a'.repeat(64));
      expect(await sessionsOf(analyst.id)).toEqual(['a'.repeat(64)]);
      expect(revoked).toEqual([{ kind: 'sessions', idHashes: ['b'.repeat(64)] }]);
    });

    it("is all a non-admin may change: not someone else's, not a role", async () => {
      const analyst = await user('analyst@example.org', 'analyst');
      const other = await user('other@example.org', 'viewer');
      await expect(service.update(asUser(analyst), other.id, { password: 'a brand new passphrase' })).rejects.toThrow(/only an admin/);
      await expect(service.update(asUser(analyst), analyst.id, { role: 'admin' })).rejects.toThrow(/only an admin/);
    });
  });

  it("lets an admin reset someone else's password without theirs", async () => {
    const analyst = await user('analyst@example.org', 'analyst');
    await service.update(asUser(admin), analyst.id, { password: 'reset by the admin' });
  });

  it('ends every session of a user whose role changes', async () => {
    const analyst = await user('analyst@example.org', 'analyst');
    await signIn(analyst.id, 'a'.repeat(64));
    await signIn(analyst.id, 'b'.repeat(64));
    await service.update(asUser(admin), analyst.id, { role: 'viewer' });
    expect(await sessionsOf(analyst.id)).toEqual([]);
    expect(revoked).toEqual([{ kind: 'sessions', idHashes: ['a'.repeat(64), 'b'.repeat(64)] }]);
  });

  it('keeps sessions when nothing that grants access changes', async () => {
    const analyst = await user('analyst@example.org', 'analyst');
    await signIn(analyst.id, 'a'.repeat(64));
    await service.update(asUser(admin), analyst.id, { email: 'renamed@example.org', role: 'analyst' });
    expect(await sessionsOf(analyst.id)).toEqual(['a'.repeat(64)]);
    expect(revoked).toEqual([]);
  });

  it('runs the removal hooks before a user is deleted, and announces it', async () => {
    const analyst = await user('analyst@example.org', 'analyst');
    const hooked: number[] = [];
    service.onRemove(async (id) => void hooked.push(id));
    await service.remove(asUser(admin), analyst.id);
    expect(hooked).toEqual([analyst.id]);
    expect(revoked).toEqual([{ kind: 'user', userId: analyst.id }]);
    await expect(service.get(analyst.id)).rejects.toThrow(/does not exist/);
  });

  it('refuses a second account with the same e-mail, whatever its case', async () => {
    await user('analyst@example.org', 'analyst');
    await expect(user('Analyst@Example.org', 'viewer')).rejects.toThrow(/already exists/);
  });
});
