import { CHANGE_KINDS, type ChangeKind } from '@sentinel/shared';
import { EntityManager, MoreThan, LessThan } from 'typeorm';
import { Database } from './database';
import { insertMany } from './insert-many';
import { ChangeEventEntity } from './entities';

/**
 * The change log: every change pushed to live clients gets a row here, written in the same
 * transaction as the change, and its id is the event's `eventId`. A client that reconnects
 * with the last id it saw is replayed what followed, also across a server restart. Which kinds
 * exist is declared in shared/src/events.ts.
 */
export type { ChangeKind };
const KNOWN_KINDS: ReadonlySet<string> = new Set(CHANGE_KINDS);

export interface ChangeEntry {
  id: number;
  kind: ChangeKind;
  subjectId: number;
}

/** Writes the entries in the caller's transaction and returns their ids (the events' `eventId`s), in order. */
export function appendChanges(manager: EntityManager, entries: { kind: ChangeKind; subjectId: number }[], now: number): Promise<number[]> {
  return insertMany(manager, ChangeEventEntity, entries.map((e) => ({ kind: e.kind, subjectId: e.subjectId, createdAt: now })));
}

export class ChangeLogReader {
  constructor(private readonly db: Database) {}

  private get repo() {
    return this.db.dataSource.getRepository(ChangeEventEntity);
  }

  async after(since: number, limit: number): Promise<ChangeEntry[]> {
    const rows = await this.repo.find({ where: { id: MoreThan(since) }, order: { id: 'ASC' }, take: limit });
    // A kind this version does not declare (written by a newer one) is skipped, not sent half-understood.
    return rows.filter((r) => KNOWN_KINDS.has(r.kind)).map((r) => ({ id: r.id, kind: r.kind as ChangeKind, subjectId: r.subjectId }));
  }

  /** The smallest id still kept, or null when the log is empty. */
  async oldestId(): Promise<number | null> {
    const [row] = await this.repo.find({ order: { id: 'ASC' }, take: 1, select: { id: true } });
    return row?.id ?? null;
  }

  async latestId(): Promise<number> {
    const [row] = await this.repo.find({ order: { id: 'DESC' }, take: 1, select: { id: true } });
    return row?.id ?? 0;
  }

  /** Forgets changes older than `before`; a client that missed them is told to resync. */
  async prune(before: number): Promise<number> {
    const latest = await this.latestId();
    const result = await this.db.write((m) => m.getRepository(ChangeEventEntity).delete({ createdAt: LessThan(before), id: LessThan(latest) }));
    return result.affected ?? 0;
  }
}
