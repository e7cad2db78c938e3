import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Breaking by baseline (clusters/breaking-baseline.ts): each event keeps how many independent
 * outlets it had in its first 30 minutes, and events are read by first-seen time for the
 * baseline. Rows written before have null and are left out of baselines (no backfill: the
 * baseline fills within its 14 days, and the fixed rule applies until it has enough events).
 */
export class BreakingBaseline1764662400000 implements MigrationInterface {
  name = 'BreakingBaseline1764662400000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = runner.connection.options.type === 'postgres' ? POSTGRES_UP : SQLITE_UP;
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX "clusters_first_seen_idx"');
    await runner.query('ALTER TABLE "clusters" DROP COLUMN "early_independent"');
  }
}

const SQLITE_UP = [
  `ALTER TABLE "clusters" ADD COLUMN "early_independent" integer`,
  `CREATE INDEX "clusters_first_seen_idx" ON "clusters" ("first_seen_at")`,
];

const POSTGRES_UP = [
  `ALTER TABLE "clusters" ADD "early_independent" integer`,
  `CREATE INDEX "clusters_first_seen_idx" ON "clusters" ("first_seen_at")`,
];
