import { type EntityManager, type EntityMetadata, type EntityTarget, type ObjectLiteral, QueryFailedError } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * Hot statements with bound parameters. TypeORM's query builder writes numbers into the SQL text
 * on SQLite (`WHERE "id" = 42`), so a statement run for every poll or story is new SQL each time,
 * prepared again (50-200 µs). Here every value is bound, so the text depends only on the
 * statement's shape and is prepared once. PostgreSQL gets the same statements with `$1, $2, …`.
 *
 * On SQLite the prepared statements are kept here, by SQL text, rather than in TypeORM's cache:
 * that one holds the last 100 statements prepared (first in, first out), and the query builder's
 * one-off texts flush it within a single poll, taking the hot statements with them.
 *
 * Write the SQL with `?` for each value (and no literal `?` anywhere else); quote identifiers.
 */
export type SqlValue = string | number | boolean | null;

export interface BoundResult<Row> {
  /** Rows of a SELECT or of a RETURNING clause; empty otherwise. */
  rows: Row[];
  /** Rows an UPDATE or DELETE changed (0 when the driver does not say). */
  affected: number;
}

/** What this module uses of better-sqlite3. */
interface SqliteStatement {
  readonly reader: boolean;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

/** Statements stay prepared as long as their connection; a bound on how many, in case a caller builds texts without end. */
const MAX_PREPARED = 500;
const preparedStatements = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

function preparedOn(connection: SqliteConnection, sql: string): SqliteStatement {
  let statements = preparedStatements.get(connection);
  if (!statements) preparedStatements.set(connection, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    if (statements.size >= MAX_PREPARED) statements.delete(statements.keys().next().value as string);
    statements.set(sql, statement);
  }
  return statement;
}

/** Runs `sql` in the manager's transaction (or on its own when there is none), its `?` bound to `params` in order. */
export async function queryBound<Row = Record<string, unknown>>(manager: EntityManager, sql: string, params: readonly SqlValue[] = []): Promise<BoundResult<Row>> {
  const { driver } = manager.connection;
  if (driver.options.type === 'postgres') {
    let index = 0;
    const text = sql.replace(/\?/g, () => driver.createParameter('', index++));
    const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
    try {
      const result = await runner.query(text, params as SqlValue[], true);
      return { rows: (result.records ?? []) as Row[], affected: result.affected ?? 0 };
    } finally {
      if (runner !== manager.queryRunner) await runner.release();
    }
  }
  // TypeORM drives SQLite over this one connection, transactions included, so a statement run on it
  // takes part in the manager's transaction. better-sqlite3 binds no booleans.
  const values = params.map((value) => (typeof value === 'boolean' ? Number(value) : value));
  try {
    const statement = preparedOn((driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection, sql);
    if (statement.reader) return { rows: statement.all(...values) as Row[], affected: 0 };
    return { rows: [], affected: statement.run(...values).changes };
  } catch (error) {
    throw new QueryFailedError(sql, values, error as Error);
  }
}

/** An entity's table and some of its columns, for statements built from entity values. */
export class EntityColumns {
  readonly table: string;

  constructor(
    private readonly manager: EntityManager,
    readonly metadata: EntityMetadata,
    readonly columns: readonly ColumnMetadata[],
  ) {
    this.table = metadata.tablePath.split('.').map((name) => manager.connection.driver.escape(name)).join('.');
  }

  /** The columns of `target` that `values` sets (properties set to undefined are left out). */
  static of<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, values: Partial<T>): EntityColumns {
    const metadata = manager.connection.getMetadata(target);
    const properties = Object.keys(values).filter((key) => values[key] !== undefined);
    return new EntityColumns(
      manager,
      metadata,
      properties.map((property) => {
        const column = metadata.findColumnWithPropertyName(property);
        if (!column) throw new Error(`${metadata.name} has no column for property "${property}"`);
        return column;
      }),
    );
  }

  get names(): string[] {
    return this.columns.map((column) => this.manager.connection.driver.escape(column.databaseName));
  }

  /** The values of `entity` in column order, as the driver stores them (transformers applied, booleans as 1/0 on SQLite). */
  valuesOf(entity: ObjectLiteral): SqlValue[] {
    const { driver } = this.manager.connection;
    return this.columns.map((column) => {
      const value = entity[column.propertyName];
      if (value === undefined) throw new Error(`${this.metadata.name}: every row of one statement must set ${column.propertyName}`);
      return driver.preparePersistentValue(value, column) as SqlValue;
    });
  }

  /** An entity from a row of these columns, read as TypeORM reads it (transformers applied, booleans as booleans). */
  entityOf<T>(row: Record<string, unknown>): T {
    const { driver } = this.manager.connection;
    const entity = this.metadata.create(this.manager.queryRunner, { fromDeserializer: true }) as Record<string, unknown>;
    for (const column of this.columns) entity[column.propertyName] = driver.prepareHydratedValue(row[column.databaseName], column);
    return entity as T;
  }
}

/**
 * The entities of `target` whose rows meet `condition` (what follows WHERE, with `?` for each of
 * `params`; ORDER BY and LIMIT may follow), read in one bound SELECT of all their columns.
 */
export async function findEntities<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, condition: string, params: readonly SqlValue[]): Promise<T[]> {
  const metadata = manager.connection.getMetadata(target);
  const columns = new EntityColumns(manager, metadata, metadata.columns);
  const { rows } = await queryBound<Record<string, unknown>>(manager, `SELECT ${columns.names.join(', ')} FROM ${columns.table} WHERE ${condition}`, params);
  return rows.map((row) => columns.entityOf<T>(row));
}

/** Sets `changes` on the row with this id in one bound UPDATE; false when no row has the id (true when there is nothing to set). */
export async function updateById<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, id: number, changes: Partial<T>): Promise<boolean> {
  const columns = EntityColumns.of(manager, target, changes);
  if (columns.columns.length === 0) return true;
  const assignments = columns.names.map((name) => `${name} = ?`).join(', ');
  const result = await queryBound(manager, `UPDATE ${columns.table} SET ${assignments} WHERE "id" = ?`, [...columns.valuesOf(changes), id]);
  return result.affected > 0;
}
