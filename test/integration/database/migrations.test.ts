import { DataSource } from 'typeorm';
import { dataSourceOptions, MIGRATIONS, openDatabase } from '../../../server/src/database/data-source';
import { SearchText1764403200000 } from '../../../server/src/database/migrations/1764403200000-search-text';
import { TagRowsByTime1764835200000 } from '../../../server/src/database/migrations/1764835200000-tag-rows-by-time';
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

  it('fills the folded search column of stories stored before it, and search finds them', async () => {
    const db = testDatabase();
    const config = testConfig(db);
    // The schema as it was before the search column: migrate, then undo the last migration.
    await openDatabase(config.database).then((d) => d.destroy());
    const before = new DataSource(dataSourceOptions(config.database));
    await before.initialize();
    const position = MIGRATIONS.indexOf(SearchText1764403200000);
    for (let i = MIGRATIONS.length - 1; i >= position; i--) await before.undoLastMigration({ transaction: 'each' });
    await before.query(
      `INSERT INTO stories (title, summary, published_at, first_seen_at, updated_at, feed_title) VALUES ('Prison riot in Hassaké', 'L’évasion de détenus', 0, 0, 0, 'A'), ('غـــزة', '', 0, 0, 0, 'A')`,
    );
    await before.destroy();
    const after = await openDatabase(config.database);
    try {
      const rows: { search_text: string }[] = await after.query('SELECT search_text FROM stories ORDER BY id');
      expect(rows.map((r) => r.search_text)).toEqual(['prison riot in hassake evasion de detenus', 'غزه']);
      const search =
        TEST_DATABASE === 'postgres'
          ? (words: string[]) => after.query(`SELECT title FROM stories WHERE string_to_array(search_text, ' ') @> $1::text[]`, [words])
          : (words: string[]) => after.query(`SELECT title FROM stories WHERE id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?)`, [words.map((w) => `"${w}"`).join(' ')]);
      expect(await search(['hassake', 'evasion'])).toEqual([{ title: 'Prison riot in Hassaké' }]);
      expect(await search(['غزه'])).toEqual([{ title: 'غـــزة' }]);
    } finally {
      await after.destroy();
      await db.cleanup();
    }
  });

  it("gives the tag rows stored before it their story's published time, and each story a row per macro-region of its countries", async () => {
    const db = testDatabase();
    const config = testConfig(db);
    await openDatabase(config.database).then((d) => d.destroy());
    const before = new DataSource(dataSourceOptions(config.database));
    await before.initialize();
    const position = MIGRATIONS.indexOf(TagRowsByTime1764835200000);
    for (let i = MIGRATIONS.length - 1; i >= position; i--) await before.undoLastMigration({ transaction: 'each' });
    // Story 12001 is in another batch of the fill than the others.
    await before.query(
      `INSERT INTO stories (id, title, summary, published_at, first_seen_at, updated_at, feed_title) VALUES (1, 'Airstrike in Idlib', '', 1000, 0, 0, 'A'), (2, 'Detainees moved to Iraq', '', 2000, 0, 0, 'A'), (3, 'Flooding', '', 3000, 0, 0, 'A'), (12001, 'Drone strike near Kharkiv', '', 4000, 0, 0, 'A')`,
    );
    await before.query(
      `INSERT INTO story_tags (story_id, kind, value) VALUES (1, 'region', 'SY'), (1, 'topic', 'airstrike'), (2, 'region', 'SY'), (2, 'region', 'IQ'), (12001, 'region', 'UA'), (12001, 'topic', 'airstrike')`,
    );
    await before.destroy();
    const after = await openDatabase(config.database);
    try {
      const rows: { story_id: number; kind: string; value: string; published_at: string | number }[] = await after.query('SELECT story_id, kind, value, published_at FROM story_tags ORDER BY story_id, kind, value');
      expect(rows.map((r) => `${r.story_id} ${r.kind}:${r.value} @${Number(r.published_at)}`)).toEqual([
        '1 macro:middle-east @1000',
        '1 region:SY @1000',
        '1 topic:airstrike @1000',
        '2 macro:middle-east @2000',
        '2 region:IQ @2000',
        '2 region:SY @2000',
        '12001 macro:europe @4000',
        '12001 region:UA @4000',
        '12001 topic:airstrike @4000',
      ]);
    } finally {
      await after.destroy();
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
