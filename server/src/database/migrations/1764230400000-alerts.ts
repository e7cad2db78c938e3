import { MigrationInterface, QueryRunner } from 'typeorm';

/** Keyword alerts: rules, channels, fired alerts, every match of a rule, deliveries, engine state. */
export class Alerts1764230400000 implements MigrationInterface {
  name = 'Alerts1764230400000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.options.type === 'postgres' ? POSTGRES_UP : SQLITE_UP;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['engine_state', 'alert_deliveries', 'alert_matches', 'alerts', 'alert_channels', 'alert_rules']) {
      await runner.query(`DROP TABLE "${table}"`);
    }
  }
}

const SQLITE_UP = [
  `CREATE TABLE "alert_rules" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "query" text NOT NULL, "mode" varchar(16) NOT NULL, "severity" varchar(16) NOT NULL, "channels" text NOT NULL DEFAULT ('[]'), "cooldown_sec" integer NOT NULL, "threshold" integer NOT NULL DEFAULT (1), "window_sec" integer NOT NULL DEFAULT (3600), "enabled" boolean NOT NULL DEFAULT (1), "muted" boolean NOT NULL DEFAULT (0), "snoozed_until" bigint, "last_fired_at" bigint, "last_alert_id" integer, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL)`,
  `CREATE TABLE "alert_channels" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "type" varchar(16) NOT NULL, "name" varchar(200) NOT NULL, "target" varchar(2048) NOT NULL, "secret" varchar(500), "format" varchar(16) NOT NULL DEFAULT ('generic'), "enabled" boolean NOT NULL DEFAULT (1), "created_at" bigint NOT NULL)`,
  `CREATE TABLE "alerts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "rule_id" integer NOT NULL, "story_id" integer NOT NULL, "fired_at" bigint NOT NULL, "acknowledged_at" bigint, CONSTRAINT "FK_a03c8afb3e29b85c8feccd730ef" FOREIGN KEY ("rule_id") REFERENCES "alert_rules" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_2ef6f55456b212e3a70d1021846" FOREIGN KEY ("story_id") REFERENCES "stories" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
  `CREATE INDEX "alerts_rule_idx" ON "alerts" ("rule_id")`,
  `CREATE INDEX "alerts_fired_idx" ON "alerts" ("fired_at", "id")`,
  `CREATE TABLE "alert_matches" ("rule_id" integer NOT NULL, "story_id" integer NOT NULL, "alert_id" integer, "matched_at" bigint NOT NULL, CONSTRAINT "FK_3f66c981f4efd49e4433ed35c2b" FOREIGN KEY ("rule_id") REFERENCES "alert_rules" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_fc7562186464e489e84fad97e9e" FOREIGN KEY ("story_id") REFERENCES "stories" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("rule_id", "story_id"))`,
  `CREATE INDEX "alert_matches_alert_idx" ON "alert_matches" ("alert_id")`,
  `CREATE INDEX "alert_matches_rule_time_idx" ON "alert_matches" ("rule_id", "matched_at")`,
  `CREATE TABLE "alert_deliveries" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "alert_id" integer NOT NULL, "channel_id" integer NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "last_error" text, "next_attempt_at" bigint, "delivered_at" bigint, CONSTRAINT "FK_a108eeb75805549672c45e4a5a9" FOREIGN KEY ("alert_id") REFERENCES "alerts" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_b68bf9b4404d9c1469433f0a95b" FOREIGN KEY ("channel_id") REFERENCES "alert_channels" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
  `CREATE INDEX "alert_deliveries_alert_idx" ON "alert_deliveries" ("alert_id")`,
  `CREATE INDEX "alert_deliveries_due_idx" ON "alert_deliveries" ("status", "next_attempt_at")`,
  `CREATE TABLE "engine_state" ("key" varchar(64) PRIMARY KEY NOT NULL, "value" varchar(200) NOT NULL)`,
];

const POSTGRES_UP = [
  `CREATE TABLE "alert_rules" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "query" text NOT NULL, "mode" character varying(16) NOT NULL, "severity" character varying(16) NOT NULL, "channels" text NOT NULL DEFAULT '[]', "cooldown_sec" integer NOT NULL, "threshold" integer NOT NULL DEFAULT '1', "window_sec" integer NOT NULL DEFAULT '3600', "enabled" boolean NOT NULL DEFAULT true, "muted" boolean NOT NULL DEFAULT false, "snoozed_until" bigint, "last_fired_at" bigint, "last_alert_id" integer, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL, CONSTRAINT "PK_ae580564f087ffab9d229225aec" PRIMARY KEY ("id"))`,
  `CREATE TABLE "alert_channels" ("id" SERIAL NOT NULL, "type" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "target" character varying(2048) NOT NULL, "secret" character varying(500), "format" character varying(16) NOT NULL DEFAULT 'generic', "enabled" boolean NOT NULL DEFAULT true, "created_at" bigint NOT NULL, CONSTRAINT "PK_da89e9de0358309fb2ec1617e65" PRIMARY KEY ("id"))`,
  `CREATE TABLE "alerts" ("id" SERIAL NOT NULL, "rule_id" integer NOT NULL, "story_id" integer NOT NULL, "fired_at" bigint NOT NULL, "acknowledged_at" bigint, CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))`,
  `CREATE INDEX "alerts_rule_idx" ON "alerts" ("rule_id")`,
  `CREATE INDEX "alerts_fired_idx" ON "alerts" ("fired_at", "id")`,
  `CREATE TABLE "alert_matches" ("rule_id" integer NOT NULL, "story_id" integer NOT NULL, "alert_id" integer, "matched_at" bigint NOT NULL, CONSTRAINT "PK_f1d9da7cfa2578b46e60fc70a41" PRIMARY KEY ("rule_id", "story_id"))`,
  `CREATE INDEX "alert_matches_alert_idx" ON "alert_matches" ("alert_id")`,
  `CREATE INDEX "alert_matches_rule_time_idx" ON "alert_matches" ("rule_id", "matched_at")`,
  `CREATE TABLE "alert_deliveries" ("id" SERIAL NOT NULL, "alert_id" integer NOT NULL, "channel_id" integer NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "next_attempt_at" bigint, "delivered_at" bigint, CONSTRAINT "PK_b3d51c95891264fb62df41582ad" PRIMARY KEY ("id"))`,
  `CREATE INDEX "alert_deliveries_alert_idx" ON "alert_deliveries" ("alert_id")`,
  `CREATE INDEX "alert_deliveries_due_idx" ON "alert_deliveries" ("status", "next_attempt_at")`,
  `CREATE TABLE "engine_state" ("key" character varying(64) NOT NULL, "value" character varying(200) NOT NULL, CONSTRAINT "PK_be93da49269bc93d611398b4f34" PRIMARY KEY ("key"))`,
  `ALTER TABLE "alerts" ADD CONSTRAINT "FK_a03c8afb3e29b85c8feccd730ef" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "alerts" ADD CONSTRAINT "FK_2ef6f55456b212e3a70d1021846" FOREIGN KEY ("story_id") REFERENCES "stories"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "alert_matches" ADD CONSTRAINT "FK_3f66c981f4efd49e4433ed35c2b" FOREIGN KEY ("rule_id") REFERENCES "alert_rules"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "alert_matches" ADD CONSTRAINT "FK_fc7562186464e489e84fad97e9e" FOREIGN KEY ("story_id") REFERENCES "stories"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "alert_deliveries" ADD CONSTRAINT "FK_a108eeb75805549672c45e4a5a9" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  `ALTER TABLE "alert_deliveries" ADD CONSTRAINT "FK_b68bf9b4404d9c1469433f0a95b" FOREIGN KEY ("channel_id") REFERENCES "alert_channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
];
