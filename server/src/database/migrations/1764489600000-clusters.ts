import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events (clusters/): the clusters table, the analysts' merges and splits, publisher families,
 * each story's cluster and copy-of, and each feed's outlet and tier. Columns are added in place
 * on both databases (on SQLite a rebuild of `stories` would drop the search triggers).
 */
export class Clusters1764489600000 implements MigrationInterface {
  name = 'Clusters1764489600000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.options.type === 'postgres' ? POSTGRES_UP : SQLITE_UP;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX "stories_cluster_idx"');
    for (const [table, column] of [['stories', 'copy_of'], ['stories', 'cluster_id'], ['feeds', 'tier'], ['feeds', 'outlet']]) {
      await runner.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
    }
    for (const table of ['publisher_families', 'cluster_overrides', 'clusters']) await runner.query(`DROP TABLE "${table}"`);
  }
}

const SQLITE_UP = [
  `CREATE TABLE "clusters" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "headline_story_id" integer, "first_seen_at" bigint NOT NULL, "updated_at" bigint NOT NULL, "story_count" integer NOT NULL DEFAULT (0), "outlets" integer NOT NULL DEFAULT (0), "independent" integer NOT NULL DEFAULT (0), "breaking" boolean NOT NULL DEFAULT (0), "regions" varchar(2000) NOT NULL DEFAULT (''), "topics" varchar(2000) NOT NULL DEFAULT (''), "search_text" text NOT NULL DEFAULT (''), "summary" text NOT NULL DEFAULT ('{}'))`,
  `CREATE INDEX "clusters_updated_idx" ON "clusters" ("updated_at", "id")`,
  `CREATE TABLE "cluster_overrides" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "kind" varchar(16) NOT NULL, "cluster_id" integer NOT NULL, "target_id" integer NOT NULL, "story_ids" text NOT NULL DEFAULT ('[]'), "created_at" bigint NOT NULL)`,
  `CREATE INDEX "cluster_overrides_cluster_idx" ON "cluster_overrides" ("cluster_id")`,
  `CREATE TABLE "publisher_families" ("outlet" varchar(253) PRIMARY KEY NOT NULL, "family" varchar(253) NOT NULL)`,
  `ALTER TABLE "feeds" ADD COLUMN "outlet" varchar(253)`,
  `ALTER TABLE "feeds" ADD COLUMN "tier" varchar(16)`,
  `ALTER TABLE "stories" ADD COLUMN "cluster_id" integer`,
  `ALTER TABLE "stories" ADD COLUMN "copy_of" integer`,
  `CREATE INDEX "stories_cluster_idx" ON "stories" ("cluster_id")`,
];

const POSTGRES_UP = [
  `CREATE TABLE "clusters" ("id" SERIAL NOT NULL, "headline_story_id" integer, "first_seen_at" bigint NOT NULL, "updated_at" bigint NOT NULL, "story_count" integer NOT NULL DEFAULT '0', "outlets" integer NOT NULL DEFAULT '0', "independent" integer NOT NULL DEFAULT '0', "breaking" boolean NOT NULL DEFAULT false, "regions" character varying(2000) NOT NULL DEFAULT '', "topics" character varying(2000) NOT NULL DEFAULT '', "search_text" text NOT NULL DEFAULT '', "summary" text NOT NULL DEFAULT '{}', CONSTRAINT "PK_56c8e201f375e1e961dcdd6831c" PRIMARY KEY ("id"))`,
  `CREATE INDEX "clusters_updated_idx" ON "clusters" ("updated_at", "id")`,
  `CREATE TABLE "cluster_overrides" ("id" SERIAL NOT NULL, "kind" character varying(16) NOT NULL, "cluster_id" integer NOT NULL, "target_id" integer NOT NULL, "story_ids" text NOT NULL DEFAULT '[]', "created_at" bigint NOT NULL, CONSTRAINT "PK_c173413908cf2320e31e0e23388" PRIMARY KEY ("id"))`,
  `CREATE INDEX "cluster_overrides_cluster_idx" ON "cluster_overrides" ("cluster_id")`,
  `CREATE TABLE "publisher_families" ("outlet" character varying(253) NOT NULL, "family" character varying(253) NOT NULL, CONSTRAINT "PK_e6be93aa1c3248cd979e953ac8b" PRIMARY KEY ("outlet"))`,
  `ALTER TABLE "feeds" ADD "outlet" character varying(253)`,
  `ALTER TABLE "feeds" ADD "tier" character varying(16)`,
  `ALTER TABLE "stories" ADD "cluster_id" integer`,
  `ALTER TABLE "stories" ADD "copy_of" integer`,
  `CREATE INDEX "stories_cluster_idx" ON "stories" ("cluster_id")`,
];
