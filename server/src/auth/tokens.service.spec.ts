import type { Principal } from '@sentinel/shared';
import type { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { openDatabase } from '../database/data-source';
import { Database } from '../database/database';
import { ApiTokenEntity, AuditEntity, UserEntity } from '../database/entities';
import type { TaxonomyLookup } from '../tagging/taxonomy-lookup';
import { AuthEvents, type Revocation } from './auth-events';
import { AuthRepository } from './auth.repository';
import { sha256 } from './secrets';
import { TokensService } from './tokens.service';

/** A taxonomy of one macro-region, two countries and one topic. */
const taxonomy: TaxonomyLookup = {
  resolveRegion: (id) => ({ SY: ['SY'], IQ: ['IQ'], levant: ['SY', 'IQ'] })[id] ?? null,
  isTopic: (id) => id === 'airstrike',
  macroRegionOf: () => null,
};

/** TokensService over an in-memory SQLite database. */
describe('TokensService', () => {
  let dataSource: DataSource;
  let service: TokensService;
  let revoked: Revocation[];
  let admin: Principal;

  beforeEach(async () => {
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    const db = new Database(dataSource);
    const events = new AuthEvents();
    revoked = [];
    events.onRevoked((r) => revoked.push(r));
    service = new TokensService(new AuthRepository(db), new AuditService(new AuditRepository(db)), events, taxonomy);
    const user = await dataSource.getRepository(UserEntity).save({ email: 'admin@example.org', passwordHash: 'x', role: 'admin', createdAt: 0, lastLoginAt: null });
    admin = { kind: 'user', userId: user.id, tokenId: null, role: 'admin', label: user.email, scope: { regions: [], topics: [] } };
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  it('returns the secret once and stores only its hash', async () => {
    const created = await service.create(admin, { name: '  Ops room wall  ', role: 'wall' });
    expect(created.token).toMatch(/^swt_/);
    const row = await dataSource.getRepository(ApiTokenEntity).findOneByOrFail({ id: created.id });
    expect(row.tokenHash).toBe(sha256(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const [listed] = await service.list();
    expect(listed).toEqual({ id: created.id, name: 'Ops room wall', role: 'wall', regions: [], topics: [], createdAt: expect.any(String), expiresAt: null, lastUsedAt: null, createdBy: admin.userId });
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it('keeps a scope of known regions and topics, each once', async () => {
    await service.create(admin, { name: 'Levant wall', role: 'wall', regions: ['levant', 'SY', 'levant'], topics: ['airstrike', 'airstrike'] });
    expect((await service.list())[0]).toMatchObject({ regions: ['levant', 'SY'], topics: ['airstrike'] });
  });

  it.each([
    ['an unknown region', { regions: ['atlantis'] }, /unknown region "atlantis"/],
    ['an unknown topic', { topics: ['weather'] }, /unknown topic "weather"/],
    ['an expiry in the past', { expiresAt: new Date(Date.now() - 1000).toISOString() }, /expiresAt must be in the future/],
  ])('refuses %s and stores nothing', async (_case, extra, message) => {
    await expect(service.create(admin, { name: 'Wall', role: 'wall', ...extra })).rejects.toThrow(message);
    expect(await service.list()).toEqual([]);
  });

  it('revokes at once, tells the sockets, and records who did it', async () => {
    const { id } = await service.create(admin, { name: 'Wall', role: 'wall' });
    await service.revoke(admin, id);
    expect(await service.list()).toEqual([]);
    expect(revoked).toEqual([{ kind: 'token', tokenId: id }]);
    const actions = (await dataSource.getRepository(AuditEntity).find({ order: { id: 'ASC' } })).map((a) => a.action);
    expect(actions).toEqual(['token.create', 'token.revoke']);
  });

  it('refuses to revoke a token that does not exist, announcing nothing', async () => {
    await expect(service.revoke(admin, 999)).rejects.toThrow(/token 999 does not exist/);
    expect(revoked).toEqual([]);
  });
});
