import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config';
import { ENTITIES } from './entities';
import { Initial1764057600000 } from './migrations/1764057600000-initial';
import { TagsAndChangeLog1764144000000 } from './migrations/1764144000000-tags-and-change-log';
import { Alerts1764230400000 } from './migrations/1764230400000-alerts';
import { Accounts1764316800000 } from './migrations/1764316800000-accounts';
import { SearchText1764403200000 } from './migrations/1764403200000-search-text';
import { Clusters1764489600000 } from './migrations/1764489600000-clusters';
import { AlertsOverEvents1764576000000 } from './migrations/1764576000000-alerts-over-events';
import { BreakingBaseline1764662400000 } from './migrations/1764662400000-breaking-baseline';
import { TagRowsByTime1764835200000 } from './migrations/1764835200000-tag-rows-by-time';

export const MIGRATIONS = [Initial1764057600000, TagsAndChangeLog1764144000000, Alerts1764230400000, Accounts1764316800000, SearchText1764403200000, Clusters1764489600000, AlertsOverEvents1764576000000, BreakingBaseline1764662400000, TagRowsByTime1764835200000];

export type DatabaseKind = 'sqlite' | 'postgres';

export function dataSourceOptions(database: AppConfig['database']): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (database.type === 'postgres') {
    const schema = database.schema;
    return {
      ...common,
      type: 'postgres',
      url: database.url,
      ...(schema ? { schema, extra: { options: `-c search_path=${schema}`, max: 10 } } : { extra: { max: 10 } }),
    };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    // Durability first: WAL with synchronous=FULL means a committed poll survives kill -9 and power loss.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

/** Opens the database and brings its schema up to date. Never uses synchronize. */
export async function openDatabase(database: AppConfig['database']): Promise<DataSource> {
  if (database.type === 'sqlite' && database.path !== ':memory:') {
    fs.mkdirSync(path.dirname(database.path), { recursive: true });
  }
  if (database.type === 'postgres' && database.schema) {
    // A schema of its own per deployment (and per test run) on a shared server.
    const bootstrap = new DataSource({ type: 'postgres', url: database.url });
    await bootstrap.initialize();
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${database.schema}"`);
    await bootstrap.destroy();
  }
  const dataSource = new DataSource(dataSourceOptions(database));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
