import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { EntityColumns, queryBound, type SqlValue } from './bound-query';

/** Most rows per INSERT, and most bound values (both databases allow far more). */
const MAX_ROWS = 128;
const MAX_VALUES = 4000;

/**
 * Inserts rows with bound values and returns their generated ids, in the order of `rows`. The
 * ids come from RETURNING on both databases (SQLite has it since 3.35) and are sorted per
 * statement, because neither database promises to return rows in the order of VALUES, while
 * both give one statement's rows ascending ids in that order. Nothing is read back: no reload
 * of defaulted columns.
 */
export async function insertMany<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: Partial<T>[]): Promise<number[]> {
  const ids: number[] = new Array(rows.length);
  await insertStatements(manager, target, rows, async (sql, params, indices) => {
    const { rows: returned } = await queryBound<{ id: number | string }>(manager, `${sql} RETURNING "id"`, params);
    returned
      .map((r) => Number(r.id))
      .sort((a, b) => a - b)
      .forEach((id, i) => (ids[indices[i]] = id));
  });
  return ids;
}

/** Inserts rows with bound values, for tables whose ids nobody needs (or that have none). */
export async function insertRows<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: Partial<T>[]): Promise<void> {
  await insertStatements(manager, target, rows, async (sql, params) => void (await queryBound(manager, sql, params)));
}

/**
 * Groups the rows by the properties they set (a property left undefined gets the column's
 * default), then splits each group into INSERT statements of 1, 2, 4 … MAX_ROWS rows, largest
 * first, so that a table has a handful of INSERT texts: each is prepared once and then found in
 * the statement cache.
 */
async function insertStatements<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
  run: (sql: string, params: SqlValue[], indices: number[]) => Promise<void>,
): Promise<void> {
  const shapes = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const shape = Object.keys(row).filter((key) => row[key] !== undefined).sort().join(',');
    const group = shapes.get(shape);
    if (group) group.push(index);
    else shapes.set(shape, [index]);
  });
  for (const indices of shapes.values()) {
    const columns = EntityColumns.of(manager, target, rows[indices[0]]);
    const head = `INSERT INTO ${columns.table} (${columns.names.join(', ')}) VALUES `;
    const tuple = `(${columns.columns.map(() => '?').join(', ')})`;
    const largest = Math.min(MAX_ROWS, 2 ** Math.floor(Math.log2(MAX_VALUES / Math.max(1, columns.columns.length))));
    for (let start = 0; start < indices.length; ) {
      let size = largest;
      while (size > indices.length - start) size /= 2;
      const part = indices.slice(start, start + size);
      await run(head + part.map(() => tuple).join(', '), part.flatMap((index) => columns.valuesOf(rows[index])), part);
      start += size;
    }
  }
}
