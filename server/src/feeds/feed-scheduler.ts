import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { FeedPollResult } from '@sentinel/shared';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { FeedEntity } from '../database/entities';
import { StoriesService } from '../stories/stories.service';
import { FeedFetcher } from './fetcher';
import { FeedPoller } from './feed-poller';
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

/**
 * Runs polls: a tick every second picks the feeds that are due and hands them to a bounded
 * pool of workers, at most `perHost` at a time for any one host, so one slow host never holds
 * up the others. A feed is never polled twice at once.
 */
@Injectable()
export class FeedScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('FeedScheduler');
  private readonly inFlight = new Map<number, Promise<FeedPollResult>>();
  private readonly perHost = new Map<string, number>();
  private readonly abort = new AbortController();
  private readonly poller: FeedPoller;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private stopped = false;

  constructor(
    private readonly feeds: FeedsRepository,
    stories: StoriesService,
    views: FeedViews,
    fetcher: FeedFetcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.poller = new FeedPoller(fetcher, feeds, stories, config.polling, (id, eventId) => void views.announceHealth(id, eventId).catch(() => undefined));
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Asks for a tick now, e.g. after feeds were added. */
  nudge(): void {
    this.schedule(0);
  }

  /** Polls one feed now, whatever its schedule, and returns the outcome. */
  async pollNow(feed: FeedEntity): Promise<FeedPollResult> {
    const running = this.inFlight.get(feed.id);
    if (running) await running.catch(() => undefined);
    const fresh = (await this.feeds.byId(feed.id)) ?? feed;
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
          if ((this.perHost.get(hostOf(feed.url)) ?? 0) >= this.config.polling.perHost) continue;
          void this.launch(feed);
        }
      }
    } catch (error) {
      this.logger.error(`scheduling failed: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
      this.schedule(TICK_MS);
    }
  }

  private launch(feed: FeedEntity): Promise<FeedPollResult> {
    const host = hostOf(feed.url);
    this.perHost.set(host, (this.perHost.get(host) ?? 0) + 1);
    const poll = this.poller.poll(feed, this.abort.signal).finally(() => {
      const left = (this.perHost.get(host) ?? 1) - 1;
      if (left > 0) this.perHost.set(host, left);
      else this.perHost.delete(host);
      if (this.inFlight.get(feed.id) === poll) this.inFlight.delete(feed.id);
      // A finished poll frees a worker: look for more due work without waiting for the next tick.
      if (!this.ticking) this.schedule(0);
    });
    this.inFlight.set(feed.id, poll);
    return poll;
  }

  /** Stops scheduling, lets running polls finish within the grace period, then cancels the rest. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const running = [...this.inFlight.values()];
    if (running.length === 0) return;
    this.logger.log(`waiting for ${running.length} poll(s) to finish`);
    let graceTimer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (graceTimer = setTimeout(resolve, this.config.polling.shutdownGraceMs)));
    await Promise.race([Promise.allSettled(running), grace]);
    clearTimeout(graceTimer);
    this.abort.abort();
    await Promise.allSettled(running);
  }
}
