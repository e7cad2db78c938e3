import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Inserts rows with one statement and returns their generated ids, in order. PostgreSQL says
 * so with RETURNING. TypeORM does not offer RETURNING on SQLite, but there a single INSERT
 * inside our serialised write transaction gives its rows consecutive rowids ending at
 * last_insert_rowid(), so the ids follow from it.
 */
export async function insertMany<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, rows: Partial<T>[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const insert = manager.createQueryBuilder().insert().into(target).values(rows as never);
  if (manager.connection.options.type === 'postgres') {
    const result = await insert.returning(['id']).execute();
    return (result.raw as { id: number }[]).map((r) => Number(r.id));
  }
  await insert.execute();
  const [{ id }] = (await manager.query('SELECT last_insert_rowid() AS id')) as { id: number }[];
  return rows.map((_, index) => Number(id) - rows.length + 1 + index);
}
