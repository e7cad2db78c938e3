import { Injectable } from '@nestjs/common';
import { setImmediate as nextTurnOfEventLoop } from 'node:timers/promises';
import { In, LessThanOrEqual, Not } from 'typeorm';
import { appendChanges } from '../database/change-log';
import { Database } from '../database/database';
import { FeedEntity, FeedStatus } from '../database/entities';
import { insertMany } from '../database/insert-many';

/** Rows per INSERT statement: 12 columns each stays far below the bound-parameter limits. */
const INSERT_BATCH = 200;
/** Values per `IN (...)` list. */
const IN_LIST_BATCH = 400;

export type NewFeed = Pick<FeedEntity, 'url' | 'title' | 'titleFromUser' | 'siteUrl' | 'group' | 'intervalSec'>;

/** Every query on feeds. */
@Injectable()
export class FeedsRepository {
  constructor(private readonly db: Database) {}

  private get feeds() {
    return this.db.dataSource.getRepository(FeedEntity);
  }

  all(): Promise<FeedEntity[]> {
    return this.feeds.find({ order: { id: 'ASC' } });
  }

  byId(id: number): Promise<FeedEntity | null> {
    return this.feeds.findOneBy({ id });
  }

  async byIds(ids: readonly number[]): Promise<FeedEntity[]> {
    const unique = [...new Set(ids)];
    const found: FeedEntity[] = [];
    for (let i = 0; i < unique.length; i += IN_LIST_BATCH) found.push(...(await this.feeds.findBy({ id: In(unique.slice(i, i + IN_LIST_BATCH)) })));
    return found.sort((a, b) => a.id - b.id);
  }

  byUrl(url: string): Promise<FeedEntity | null> {
    return this.feeds.findOneBy({ url });
  }

  async byUrls(urls: string[]): Promise<Map<string, FeedEntity>> {
    const found = new Map<string, FeedEntity>();
    for (let i = 0; i < urls.length; i += IN_LIST_BATCH) {
      if (i > 0) await nextTurnOfEventLoop();
      for (const feed of await this.feeds.findBy({ url: In(urls.slice(i, i + IN_LIST_BATCH)) })) found.set(feed.url, feed);
    }
    return found;
  }

  /** Enabled feeds whose time has come, soonest first, leaving out those already being polled. */
  due(now: number, limit: number, exclude: number[]): Promise<FeedEntity[]> {
    return this.feeds.find({
      where: { enabled: true, nextPollAt: LessThanOrEqual(now), ...(exclude.length ? { id: Not(In(exclude)) } : {}) },
      order: { nextPollAt: 'ASC' },
      take: limit,
    });
  }

  /**
   * Inserts feeds and returns their ids. An OPML import adds up to 2,000 in one transaction: a
   * batch of rows per statement, with a turn of the event loop between batches, because the
   * SQLite driver is synchronous and would otherwise hold every other request until the end.
   * Each feed gets `nextPollAt = now` so that the scheduler polls it at once.
   */
  async insert(rows: NewFeed[], now: number): Promise<number[]> {
    if (rows.length === 0) return [];
    return this.db.write(async (manager) => {
      const ids: number[] = [];
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        if (i > 0) await nextTurnOfEventLoop();
        const batch = rows.slice(i, i + INSERT_BATCH).map((row) => ({ ...row, status: 'pending' as const, nextPollAt: now, createdAt: now, consecutiveFailures: 0, enabled: true }));
        ids.push(...(await insertMany(manager, FeedEntity, batch)));
      }
      return ids;
    });
  }

  async update(id: number, changes: Partial<FeedEntity>): Promise<void> {
    await this.db.write((manager) => manager.getRepository(FeedEntity).update({ id }, changes));
  }

  /** Updates a feed whose health changed and logs the change for live clients; returns its eventId. */
  async updateHealth(id: number, changes: Partial<FeedEntity>, now: number): Promise<number> {
    return this.db.write(async (manager) => {
      await manager.getRepository(FeedEntity).update({ id }, changes);
      const [eventId] = await appendChanges(manager, [{ kind: 'feed:health', subjectId: id }], now);
      return eventId;
    });
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.db.write((manager) => manager.getRepository(FeedEntity).delete({ id }));
    return (result.affected ?? 0) > 0;
  }

  async count(): Promise<number> {
    return this.feeds.count();
  }

  async countByStatus(): Promise<Record<FeedStatus, number>> {
    const rows = await this.feeds
      .createQueryBuilder('f')
      .select('f.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .groupBy('f.status')
      .getRawMany<{ status: FeedStatus; count: string | number }>();
    const counts: Record<FeedStatus, number> = { pending: 0, ok: 0, stale: 0, error: 0 };
    for (const row of rows) counts[row.status] = Number(row.count);
    return counts;
  }
}
