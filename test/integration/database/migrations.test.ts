import { openDatabase } from '../../../server/src/database/data-source';
import { testConfig, testDatabase, TEST_DATABASE } from '../../support/test-database';

describe(`database schema (${TEST_DATABASE})`, () => {
  it('matches the entities exactly after the migrations run, so nothing relies on synchronize', async () => {
    const db = testDatabase();
    const dataSource = await openDatabase(testConfig(db).database);
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
      await db.cleanup();
    }
  });

  it('runs the migrations once: opening the database again changes nothing', async () => {
    const db = testDatabase();
    const config = testConfig(db);
    const first = await openDatabase(config.database);
    await first.query(`INSERT INTO feeds (url, title, next_poll_at, created_at) VALUES ('https://a.example/rss', 'A', 0, 0)`);
    await first.destroy();
    const second = await openDatabase(config.database);
    try {
      expect(await second.query('SELECT url FROM feeds')).toEqual([{ url: 'https://a.example/rss' }]);
    } finally {
      await second.destroy();
      await db.cleanup();
    }
  });

  if (TEST_DATABASE === 'sqlite') {
    it('opens SQLite in WAL mode with synchronous=FULL and a busy timeout', async () => {
      const db = testDatabase();
      const dataSource = await openDatabase(testConfig(db).database);
      try {
        expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
        expect(await dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
        expect(await dataSource.query('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
      } finally {
        await dataSource.destroy();
        await db.cleanup();
      }
    });
  }
});
