import { MigrationInterface, QueryRunner } from 'typeorm';

/** Feeds, stories, and each outlet's copy of a story, plus full-text search for each driver. */
export class Initial1764057600000 implements MigrationInterface {
  name = 'Initial1764057600000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.options.type === 'postgres' ? POSTGRES_UP : SQLITE_UP;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type !== 'postgres') {
      await runner.query('DROP TABLE IF EXISTS "stories_fts"');
    }
    await runner.query('DROP TABLE "story_sources"');
    await runner.query('DROP TABLE "stories"');
    await runner.query('DROP TABLE "feeds"');
  }
}

const SQLITE_UP = [
  `CREATE TABLE "feeds" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "url" varchar(2048) NOT NULL, "title" varchar(500) NOT NULL, "title_from_user" boolean NOT NULL DEFAULT (0), "site_url" varchar(2048), "feed_group" varchar(200), "enabled" boolean NOT NULL DEFAULT (1), "interval_sec" integer, "status" varchar(16) NOT NULL DEFAULT ('pending'), "last_error" text, "last_polled_at" bigint, "last_success_at" bigint, "latest_item_at" bigint, "next_poll_at" bigint NOT NULL, "failing_since" bigint, "consecutive_failures" integer NOT NULL DEFAULT (0), "publish_interval_sec" integer, "etag" varchar(500), "last_modified" varchar(100), "moved_from" varchar(2048), "created_at" bigint NOT NULL)`,
  `CREATE UNIQUE INDEX "feeds_url_unique" ON "feeds" ("url")`,
  `CREATE INDEX "feeds_next_poll_idx" ON "feeds" ("next_poll_at")`,
  `CREATE TABLE "stories" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "canonical_url" varchar(2048), "url" varchar(2048), "title" varchar(500) NOT NULL, "summary" text NOT NULL, "published_at" bigint NOT NULL, "first_seen_at" bigint NOT NULL, "updated_at" bigint NOT NULL, "feed_id" integer, "feed_title" varchar(500) NOT NULL, CONSTRAINT "FK_4c188e3e0f10a3fdfa2aafc19d9" FOREIGN KEY ("feed_id") REFERENCES "feeds" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
  `CREATE UNIQUE INDEX "stories_canonical_url_unique" ON "stories" ("canonical_url")`,
  `CREATE INDEX "stories_feed_idx" ON "stories" ("feed_id")`,
  `CREATE INDEX "stories_published_idx" ON "stories" ("published_at", "id")`,
  `CREATE TABLE "story_sources" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "story_id" integer NOT NULL, "feed_id" integer, "feed_title" varchar(500) NOT NULL, "guid_key" varchar(600) NOT NULL, "url" varchar(2048), "content_hash" varchar(64) NOT NULL, "first_seen_at" bigint NOT NULL, CONSTRAINT "FK_7684cffcc427d15154822191cdf" FOREIGN KEY ("story_id") REFERENCES "stories" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_1134c7278143cb3243db2e93d3a" FOREIGN KEY ("feed_id") REFERENCES "feeds" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
  `CREATE INDEX "story_sources_story_idx" ON "story_sources" ("story_id")`,
  `CREATE UNIQUE INDEX "story_sources_feed_guid_unique" ON "story_sources" ("feed_id", "guid_key")`,
  // External-content FTS5 index kept in step with "stories" by triggers.
  `CREATE VIRTUAL TABLE "stories_fts" USING fts5(title, summary, content='stories', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
  `CREATE TRIGGER "stories_fts_ai" AFTER INSERT ON "stories" BEGIN INSERT INTO "stories_fts"(rowid, title, summary) VALUES (new.id, new.title, new.summary); END`,
  `CREATE TRIGGER "stories_fts_ad" AFTER DELETE ON "stories" BEGIN INSERT INTO "stories_fts"("stories_fts", rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary); END`,
  `CREATE TRIGGER "stories_fts_au" AFTER UPDATE OF title, summary ON "stories" BEGIN INSERT INTO "stories_fts"("stories_fts", rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary); INSERT INTO "stories_fts"(rowid, title, summary) VALUES (new.id, new.title, new.summary); END`,
];

const POSTGRES_UP = [
  `CREATE TABLE "feeds" ("id" SERIAL NOT NULL, "url" character varying(2048) NOT NULL, "title" character varying(500) NOT NULL, "title_from_user" boolean NOT NULL DEFAULT false, "site_url" character varying(2048), "feed_group" character varying(200), "enabled" boolean NOT NULL DEFAULT true, "interval_sec" integer, "status" character varying(16) NOT NULL DEFAULT 'pending', "last_error" text, "last_polled_at" bigint, "last_success_at" bigint, "latest_item_at" bigint, "next_poll_at" bigint NOT NULL, "failing_since" bigint, "consecutive_failures" integer NOT NULL DEFAULT '0', "publish_interval_sec" integer, "etag" character varying(500), "last_modified" character varying(100), "moved_from" character varying(2048), "created_at" bigint NOT NULL, CONSTRAINT "PK_3dafbf766ecbb1eb2017732153f" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "feeds_url_unique" ON "feeds" ("url")`,
  `CREATE INDEX "feeds_next_poll_idx" ON "feeds" ("next_poll_at")`,
  `CREATE TABLE "stories" ("id" SERIAL NOT NULL, "canonical_url" character varying(2048), "url" character varying(2048), "title" character varying(500) NOT NULL, "summary" text NOT NULL, "published_at" bigint NOT NULL, "first_seen_at" bigint NOT NULL, "updated_at" bigint NOT NULL, "feed_id" integer, "feed_title" character varying(500) NOT NULL, CONSTRAINT "PK_bb6f880b260ed96c452b32a39f0" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "stories_canonical_url_unique" ON "stories" ("canonical_url")`,
  `CREATE INDEX "stories_feed_idx" ON "stories" ("feed_id")`,
  `CREATE INDEX "stories_published_idx" ON "stories" ("published_at", "id")`,
  `CREATE TABLE "story_sources" ("id" SERIAL NOT NULL, "story_id" integer NOT NULL, "feed_id" integer, "feed_title" character varying(500) NOT NULL, "guid_key" character varying(600) NOT NULL, "url" character varying(2048), "content_hash" character varying(64) NOT NULL, "first_seen_at" bigint NOT NULL, CONSTRAINT "PK_4928bfd2a1b1850780e769b713f" PRIMARY KEY ("id"))`,
  `CREATE INDEX "story_sources_story_idx" ON "story_sources" ("story_id")`,
  `CREATE UNIQUE INDEX "story_sources_feed_guid_unique" ON "story_sources" ("feed_id", "guid_key")`,
  `ALTER TABLE "stories" ADD CONSTRAINT "FK_4c188e3e0f10a3fdfa2aafc19d9" FOREIGN KEY ("feed_id") REFERENCES "feeds"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
  `ALTER TABLE "story_sources" ADD CONSTRAINT "FK_7684cffcc427d15154822191cdf" FOREIGN KEY ("story_id") REFERENCES "stories"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "story_sources" ADD CONSTRAINT "FK_1134c7278143cb3243db2e93d3a" FOREIGN KEY ("feed_id") REFERENCES "feeds"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
  // Expression index for full-text search; 'simple' keeps every language's words as they are.
  `CREATE INDEX "stories_search_idx" ON "stories" USING GIN (to_tsvector('simple', "title" || ' ' || "summary"))`,
];
