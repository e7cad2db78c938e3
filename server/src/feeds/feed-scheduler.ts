import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { FeedPollResult } from '@sentinel/shared';
import { TooManyRequestsError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { FeedEntity } from '../database/entities';
import { IngestService } from '../ingest/ingest.service';
import { FeedFetcher } from './feed-fetcher';
import { describeFailure, FeedPoller } from './feed-poller';
import { FeedViews } from './feed-views';
import { FeedsRepository } from './feeds.repository';

const TICK_MS = 1000;

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

/** A manual poll refused because its host already has as many polls running as it may. */
export class HostBusyError extends TooManyRequestsError {
  override readonly name = 'HostBusyError';

  constructor(
    readonly host: string,
    readonly limit: number,
    /** When the oldest running poll of the host ends at the latest (the fetch timeout bounds it). */
    retryAfterSec: number,
  ) {
    super(`${host} already has ${limit} poll(s) running, the most one host may have at once; poll again in ${retryAfterSec} s at the latest`, retryAfterSec);
  }
}

interface RunningPoll {
  poll: Promise<FeedPollResult>;
  host: string;
  startedAt: number;
}

/**
 * Runs polls: a tick every second picks the feeds that are due and hands them to a bounded
 * pool of workers, at most `perHost` at a time for any one host, so one slow host never holds
 * up the others. A feed is never polled twice at once. A manual poll (pollNow) obeys the same
 * per-host limit: when the host is busy it is refused with HostBusyError rather than queued,
 * so that a request never waits behind a slow host.
 */
@Injectable()
export class FeedScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('FeedScheduler');
  private readonly inFlight = new Map<number, RunningPoll>();
  private readonly perHost = new Map<string, number>();
  private readonly abort = new AbortController();
  private readonly poller: FeedPoller;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private stopped = false;

  constructor(
    private readonly feeds: FeedsRepository,
    ingest: IngestService,
    views: FeedViews,
    fetcher: FeedFetcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.poller = new FeedPoller(fetcher, feeds, ingest, config.polling, (id, eventId) => void views.announceHealth(id, eventId).catch(() => undefined));
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Asks for a tick now, e.g. after feeds were added. */
  nudge(): void {
    this.schedule(0);
  }

  /**
   * Polls one feed now, whatever its schedule, and returns the outcome. A poll of this feed
   * that is already running is waited for first (and the feed then read again); a host at its
   * limit is refused.
   * @throws HostBusyError when the feed's host already has `perHost` polls running.
   */
  async pollNow(feed: FeedEntity): Promise<FeedPollResult> {
    const running = this.inFlight.get(feed.id);
    if (running) await running.poll;
    // The caller's copy of the feed is current unless a poll of it ended meanwhile (new validators, schedule).
    const fresh = running ? ((await this.feeds.byId(feed.id)) ?? feed) : feed;
    // Another manual poll may have started this feed while we read it: share its outcome.
    const started = this.inFlight.get(feed.id);
    if (started) return started.poll;
    const host = hostOf(fresh.url);
    if ((this.perHost.get(host) ?? 0) >= this.config.polling.perHost) {
      throw new HostBusyError(host, this.config.polling.perHost, this.secondsUntilSlot(host));
    }
    return this.launch(fresh);
  }

  /** With POLLING_ENABLED=false nothing is ever scheduled; only manual polls run. */
  private schedule(delayMs: number): void {
    if (this.stopped || !this.config.polling.enabled) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      const free = this.config.polling.workers - this.inFlight.size;
      if (free > 0) {
        const due = await this.feeds.due(Date.now(), free * 4, [...this.inFlight.keys()]);
        for (const feed of due) {
          if (this.inFlight.size >= this.config.polling.workers) break;
          if (this.inFlight.has(feed.id) || (this.perHost.get(hostOf(feed.url)) ?? 0) >= this.config.polling.perHost) continue;
          void this.launch(feed);
        }
      }
    } catch (error) {
      this.logger.error(`scheduling failed: ${(error as Error)?.message ?? String(error)}`);
    } finally {
      this.ticking = false;
      this.schedule(TICK_MS);
    }
  }

  /** Starts a poll; the promise it returns never rejects (the scheduler does not await it). */
  private launch(feed: FeedEntity): Promise<FeedPollResult> {
    const host = hostOf(feed.url);
    this.perHost.set(host, (this.perHost.get(host) ?? 0) + 1);
    const poll = this.poller
      .poll(feed, this.abort.signal)
      // The poller does not throw; this is the last guard, since an unhandled rejection would
      // end the process.
      .catch((error: unknown): FeedPollResult => {
        this.logger.error(`feed ${feed.id} (${feed.url}): poll failed: ${(error as Error)?.stack ?? String(error)}`);
        return { status: 'error', newStories: 0, updatedStories: 0, error: describeFailure(error) };
      })
      .finally(() => {
        const left = (this.perHost.get(host) ?? 1) - 1;
        if (left > 0) this.perHost.set(host, left);
        else this.perHost.delete(host);
        if (this.inFlight.get(feed.id)?.poll === poll) this.inFlight.delete(feed.id);
        // A finished poll frees a worker: look for more due work without waiting for the next tick.
        if (!this.ticking) this.schedule(0);
      });
    this.inFlight.set(feed.id, { poll, host, startedAt: Date.now() });
    return poll;
  }

  /** Seconds until the oldest running poll of `host` ends at the latest. */
  private secondsUntilSlot(host: string): number {
    const starts = [...this.inFlight.values()].filter((p) => p.host === host).map((p) => p.startedAt);
    const endsBy = (starts.length ? Math.min(...starts) : Date.now()) + this.config.fetch.timeoutMs;
    return Math.max(1, Math.ceil((endsBy - Date.now()) / 1000));
  }

  /**
   * Stops scheduling, lets running polls finish within the grace period, then cancels the rest,
   * and writes the times of unchanged polls still held (see FeedsRepository.recordPollTimes).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const running = [...this.inFlight.values()].map((p) => p.poll);
    if (running.length > 0) {
      this.logger.log(`waiting for ${running.length} poll(s) to finish`);
      let graceTimer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (graceTimer = setTimeout(resolve, this.config.polling.shutdownGraceMs)));
      await Promise.race([Promise.allSettled(running), grace]);
      clearTimeout(graceTimer);
      this.abort.abort();
      await Promise.allSettled(running);
    }
    await this.feeds.writePollTimes();
  }
}
