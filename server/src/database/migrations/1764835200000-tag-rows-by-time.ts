import { MigrationInterface, QueryRunner } from 'typeorm';
import { storyTagKeys } from '../../stories/story-filter-sql';

/**
 * Filtered pages that stop early (see stories/story-filter-sql.ts): each tag row carries its
 * story's published_at, under the index (kind, value, published_at, story_id) that replaces
 * (kind, value, story_id), and every story gets a row per macro-region of its countries. Rows of
 * stories stored before are filled in, a range of story ids at a time.
 *
 * SQLite cannot add a NOT NULL column without a default, so there the table is copied into its
 * new form (as TypeORM's own SQLite migrations do); PostgreSQL adds the column, fills it, then
 * makes it NOT NULL.
 */
export class TagRowsByTime1764835200000 implements MigrationInterface {
  name = 'TagRowsByTime1764835200000';

  async up(runner: QueryRunner): Promise<void> {
    const postgres = isPostgres(runner);
    const last = await lastStoryId(runner);
    if (postgres) {
      await runner.query('ALTER TABLE "story_tags" ADD "published_at" bigint');
      for (let after = 0; after < last; after += BATCH) {
        await runner.query('UPDATE "story_tags" t SET "published_at" = s."published_at" FROM "stories" s WHERE s."id" = t."story_id" AND t."story_id" > $1 AND t."story_id" <= $2', [after, after + BATCH]);
      }
      await runner.query('ALTER TABLE "story_tags" ALTER COLUMN "published_at" SET NOT NULL');
      await runner.query('DROP INDEX "story_tags_lookup_idx"');
    } else {
      await runner.query(
        `CREATE TABLE "temporary_story_tags" ("story_id" integer NOT NULL, "kind" varchar(8) NOT NULL, "value" varchar(64) NOT NULL, "published_at" bigint NOT NULL, CONSTRAINT "FK_818bd0326f1417b77cb55f0b80f" FOREIGN KEY ("story_id") REFERENCES "stories" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("story_id", "kind", "value"))`,
      );
      for (let after = 0; after < last; after += BATCH) {
        await runner.query(
          'INSERT INTO "temporary_story_tags" ("story_id", "kind", "value", "published_at") SELECT t."story_id", t."kind", t."value", s."published_at" FROM "story_tags" t INNER JOIN "stories" s ON s."id" = t."story_id" WHERE t."story_id" > ? AND t."story_id" <= ?',
          [after, after + BATCH],
        );
      }
      await runner.query('DROP TABLE "story_tags"');
      await runner.query('ALTER TABLE "temporary_story_tags" RENAME TO "story_tags"');
    }
    await rewriteMacroRegionRows(runner);
    await runner.query('CREATE INDEX "story_tags_published_idx" ON "story_tags" ("kind", "value", "published_at", "story_id")');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM "story_tags" WHERE "kind" = 'macro'`);
    await runner.query('DROP INDEX "story_tags_published_idx"');
    await runner.query('ALTER TABLE "story_tags" DROP COLUMN "published_at"');
    await runner.query('CREATE INDEX "story_tags_lookup_idx" ON "story_tags" ("kind", "value", "story_id")');
  }
}

/** Story ids per statement of a fill. */
const BATCH = 5000;
/** Rows per INSERT (four values each). */
const ROWS_PER_INSERT = 250;

function isPostgres(runner: QueryRunner): boolean {
  return runner.connection.options.type === 'postgres';
}

async function lastStoryId(runner: QueryRunner): Promise<number> {
  const [row]: { last: string | number | null }[] = await runner.query('SELECT MAX("id") AS "last" FROM "stories"');
  return Number(row?.last ?? 0);
}

/**
 * Writes every story's macro-region rows again from its country rows, as `storyTagKeys` (and so
 * the gazetteer of this release) has them. A release whose gazetteer moves a country to another
 * macro-region calls this from a migration of its own.
 */
export async function rewriteMacroRegionRows(runner: QueryRunner): Promise<void> {
  const postgres = isPostgres(runner);
  const bind = (index: number) => (postgres ? `$${index + 1}` : '?');
  const last = await lastStoryId(runner);
  for (let after = 0; after < last; after += BATCH) {
    const range = [after, after + BATCH];
    await runner.query(`DELETE FROM "story_tags" WHERE "kind" = 'macro' AND "story_id" > ${bind(0)} AND "story_id" <= ${bind(1)}`, range);
    const countries: { story_id: number | string; value: string; published_at: number | string }[] = await runner.query(
      `SELECT "story_id", "value", "published_at" FROM "story_tags" WHERE "kind" = 'region' AND "story_id" > ${bind(0)} AND "story_id" <= ${bind(1)}`,
      range,
    );
    const byStory = new Map<number, { publishedAt: number; regions: string[] }>();
    for (const row of countries) {
      const story = byStory.get(Number(row.story_id)) ?? { publishedAt: Number(row.published_at), regions: [] };
      story.regions.push(row.value);
      byStory.set(Number(row.story_id), story);
    }
    const rows = [...byStory].flatMap(([storyId, story]) =>
      storyTagKeys({ regions: story.regions, topics: [] })
        .filter((key) => key.kind === 'macro')
        .map((key) => [storyId, key.kind, key.value, story.publishedAt]),
    );
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const part = rows.slice(start, start + ROWS_PER_INSERT);
      const tuples = part.map((_, row) => `(${[0, 1, 2, 3].map((column) => bind(row * 4 + column)).join(', ')})`);
      await runner.query(`INSERT INTO "story_tags" ("story_id", "kind", "value", "published_at") VALUES ${tuples.join(', ')}`, part.flat());
    }
  }
}
