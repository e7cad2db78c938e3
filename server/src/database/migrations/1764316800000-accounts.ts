import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts: users, sessions, bearer tokens, the audit log; alert rules and channels get an owner.
 * On SQLite the two alert tables are rebuilt to add the foreign key (TypeORM turns foreign keys
 * off while migrations run, so the rebuild does not cascade into alerts).
 */
export class Accounts1764316800000 implements MigrationInterface {
  name = 'Accounts1764316800000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.options.type === 'postgres' ? POSTGRES_UP : SQLITE_UP;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    if (runner.connection.options.type === 'postgres') {
      await runner.query('ALTER TABLE "alert_rules" DROP COLUMN "owner_id"');
      await runner.query('ALTER TABLE "alert_channels" DROP COLUMN "owner_id"');
    }
    for (const table of ['audit_log', 'api_tokens', 'sessions', 'users']) await runner.query(`DROP TABLE "${table}"`);
  }
}

const SQLITE_UP = [
  `CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(320) NOT NULL, "password_hash" varchar(300) NOT NULL, "role" varchar(16) NOT NULL, "created_at" bigint NOT NULL, "last_login_at" bigint)`,
  `CREATE UNIQUE INDEX "users_email_unique" ON "users" ("email")`,
  `CREATE TABLE "sessions" ("id_hash" varchar(64) PRIMARY KEY NOT NULL, "user_id" integer NOT NULL, "csrf_token" varchar(64) NOT NULL, "created_at" bigint NOT NULL, "expires_at" bigint NOT NULL, CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
  `CREATE INDEX "sessions_user_idx" ON "sessions" ("user_id")`,
  `CREATE INDEX "sessions_expires_idx" ON "sessions" ("expires_at")`,
  `CREATE TABLE "api_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "token_hash" varchar(64) NOT NULL, "name" varchar(200) NOT NULL, "role" varchar(16) NOT NULL, "regions" text NOT NULL DEFAULT ('[]'), "topics" text NOT NULL DEFAULT ('[]'), "created_by" integer, "created_at" bigint NOT NULL, "expires_at" bigint, "last_used_at" bigint, CONSTRAINT "FK_d895512b38605026594ab6266b9" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
  `CREATE UNIQUE INDEX "api_tokens_hash_unique" ON "api_tokens" ("token_hash")`,
  `CREATE TABLE "audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" bigint NOT NULL, "actor" varchar(320), "actor_user_id" integer, "actor_token_id" integer, "action" varchar(64) NOT NULL, "subject_type" varchar(32) NOT NULL, "subject_id" integer, "detail" text NOT NULL)`,
  `CREATE TABLE "temporary_alert_rules" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "query" text NOT NULL, "mode" varchar(16) NOT NULL, "severity" varchar(16) NOT NULL, "channels" text NOT NULL DEFAULT ('[]'), "cooldown_sec" integer NOT NULL, "threshold" integer NOT NULL DEFAULT (1), "window_sec" integer NOT NULL DEFAULT (3600), "enabled" boolean NOT NULL DEFAULT (1), "muted" boolean NOT NULL DEFAULT (0), "snoozed_until" bigint, "last_fired_at" bigint, "last_alert_id" integer, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL, "owner_id" integer, CONSTRAINT "FK_8b1001f36fdde9362b977144216" FOREIGN KEY ("owner_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
  `INSERT INTO "temporary_alert_rules"("id", "name", "query", "mode", "severity", "channels", "cooldown_sec", "threshold", "window_sec", "enabled", "muted", "snoozed_until", "last_fired_at", "last_alert_id", "created_at", "updated_at") SELECT "id", "name", "query", "mode", "severity", "channels", "cooldown_sec", "threshold", "window_sec", "enabled", "muted", "snoozed_until", "last_fired_at", "last_alert_id", "created_at", "updated_at" FROM "alert_rules"`,
  `DROP TABLE "alert_rules"`,
  `ALTER TABLE "temporary_alert_rules" RENAME TO "alert_rules"`,
  `CREATE INDEX "alert_rules_owner_idx" ON "alert_rules" ("owner_id")`,
  `CREATE TABLE "temporary_alert_channels" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "type" varchar(16) NOT NULL, "name" varchar(200) NOT NULL, "target" varchar(2048) NOT NULL, "secret" varchar(500), "format" varchar(16) NOT NULL DEFAULT ('generic'), "enabled" boolean NOT NULL DEFAULT (1), "created_at" bigint NOT NULL, "owner_id" integer, CONSTRAINT "FK_62ea16dcb55fdc956cb2519fc05" FOREIGN KEY ("owner_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)`,
  `INSERT INTO "temporary_alert_channels"("id", "type", "name", "target", "secret", "format", "enabled", "created_at") SELECT "id", "type", "name", "target", "secret", "format", "enabled", "created_at" FROM "alert_channels"`,
  `DROP TABLE "alert_channels"`,
  `ALTER TABLE "temporary_alert_channels" RENAME TO "alert_channels"`,
  `CREATE INDEX "alert_channels_owner_idx" ON "alert_channels" ("owner_id")`,
];

const POSTGRES_UP = [
  `CREATE TABLE "users" ("id" SERIAL NOT NULL, "email" character varying(320) NOT NULL, "password_hash" character varying(300) NOT NULL, "role" character varying(16) NOT NULL, "created_at" bigint NOT NULL, "last_login_at" bigint, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "users_email_unique" ON "users"("email")`,
  `CREATE TABLE "sessions" ("id_hash" character varying(64) NOT NULL, "user_id" integer NOT NULL, "csrf_token" character varying(64) NOT NULL, "created_at" bigint NOT NULL, "expires_at" bigint NOT NULL, CONSTRAINT "PK_5dda86a77da1e1e37e690a45996" PRIMARY KEY ("id_hash"))`,
  `CREATE INDEX "sessions_user_idx" ON "sessions"("user_id")`,
  `CREATE INDEX "sessions_expires_idx" ON "sessions"("expires_at")`,
  `CREATE TABLE "api_tokens" ("id" SERIAL NOT NULL, "token_hash" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "role" character varying(16) NOT NULL, "regions" text NOT NULL DEFAULT '[]', "topics" text NOT NULL DEFAULT '[]', "created_by" integer, "created_at" bigint NOT NULL, "expires_at" bigint, "last_used_at" bigint, CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "api_tokens_hash_unique" ON "api_tokens"("token_hash")`,
  `CREATE TABLE "audit_log" ("id" SERIAL NOT NULL, "at" bigint NOT NULL, "actor" character varying(320), "actor_user_id" integer, "actor_token_id" integer, "action" character varying(64) NOT NULL, "subject_type" character varying(32) NOT NULL, "subject_id" integer, "detail" text NOT NULL, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
  `ALTER TABLE "alert_rules" ADD "owner_id" integer`,
  `ALTER TABLE "alert_channels" ADD "owner_id" integer`,
  `CREATE INDEX "alert_rules_owner_idx" ON "alert_rules"("owner_id")`,
  `CREATE INDEX "alert_channels_owner_idx" ON "alert_channels"("owner_id")`,
  `ALTER TABLE "alert_rules" ADD CONSTRAINT "FK_8b1001f36fdde9362b977144216" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
  `ALTER TABLE "alert_channels" ADD CONSTRAINT "FK_62ea16dcb55fdc956cb2519fc05" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
  `ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_d895512b38605026594ab6266b9" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
];
