import { Injectable, Logger } from '@nestjs/common';
import { setImmediate as nextTurnOfEventLoop } from 'node:timers/promises';
import { In } from 'typeorm';
import { findEntities, updateById } from '../database/bound-query';
import { appendChanges } from '../database/change-log';
import { Database } from '../database/database';
import { FeedEntity, FeedStatus } from '../database/entities';
import { insertMany } from '../database/insert-many';

/** Rows inserted between two turns of the event loop (insertMany splits them into statements). */
const INSERT_BATCH = 200;
/** Values per `IN (...)` list. */
const IN_LIST_BATCH = 400;
/** How long the times of unchanged polls wait to be written together (see recordPollTimes). */
export const POLL_TIMES_WRITE_MS = 1000;

export type NewFeed = Pick<FeedEntity, 'url' | 'title' | 'titleFromUser' | 'siteUrl' | 'group' | 'intervalSec'>;

/** What a poll that changed nothing else records: when the feed was polled and answered, and when it is due again. */
export type FeedPollTimes = Pick<FeedEntity, 'lastPolledAt' | 'lastSuccessAt' | 'nextPollAt'>;

/**
 * Every query on feeds. The times of unchanged polls are written in batches (recordPollTimes);
 * until then every read here returns feeds with them, so callers never see the difference.
 */
@Injectable()
export class FeedsRepository {
  private readonly logger = new Logger('FeedsRepository');
  /** Times of unchanged polls not yet committed, by feed id. */
  private readonly pendingPollTimes = new Map<number, FeedPollTimes>();
  private pollTimesTimer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Database) {}

  private get feeds() {
    return this.db.dataSource.getRepository(FeedEntity);
  }

  /** The feed as it is: its row, with the times of a poll not yet written. */
  private current<T extends FeedEntity | null>(feed: T): T {
    const times = feed && this.pendingPollTimes.get(feed.id);
    return times ? Object.assign(feed, times) : feed;
  }

  async all(): Promise<FeedEntity[]> {
    return (await this.feeds.find({ order: { id: 'ASC' } })).map((feed) => this.current(feed));
  }

  /** Read for every poll, hence a bound statement (see database/bound-query.ts). */
  async byId(id: number): Promise<FeedEntity | null> {
    const [feed] = await findEntities(this.db.dataSource.manager, FeedEntity, '"id" = ?', [id]);
    return this.current(feed ?? null);
  }

  async byIds(ids: readonly number[]): Promise<FeedEntity[]> {
    const unique = [...new Set(ids)];
    const found: FeedEntity[] = [];
    for (let i = 0; i < unique.length; i += IN_LIST_BATCH) found.push(...(await this.feeds.findBy({ id: In(unique.slice(i, i + IN_LIST_BATCH)) })));
    return found.map((feed) => this.current(feed)).sort((a, b) => a.id - b.id);
  }

  async byUrl(url: string): Promise<FeedEntity | null> {
    return this.current(await this.feeds.findOneBy({ url }));
  }

  async byUrls(urls: string[]): Promise<Map<string, FeedEntity>> {
    const found = new Map<string, FeedEntity>();
    for (let i = 0; i < urls.length; i += IN_LIST_BATCH) {
      if (i > 0) await nextTurnOfEventLoop();
      for (const feed of await this.feeds.findBy({ url: In(urls.slice(i, i + IN_LIST_BATCH)) })) found.set(feed.url, this.current(feed));
    }
    return found;
  }

  /**
   * Enabled feeds whose time has come, soonest first, leaving out those already being polled.
   * Asked after every poll, hence a bound statement.
   */
  async due(now: number, limit: number, exclude: number[]): Promise<FeedEntity[]> {
    // A feed whose new next-poll time is not written yet is not due by its row.
    const notDue = [...this.pendingPollTimes].filter(([, times]) => times.nextPollAt > now).map(([id]) => id);
    const leftOut = [...exclude, ...notDue];
    const notIn = leftOut.length ? ` AND "id" NOT IN (${leftOut.map(() => '?').join(', ')})` : '';
    const feeds = await findEntities(this.db.dataSource.manager, FeedEntity, `"enabled" = ? AND "next_poll_at" <= ?${notIn} ORDER BY "next_poll_at" LIMIT ?`, [true, now, ...leftOut, limit]);
    return feeds.map((feed) => this.current(feed));
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

  /** Updates a feed; times of a poll not yet written go with it, `changes` taking precedence. */
  async update(id: number, changes: Partial<FeedEntity>): Promise<void> {
    const times = this.pendingPollTimes.get(id);
    await this.db.write((manager) => updateById(manager, FeedEntity, id, { ...times, ...changes }));
    this.written(id, times);
  }

  /** Updates a feed whose health changed and logs the change for live clients; returns its eventId. */
  async updateHealth(id: number, changes: Partial<FeedEntity>, now: number): Promise<number> {
    const times = this.pendingPollTimes.get(id);
    const eventId = await this.db.write(async (manager) => {
      await updateById(manager, FeedEntity, id, { ...times, ...changes });
      const [eventId] = await appendChanges(manager, [{ kind: 'feed:health', subjectId: id }], now);
      return eventId;
    });
    this.written(id, times);
    return eventId;
  }

  /**
   * Records a poll that changed nothing but its times: most polls, an unchanged feed's 304.
   * Rather than a transaction each, the times of all such polls are written together
   * POLL_TIMES_WRITE_MS later (at the latest), at shutdown (see FeedScheduler), or with the
   * feed's next update, whichever comes first. A crash loses at most that last second: those
   * feeds keep their previous next-poll time, which is earlier, so each is polled once more right
   * after the restart (a conditional GET); none is polled later than planned.
   */
  recordPollTimes(id: number, times: FeedPollTimes): void {
    this.pendingPollTimes.set(id, times);
    if (!this.pollTimesTimer) {
      this.pollTimesTimer = setTimeout(() => void this.writePollTimes(), POLL_TIMES_WRITE_MS);
      this.pollTimesTimer.unref();
    }
  }

  /**
   * Writes the recorded poll times in one transaction. Never rejects: when the database fails,
   * the times stay recorded and go with the next batch or the feed's next update.
   */
  async writePollTimes(): Promise<void> {
    if (this.pollTimesTimer) clearTimeout(this.pollTimesTimer);
    this.pollTimesTimer = null;
    if (this.pendingPollTimes.size === 0) return;
    const batch = [...this.pendingPollTimes];
    try {
      await this.db.write(async (manager) => {
        for (const [id, times] of batch) await updateById(manager, FeedEntity, id, times);
      });
      for (const [id, times] of batch) this.written(id, times);
    } catch (error) {
      this.logger.error(`could not record the poll times of ${batch.length} feed(s); they are kept for the next write: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  /** Forgets poll times once written, unless a newer poll recorded others meanwhile. */
  private written(id: number, times: FeedPollTimes | undefined): void {
    if (times && this.pendingPollTimes.get(id) === times) this.pendingPollTimes.delete(id);
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.db.write((manager) => manager.getRepository(FeedEntity).delete({ id }));
    this.pendingPollTimes.delete(id);
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
