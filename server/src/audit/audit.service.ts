import { Injectable } from '@nestjs/common';
import type { AuditEntry, Page, Principal } from '@sentinel/shared';
import { AuditRepository } from './audit.repository';

export interface AuditRecord {
  /** e.g. `feed.create`, `rule.update`, `channel.delete`, `user.create`, `token.revoke`. */
  action: string;
  subjectType: string;
  subjectId: number | null;
  /** Words for a person reading the log: names and changed fields, never secrets. */
  detail?: string;
}

/** Who created, changed or deleted feeds, rules, channels, users and tokens, and when. */
@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  async record(actor: Principal | null, entry: AuditRecord): Promise<void> {
    await this.repository.insert({
      at: Date.now(),
      actor: actor?.label ?? null,
      actorUserId: actor?.kind === 'user' ? actor.userId : null,
      actorTokenId: actor?.tokenId ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      detail: (entry.detail ?? '').slice(0, 1000),
    });
  }

  list(limit: number, before?: number): Promise<Page<AuditEntry>> {
    return this.repository.page(limit, before);
  }
}
