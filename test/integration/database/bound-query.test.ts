import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { findEntities, queryBound, updateById } from '../../../server/src/database/bound-query';
import { appendChanges } from '../../../server/src/database/change-log';
import { openDatabase } from '../../../server/src/database/data-source';
import { Database, isUniqueViolation } from '../../../server/src/database/database';
import { ChangeEventEntity, FeedEntity } from '../../../server/src/database/entities';
import { insertMany } from '../../../server/src/database/insert-many';
import { StoriesRepository } from '../../../server/src/stories/stories.repository';
import { testConfig, testDatabase, TEST_DATABASE, type TestDatabase } from '../../support/test-database';

const feedRow = (n: number, overrides: Partial<FeedEntity> = {}): Partial<FeedEntity> => ({
  url: `https://news${n}.example/rss`,
  title: `Desk ${n}`,
  titleFromUser: n % 2 === 0,
  enabled: true,
  nextPollAt: 1_764_000_000_000 + n,
  createdAt: 1_764_000_000_000,
  ...overrides,
});

/**
 * The SQL each statement of `work` needs prepared: on SQLite what better-sqlite3 is asked to
 * prepare (the bound statements keep theirs), on PostgreSQL every text sent (it prepares each).
 */
async function statementsPrepared(dataSource: DataSource, work: () => Promise<unknown>): Promise<string[]> {
  const texts: string[] = [];
  const spy =
    TEST_DATABASE === 'sqlite'
      ? jest.spyOn((dataSource.driver as unknown as { databaseConnection: { prepare(sql: string): unknown } }).databaseConnection, 'prepare')
      : jest.spyOn(Client.prototype, 'query' as never);
  try {
    await work();
    for (const [sql] of spy.mock.calls as unknown[][]) texts.push(typeof sql === 'string' ? sql : (sql as { text: string }).text);
  } finally {
    spy.mockRestore();
  }
  return texts.filter((sql) => !/^(BEGIN|START TRANSACTION|COMMIT)/.test(sql));
}

describe(`bound statements (${TEST_DATABASE})`, () => {
  let db: TestDatabase;
  let database: Database;
  let dataSource: DataSource;

  beforeEach(async () => {
    db = testDatabase();
    dataSource = await openDatabase(testConfig(db).database);
    database = new Database(dataSource);
  });

  afterEach(async () => {
    await database.close();
    await db.cleanup();
  });

  it('inserts rows in statements of several sizes and returns their ids in the order of the rows', async () => {
    const entries = Array.from({ length: 203 }, (_, i) => ({ kind: i % 2 ? ('story:new' as const) : ('feed:health' as const), subjectId: 1000 + i }));
    const ids = await database.write((m) => appendChanges(m, entries, 5));
    expect(ids).toHaveLength(203);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const stored = await dataSource.getRepository(ChangeEventEntity).find({ order: { id: 'ASC' } });
    expect(stored.map((row) => [row.id, row.kind, row.subjectId, row.createdAt])).toEqual(entries.map((e, i) => [ids[i], e.kind, e.subjectId, 5]));
  });

  it('leaves a property a row does not set to its column default, and stores values as TypeORM reads them back', async () => {
    const rows = [feedRow(1), feedRow(2, { status: 'ok', intervalSec: 600 }), feedRow(3)];
    const ids = await database.write((m) => insertMany(m, FeedEntity, rows));
    const stored = await dataSource.getRepository(FeedEntity).findBy({});
    const byId = new Map(stored.map((feed) => [feed.id, feed]));
    expect(ids.map((id) => byId.get(id)?.url)).toEqual(rows.map((r) => r.url));
    expect(byId.get(ids[0])).toMatchObject({ status: 'pending', intervalSec: null, titleFromUser: false, enabled: true, nextPollAt: 1_764_000_000_001, consecutiveFailures: 0 });
    expect(byId.get(ids[1])).toMatchObject({ status: 'ok', intervalSec: 600, titleFromUser: true });
  });

  it('updates only the properties given and reads entities as TypeORM does', async () => {
    const [id] = await database.write((m) => insertMany(m, FeedEntity, [feedRow(1)]));
    expect(await database.write((m) => updateById(m, FeedEntity, id, { status: 'error', enabled: false, lastError: 'HTTP 500', failingSince: 42 }))).toBe(true);
    expect(await database.write((m) => updateById(m, FeedEntity, id + 1, { status: 'ok' }))).toBe(false);
    const [bound] = await findEntities(dataSource.manager, FeedEntity, '"id" = ?', [id]);
    const typeorm = await dataSource.getRepository(FeedEntity).findOneByOrFail({ id });
    expect(bound).toBeInstanceOf(FeedEntity);
    expect(bound).toEqual(typeorm);
    expect(bound).toMatchObject({ status: 'error', enabled: false, lastError: 'HTTP 500', failingSince: 42, title: 'Desk 1', titleFromUser: false });
  });

  it('gives a statement the same SQL whatever its values, so that it is prepared once', async () => {
    const stories = new StoriesRepository(database);
    // Five rows go as four and one, so the two-row INSERT below is new.
    const [first, second] = await database.write((m) => insertMany(m, FeedEntity, [1, 2, 3, 4, 5].map((n) => feedRow(n))));
    const hotStatements = (n: number, id: number) => async () => {
      await database.write(async (m) => {
        await updateById(m, FeedEntity, id, { lastPolledAt: n, nextPollAt: n + 60_000 });
        await appendChanges(m, [{ kind: 'feed:health', subjectId: id }], n);
        await insertMany(m, FeedEntity, [feedRow(10 * n), feedRow(10 * n + 1)]);
      });
      await findEntities(dataSource.manager, FeedEntity, '"id" = ?', [id]);
      await stories.idsAfter(n, 50);
      await queryBound(dataSource.manager, 'SELECT COUNT(*) AS "count" FROM "feeds" WHERE "enabled" = ?', [n % 2 === 0]);
    };
    const once = await statementsPrepared(dataSource, hotStatements(1, first));
    expect(once).toHaveLength(6);
    const again = await statementsPrepared(dataSource, hotStatements(2, second));
    // SQLite prepares nothing the second time; PostgreSQL is sent the very same texts.
    expect(again).toEqual(TEST_DATABASE === 'sqlite' ? [] : once);
  });

  it('reports a unique violation as TypeORM does, and takes part in the transaction it rolls back', async () => {
    await database.write((m) => insertMany(m, FeedEntity, [feedRow(1)]));
    const failure = await database
      .write(async (m) => {
        await insertMany(m, FeedEntity, [feedRow(7)]);
        await insertMany(m, FeedEntity, [feedRow(1)]);
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'QueryFailedError' });
    expect(isUniqueViolation(failure)).toBe(true);
    expect((await dataSource.getRepository(FeedEntity).find()).map((feed) => feed.url)).toEqual([feedRow(1).url]);
  });
});
