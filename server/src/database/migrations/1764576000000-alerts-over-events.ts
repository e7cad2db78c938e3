import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts over events: an alert names the event (cluster) it is about, with a snapshot of the
 * event's sources and corroboration when it fired, and the alert it follows up; a match names
 * the event its story was in and why it fired nothing (`awaiting-event` while the event does not
 * yet meet the rule's event conditions); a rule may ask for a follow-up on corroboration.
 * Columns are added in place on both databases. Alerts fired before have no event (cluster_id
 * null, no sources), so they are neither attached to nor followed up.
 */
export class AlertsOverEvents1764576000000 implements MigrationInterface {
  name = 'AlertsOverEvents1764576000000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.options.type === 'postgres' ? POSTGRES_UP : SQLITE_UP;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const index of ['alert_matches_story_idx', 'alerts_follow_up_unique', 'alerts_rule_cluster_idx']) await runner.query(`DROP INDEX "${index}"`);
    const columns = [
      ['alert_matches', 'reason'],
      ['alert_matches', 'cluster_id'],
      ['alerts', 'follow_up_of'],
      ['alerts', 'corroboration'],
      ['alerts', 'sources'],
      ['alerts', 'cluster_id'],
      ['alert_rules', 'follow_up_on_corroboration'],
    ];
    for (const [table, column] of columns) await runner.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
  }
}

const SQLITE_UP = [
  `ALTER TABLE "alert_rules" ADD COLUMN "follow_up_on_corroboration" boolean NOT NULL DEFAULT (0)`,
  `ALTER TABLE "alerts" ADD COLUMN "cluster_id" integer`,
  `ALTER TABLE "alerts" ADD COLUMN "sources" text NOT NULL DEFAULT ('[]')`,
  `ALTER TABLE "alerts" ADD COLUMN "corroboration" text`,
  `ALTER TABLE "alerts" ADD COLUMN "follow_up_of" integer`,
  `CREATE INDEX "alerts_rule_cluster_idx" ON "alerts" ("rule_id", "cluster_id")`,
  `CREATE UNIQUE INDEX "alerts_follow_up_unique" ON "alerts" ("follow_up_of")`,
  `ALTER TABLE "alert_matches" ADD COLUMN "cluster_id" integer`,
  `ALTER TABLE "alert_matches" ADD COLUMN "reason" varchar(16)`,
  `CREATE INDEX "alert_matches_story_idx" ON "alert_matches" ("story_id")`,
];

const POSTGRES_UP = [
  `ALTER TABLE "alert_rules" ADD "follow_up_on_corroboration" boolean NOT NULL DEFAULT false`,
  `ALTER TABLE "alerts" ADD "cluster_id" integer`,
  `ALTER TABLE "alerts" ADD "sources" text NOT NULL DEFAULT '[]'`,
  `ALTER TABLE "alerts" ADD "corroboration" text`,
  `ALTER TABLE "alerts" ADD "follow_up_of" integer`,
  `CREATE INDEX "alerts_rule_cluster_idx" ON "alerts" ("rule_id", "cluster_id")`,
  `CREATE UNIQUE INDEX "alerts_follow_up_unique" ON "alerts" ("follow_up_of")`,
  `ALTER TABLE "alert_matches" ADD "cluster_id" integer`,
  `ALTER TABLE "alert_matches" ADD "reason" character varying(16)`,
  `CREATE INDEX "alert_matches_story_idx" ON "alert_matches" ("story_id")`,
];
