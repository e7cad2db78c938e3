import { Injectable } from '@nestjs/common';
import type { AuditEntry, Page } from '@sentinel/shared';
import { Database } from '../database/database';
import { AuditEntity } from '../database/entities';

@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async insert(row: Omit<AuditEntity, 'id'>): Promise<void> {
    await this.db.write((manager) => manager.insert(AuditEntity, row));
  }

  /** Newest first; `before` is the id of the last entry of the previous page. */
  async page(limit: number, before?: number): Promise<Page<AuditEntry>> {
    const query = this.db.dataSource.getRepository(AuditEntity).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(limit + 1);
    if (before !== undefined) query.where('a.id < :before', { before });
    const rows = await query.getMany();
    const items = rows.slice(0, limit).map(toAuditEntry);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
  }
}

function toAuditEntry(row: AuditEntity): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    actorUserId: row.actorUserId,
    actorTokenId: row.actorTokenId,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    detail: row.detail,
  };
}
