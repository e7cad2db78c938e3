import { Logger } from '@nestjs/common';
import type { FeedPollResult } from '@sentinel/shared';
import type { FeedEntity } from '../database/entities';
import type { IngestService } from '../ingest/ingest.service';
import { OutboundError } from '../outbound';
import { FeedFetcher } from './feed-fetcher';
import { FeedParseError, parseFeedDocument } from './parser';
import type { FeedPollTimes, FeedsRepository } from './feeds.repository';
import { failureIntervalSec, healthyIntervalSec, isStale, publishRhythmSec, ScheduleLimits, withJitter } from './schedule';

/** Smoothing for the publish rhythm, so one burst of items does not swing the interval. */
const RHYTHM_WEIGHT = 0.5;

/**
 * Polls one feed: fetch, parse, store, then record the feed's health and its next poll time.
 * Never throws: a feed's own failures become its status and message, and a database that
 * cannot even record that is logged.
 */
export class FeedPoller {
  private readonly logger = new Logger('FeedPoller');

  constructor(
    private readonly fetcher: FeedFetcher,
    private readonly feeds: FeedsRepository,
    private readonly ingest: IngestService,
    private readonly limits: ScheduleLimits,
    private readonly onHealthChange: (feedId: number, eventId: number) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  async poll(feed: FeedEntity, signal?: AbortSignal): Promise<FeedPollResult> {
    const startedAt = this.clock();
    try {
      const fetched = await this.fetcher.fetch({ url: feed.url, etag: feed.etag, lastModified: feed.lastModified, signal });
      const moved = fetched.permanentRedirectTo ? await this.movedUrl(feed, fetched.permanentRedirectTo) : {};
      if (fetched.kind === 'not-modified') {
        await this.recordSuccess(feed, { ...moved, etag: fetched.etag ?? feed.etag, lastModified: fetched.lastModified ?? feed.lastModified }, startedAt);
        return { status: 'not-modified', newStories: 0, updatedStories: 0 };
      }
      const parsed = await parseFeedDocument({ body: fetched.body, contentType: fetched.contentType, url: fetched.url }, new Date(startedAt));
      const title = feed.titleFromUser || !parsed.title ? feed.title : parsed.title.slice(0, 500);
      const { created, updated } = await this.ingest.ingest({ id: feed.id, title }, parsed.items, this.clock());
      const dated = parsed.items.filter((i) => !i.dateMissing).map((i) => i.publishedAt.getTime());
      const newestItem = dated.length ? Math.max(...dated) : created.length ? startedAt : null;
      const rhythm = publishRhythmSec(dated);
      await this.recordSuccess(
        feed,
        {
          ...moved,
          title,
          siteUrl: parsed.siteUrl ?? feed.siteUrl,
          etag: fetched.etag,
          lastModified: fetched.lastModified,
          latestItemAt: newestItem === null ? feed.latestItemAt : Math.max(newestItem, feed.latestItemAt ?? 0),
          publishIntervalSec:
            rhythm === null ? feed.publishIntervalSec : feed.publishIntervalSec === null ? rhythm : Math.round(RHYTHM_WEIGHT * rhythm + (1 - RHYTHM_WEIGHT) * feed.publishIntervalSec),
        },
        startedAt,
      );
      return { status: 'ok', newStories: created.length, updatedStories: updated.length };
    } catch (error) {
      const message = describeFailure(error);
      if (!(error instanceof OutboundError) && !(error instanceof FeedParseError)) {
        this.logger.error(`feed ${feed.id} (${feed.url}): ${(error as Error)?.stack ?? String(error)}`);
      }
      const retryAfterSec = error instanceof OutboundError ? error.retryAfterSec : undefined;
      try {
        await this.recordFailure(feed, message, startedAt, retryAfterSec);
      } catch (recordError) {
        // The database itself is failing (closed, unreachable, a table gone). Nothing more can be
        // recorded; the feed keeps its old next-poll time and is retried when it is due again.
        this.logger.error(`feed ${feed.id} (${feed.url}): could not record the failed poll: ${(recordError as Error)?.message ?? String(recordError)}`);
      }
      return { status: 'error', newStories: 0, updatedStories: 0, error: message };
    }
  }

  /** Follows a permanent redirect by moving the feed, unless another feed already has that URL. */
  private async movedUrl(feed: FeedEntity, to: string): Promise<Partial<FeedEntity>> {
    if (to === feed.url || to.length > 2048) return {};
    const taken = await this.feeds.byUrl(to);
    if (taken) return {};
    this.logger.log(`feed ${feed.id} moved permanently: ${feed.url} -> ${to}`);
    return { url: to, movedFrom: feed.url };
  }

  private async recordSuccess(feed: FeedEntity, changes: Partial<FeedEntity>, startedAt: number): Promise<void> {
    const now = this.clock();
    const next = { ...feed, ...changes };
    const status = isStale(next.latestItemAt, next.publishIntervalSec, now) ? 'stale' : 'ok';
    const interval = withJitter(healthyIntervalSec(next, this.limits));
    const times: FeedPollTimes = { lastPolledAt: startedAt, lastSuccessAt: now, nextPollAt: now + interval * 1000 };
    const update: Partial<FeedEntity> = { ...changes, status, lastError: null, failingSince: null, consecutiveFailures: 0, ...times };
    // An unchanged feed (most polls): only its times are recorded, and written with other polls' (see recordPollTimes).
    if (onlyPollTimesChange(feed, update)) return this.feeds.recordPollTimes(feed.id, times);
    await this.save(feed, update, feed.status !== status || feed.lastError !== null, now);
  }

  private async recordFailure(feed: FeedEntity, message: string, startedAt: number, retryAfterSec?: number): Promise<void> {
    const now = this.clock();
    const failures = feed.consecutiveFailures + 1;
    const interval = withJitter(failureIntervalSec(failures, this.limits, retryAfterSec));
    const update: Partial<FeedEntity> = {
      status: 'error',
      lastError: message,
      failingSince: feed.failingSince ?? startedAt,
      consecutiveFailures: failures,
      lastPolledAt: startedAt,
      nextPollAt: now + interval * 1000,
    };
    await this.save(feed, update, feed.status !== 'error' || feed.lastError !== message, now);
  }

  /** A change of status or message is logged and announced; a routine poll is only saved. */
  private async save(feed: FeedEntity, update: Partial<FeedEntity>, healthChanged: boolean, now: number): Promise<void> {
    if (!healthChanged) return this.feeds.update(feed.id, update);
    const eventId = await this.feeds.updateHealth(feed.id, update, now);
    this.onHealthChange(feed.id, eventId);
  }
}

const POLL_TIMES: ReadonlySet<string> = new Set<keyof FeedPollTimes>(['lastPolledAt', 'lastSuccessAt', 'nextPollAt']);

/** Whether `update` leaves everything but the poll times as the feed has them. */
function onlyPollTimesChange(feed: FeedEntity, update: Partial<FeedEntity>): boolean {
  return (Object.keys(update) as (keyof FeedEntity)[]).every((key) => POLL_TIMES.has(key) || update[key] === feed[key]);
}

export function describeFailure(error: unknown): string {
  if (error instanceof OutboundError || error instanceof FeedParseError) return error.message;
  return `internal error while polling: ${(error as Error)?.message ?? String(error)}`;
}
