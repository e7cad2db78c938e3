import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DomainEvents } from '../events/domain-events';
import { FeedsRepository } from './feeds.repository';

/** How long the map goes without a reload: a change made by another instance shows within this. */
export const FEED_GROUPS_REFRESH_MS = 60_000;
/** A story from a feed the map does not know (added by another instance) reloads it, at most this often. */
const UNKNOWN_FEED_RELOAD_MS = 2_000;

/**
 * Each feed's group, in memory, so that the socket subscriptions can match live stories to a
 * `group` filter without a query per story. FeedsService reloads it after every change it makes
 * to the feeds, before the change can bring a story; it is also reloaded every minute and when a
 * story comes from a feed it does not know (both for changes made by another instance), and a
 * feed's health event carries its current group.
 */
@Injectable()
export class FeedGroups implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('FeedGroups');
  private groups = new Map<number, string | null>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private off: (() => void) | null = null;

  constructor(
    private readonly feeds: FeedsRepository,
    private readonly events: DomainEvents,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.off = this.events.on('feed:health', ({ feed }) => this.groups.set(feed.id, feed.group));
    this.timer = setInterval(() => void this.reload(), FEED_GROUPS_REFRESH_MS);
    this.timer.unref();
    await this.reload();
  }

  onApplicationShutdown(): void {
    this.off?.();
    if (this.timer) clearInterval(this.timer);
  }

  /** The feed's group; null when it has none, undefined when the feed is not known. */
  groupOf = (feedId: number): string | null | undefined => {
    const group = this.groups.get(feedId);
    if (group === undefined && !this.loading && Date.now() - this.loadedAt >= UNKNOWN_FEED_RELOAD_MS) void this.reload();
    return group;
  };

  /**
   * Reads every feed's group again; resolves once the map holds what the database held when it
   * was called (a call during a reload waits for one more, which reads after that call).
   */
  reload(): Promise<void> {
    if (!this.loading) return (this.loading = this.load());
    // A load under way may have read before this call: one more after it serves every such caller.
    this.next ??= this.loading.then(() => {
      this.next = null;
      return this.reload();
    });
    return this.next;
  }

  private load(): Promise<void> {
    return this.feeds
      .all()
      .then((feeds) => {
        this.groups = new Map(feeds.map((feed) => [feed.id, feed.group]));
        this.loadedAt = Date.now();
      })
      .catch((error: Error) => this.logger.warn(`feed groups could not be loaded: ${error.message}`))
      .finally(() => {
        this.loading = null;
      });
  }
}
