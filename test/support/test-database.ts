import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig, loadConfig } from '../../server/src/config/config';

/**
 * Integration tests run once on SQLite (a real file) and once on the PostgreSQL server on
 * 127.0.0.1:5432 (TEST_DATABASE=postgres), each suite in a schema of its own.
 */
export const TEST_DATABASE = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  env: Record<string, string>;
  describe: string;
  cleanup(): Promise<void>;
}

let counter = 0;

/** The first admin every test app starts with (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const TEST_ADMIN = { email: 'admin@sentinel.test', password: 'test-admin-password-1' };

export function testDatabase(): TestDatabase {
  const id = `${process.pid}_${Date.now().toString(36)}_${++counter}`;
  if (TEST_DATABASE === 'postgres') {
    const schema = `t_${id}`;
    return {
      env: { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema },
      describe: `postgres schema ${schema}`,
      async cleanup() {
        const { Client } = await import('pg');
        const client = new Client({ connectionString: POSTGRES_URL });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinel-test-'));
  return {
    env: { SQLITE_PATH: path.join(dir, 'sentinel.db') },
    describe: `sqlite ${dir}`,
    async cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function testConfig(db: TestDatabase, extra: Record<string, string> = {}): AppConfig {
  return loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    DEFAULT_FEEDS: 'none',
    POLL_MIN_INTERVAL_SEC: '1',
    POLL_MAX_INTERVAL_SEC: '2',
    FETCH_TIMEOUT_SEC: '3',
    SHUTDOWN_GRACE_SEC: '5',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    ...db.env,
    ...extra,
  });
}
