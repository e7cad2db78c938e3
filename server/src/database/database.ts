import { DataSource, EntityManager } from 'typeorm';
import type { DatabaseKind } from './data-source';

/**
 * The one way to reach the database. Reads use `dataSource`; every write goes through `write`,
 * which runs it in a transaction. TypeORM drives SQLite over a single connection, where two
 * interleaved transactions would corrupt each other, so on SQLite writes are queued one at a
 * time (SQLite allows one writer anyway). PostgreSQL runs each transaction on its own pooled
 * connection, so writes there run concurrently.
 */
export class Database {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {}

  get kind(): DatabaseKind {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => this.dataSource.transaction(work);
    if (this.kind === 'postgres') return run();
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** True for a unique-constraint violation on either driver. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
