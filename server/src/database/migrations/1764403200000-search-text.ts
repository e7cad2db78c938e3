import { MigrationInterface, QueryRunner } from 'typeorm';
import { storySearchText } from '../columns';

/**
 * Search reads a stored column of folded words (`search_text`, from the shared normaliser) on both
 * databases, so that "Hassake" finds "Hassaké", "احمد" finds "أحمد" and "evasion" finds
 * "l'évasion" on PostgreSQL as on SQLite, with no extension to install. Existing stories are
 * filled in here.
 *
 * SQLite: the FTS5 table indexes that column with the `ascii` tokenizer, which splits only where
 * the normaliser put a space. PostgreSQL: a GIN index over the column's words.
 */
export class SearchText1764403200000 implements MigrationInterface {
  name = 'SearchText1764403200000';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = runner.connection.options.type === 'postgres';
    await runner.query(postgres ? `ALTER TABLE "stories" ADD "search_text" text NOT NULL DEFAULT ''` : `ALTER TABLE "stories" ADD COLUMN "search_text" text NOT NULL DEFAULT ('')`);
    await fillSearchText(runner);
    const statements = postgres ? POSTGRES_UP : SQLITE_UP;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.options.type === 'postgres' ? POSTGRES_DOWN : SQLITE_DOWN;
    for (const sql of statements) await runner.query(sql);
  }
}

const BATCH = 500;

async function fillSearchText(runner: QueryRunner): Promise<void> {
  const postgres = runner.connection.options.type === 'postgres';
  const update = postgres ? 'UPDATE "stories" SET "search_text" = $1 WHERE "id" = $2' : 'UPDATE "stories" SET "search_text" = ? WHERE "id" = ?';
  const select = postgres
    ? 'SELECT "id", "title", "summary" FROM "stories" WHERE "id" > $1 ORDER BY "id" LIMIT $2'
    : 'SELECT "id", "title", "summary" FROM "stories" WHERE "id" > ? ORDER BY "id" LIMIT ?';
  let after = 0;
  for (;;) {
    const rows: { id: number; title: string; summary: string }[] = await runner.query(select, [after, BATCH]);
    for (const row of rows) await runner.query(update, [storySearchText(row.title, row.summary), row.id]);
    if (rows.length < BATCH) return;
    after = Number(rows[rows.length - 1].id);
  }
}

const SQLITE_UP = [
  'DROP TRIGGER "stories_fts_ai"',
  'DROP TRIGGER "stories_fts_ad"',
  'DROP TRIGGER "stories_fts_au"',
  'DROP TABLE "stories_fts"',
  `CREATE VIRTUAL TABLE "stories_fts" USING fts5(search_text, content='stories', content_rowid='id', tokenize='ascii')`,
  `CREATE TRIGGER "stories_fts_ai" AFTER INSERT ON "stories" BEGIN INSERT INTO "stories_fts"(rowid, search_text) VALUES (new.id, new.search_text); END`,
  `CREATE TRIGGER "stories_fts_ad" AFTER DELETE ON "stories" BEGIN INSERT INTO "stories_fts"("stories_fts", rowid, search_text) VALUES ('delete', old.id, old.search_text); END`,
  `CREATE TRIGGER "stories_fts_au" AFTER UPDATE OF search_text ON "stories" BEGIN INSERT INTO "stories_fts"("stories_fts", rowid, search_text) VALUES ('delete', old.id, old.search_text); INSERT INTO "stories_fts"(rowid, search_text) VALUES (new.id, new.search_text); END`,
  `INSERT INTO "stories_fts"("stories_fts") VALUES ('rebuild')`,
];

const SQLITE_DOWN = [
  'DROP TRIGGER "stories_fts_ai"',
  'DROP TRIGGER "stories_fts_ad"',
  'DROP TRIGGER "stories_fts_au"',
  'DROP TABLE "stories_fts"',
  'ALTER TABLE "stories" DROP COLUMN "search_text"',
  `CREATE VIRTUAL TABLE "stories_fts" USING fts5(title, summary, content='stories', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
  `CREATE TRIGGER "stories_fts_ai" AFTER INSERT ON "stories" BEGIN INSERT INTO "stories_fts"(rowid, title, summary) VALUES (new.id, new.title, new.summary); END`,
  `CREATE TRIGGER "stories_fts_ad" AFTER DELETE ON "stories" BEGIN INSERT INTO "stories_fts"("stories_fts", rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary); END`,
  `CREATE TRIGGER "stories_fts_au" AFTER UPDATE OF title, summary ON "stories" BEGIN INSERT INTO "stories_fts"("stories_fts", rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary); INSERT INTO "stories_fts"(rowid, title, summary) VALUES (new.id, new.title, new.summary); END`,
  `INSERT INTO "stories_fts"("stories_fts") VALUES ('rebuild')`,
];

const POSTGRES_UP = [
  'DROP INDEX "stories_search_idx"',
  // The column holds words separated by single spaces; the index holds each word as it is.
  `CREATE INDEX "stories_search_idx" ON "stories" USING GIN (string_to_array("search_text", ' '))`,
];

const POSTGRES_DOWN = [
  'DROP INDEX "stories_search_idx"',
  'ALTER TABLE "stories" DROP COLUMN "search_text"',
  `CREATE INDEX "stories_search_idx" ON "stories" USING GIN (to_tsvector('simple', "title" || ' ' || "summary"))`,
];
