import { Injectable } from '@nestjs/common';
import { In, LessThanOrEqual, Not } from 'typeorm';
import { appendChanges } from '../database/change-log';
import { Database } from '../database/database';
import { FeedEntity, FeedStatus } from '../database/entities';

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

  byUrl(url: string): Promise<FeedEntity | null> {
    return this.feeds.findOneBy({ url });
  }

  async byUrls(urls: string[]): Promise<Map<string, FeedEntity>> {
    const found = new Map<string, FeedEntity>();
    for (let i = 0; i < urls.length; i += 400) {
      for (const feed of await this.feeds.findBy({ url: In(urls.slice(i, i + 400)) })) found.set(feed.url, feed);
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

  /** Inserts feeds; each gets `nextPollAt = now` so that the scheduler polls it at once. */
  async insert(rows: NewFeed[], now: number): Promise<FeedEntity[]> {
    if (rows.length === 0) return [];
    return this.db.write(async (manager) => {
      const repo = manager.getRepository(FeedEntity);
      const created: FeedEntity[] = [];
      for (const row of rows) {
        created.push(await repo.save(repo.create({ ...row, status: 'pending', nextPollAt: now, createdAt: now, consecutiveFailures: 0, enabled: true })));
      }
      return created;
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
