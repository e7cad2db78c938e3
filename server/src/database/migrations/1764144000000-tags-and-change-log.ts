import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Story tags (regions and topics, for filtering; the full tags with evidence as JSON on the
 * story), the operator's topic rules, and the change log that numbers live events.
 */
export class TagsAndChangeLog1764144000000 implements MigrationInterface {
  name = 'TagsAndChangeLog1764144000000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.options.type === 'postgres' ? POSTGRES_UP : SQLITE_UP;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE "change_events"');
    await runner.query('DROP TABLE "tagging_rules"');
    await runner.query('DROP TABLE "story_tags"');
    await runner.query('DROP INDEX "stories_first_seen_idx"');
    await runner.query('ALTER TABLE "stories" DROP COLUMN "tags"');
  }
}

const EMPTY_TAGS = `'{"regions":[],"topics":[],"places":[],"why":[]}'`;

const SQLITE_UP = [
  `ALTER TABLE "stories" ADD COLUMN "tags" text NOT NULL DEFAULT (${EMPTY_TAGS})`,
  `CREATE INDEX "stories_first_seen_idx" ON "stories" ("first_seen_at")`,
  `CREATE TABLE "story_tags" ("story_id" integer NOT NULL, "kind" varchar(8) NOT NULL, "value" varchar(64) NOT NULL, CONSTRAINT "FK_818bd0326f1417b77cb55f0b80f" FOREIGN KEY ("story_id") REFERENCES "stories" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("story_id", "kind", "value"))`,
  `CREATE INDEX "story_tags_lookup_idx" ON "story_tags" ("kind", "value", "story_id")`,
  `CREATE TABLE "tagging_rules" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "text" text NOT NULL, "created_at" bigint NOT NULL)`,
  `CREATE TABLE "change_events" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(32) NOT NULL, "subject_id" integer NOT NULL, "created_at" bigint NOT NULL)`,
  `CREATE INDEX "change_events_created_idx" ON "change_events" ("created_at")`,
];

const POSTGRES_UP = [
  `ALTER TABLE "stories" ADD "tags" text NOT NULL DEFAULT ${EMPTY_TAGS}`,
  `CREATE INDEX "stories_first_seen_idx" ON "stories" ("first_seen_at")`,
  `CREATE TABLE "story_tags" ("story_id" integer NOT NULL, "kind" character varying(8) NOT NULL, "value" character varying(64) NOT NULL, CONSTRAINT "PK_30852e61e86450bc27a26fde890" PRIMARY KEY ("story_id", "kind", "value"))`,
  `CREATE INDEX "story_tags_lookup_idx" ON "story_tags" ("kind", "value", "story_id")`,
  `ALTER TABLE "story_tags" ADD CONSTRAINT "FK_818bd0326f1417b77cb55f0b80f" FOREIGN KEY ("story_id") REFERENCES "stories"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `CREATE TABLE "tagging_rules" ("id" SERIAL NOT NULL, "text" text NOT NULL, "created_at" bigint NOT NULL, CONSTRAINT "PK_5bfd5899db1b7a9b5408d78c7c8" PRIMARY KEY ("id"))`,
  `CREATE TABLE "change_events" ("id" SERIAL NOT NULL, "kind" character varying(32) NOT NULL, "subject_id" integer NOT NULL, "created_at" bigint NOT NULL, CONSTRAINT "PK_b879f7f031c15bf2821d94ccd63" PRIMARY KEY ("id"))`,
  `CREATE INDEX "change_events_created_idx" ON "change_events" ("created_at")`,
];
