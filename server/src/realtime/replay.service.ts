import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Alert, Feed, Story } from '@sentinel/shared';
import type { AlertAudience } from '../alerts/alert-visibility';
import { AlertsService } from '../alerts/alerts.service';
import { ChangeLogReader } from '../database/change-log';
import { Database } from '../database/database';
import { FeedsService } from '../feeds/feeds.service';
import { StoriesService } from '../stories/stories.service';

export type ReplayedEvent =
  | { eventId: number; kind: 'story:new' | 'story:updated'; story: Story }
  | { eventId: number; kind: 'feed:health'; feed: Feed }
  | { eventId: number; kind: 'alert:fired'; alert: Alert; audience: AlertAudience };

/** Most events one reconnect replays; a client that missed more is told to refetch. */
export const MAX_REPLAY = 2000;
/** How long the change log keeps events; a client away longer is told to refetch. */
export const CHANGE_LOG_RETENTION_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 3600_000;

/** Rebuilds missed events from the change log and the current state of what they name. */
@Injectable()
export class ReplayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ChangeLog');
  private readonly log: ChangeLogReader;
  private pruneTimer: NodeJS.Timeout | null = null;

  constructor(
    db: Database,
    private readonly stories: StoriesService,
    private readonly feeds: FeedsService,
    private readonly alerts: AlertsService,
  ) {
    this.log = new ChangeLogReader(db);
  }

  onApplicationBootstrap(): void {
    const prune = () =>
      this.log.prune(Date.now() - CHANGE_LOG_RETENTION_MS).then(
        (removed) => removed && this.logger.log(`pruned ${removed} change-log entries older than 7 days`),
        (error) => this.logger.warn(`pruning the change log failed: ${(error as Error).message}`),
      );
    void prune();
    this.pruneTimer = setInterval(() => void prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  onApplicationShutdown(): void {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
  }

  latestId(): Promise<number> {
    return this.log.latestId();
  }

  async since(since: number): Promise<ReplayedEvent[] | 'too-old'> {
    const entries = await this.log.after(since, MAX_REPLAY + 1);
    if (entries.length > MAX_REPLAY) return 'too-old';
    const oldest = await this.log.oldestId();
    // Events between `since` and the oldest one kept were pruned: the client cannot catch up.
    if (oldest !== null && since < oldest - 1 && since !== 0) return 'too-old';
    const storyIds = [...new Set(entries.filter((e) => e.kind.startsWith('story:')).map((e) => e.subjectId))];
    const stories = new Map((await this.stories.findByIds(storyIds)).map((s) => [s.id, s]));
    const feedIds = new Set(entries.filter((e) => e.kind === 'feed:health').map((e) => e.subjectId));
    const feeds = feedIds.size ? new Map((await this.feeds.list()).filter((f) => feedIds.has(f.id)).map((f) => [f.id, f])) : new Map<number, Feed>();
    const alertIds = entries.filter((e) => e.kind === 'alert:fired').map((e) => e.subjectId);
    const alertList = await this.alerts.byIds(alertIds);
    const alerts = new Map(alertList.map((a) => [a.id, a]));
    const audiences = await this.alerts.audiencesOf(alertList);
    const replayed: ReplayedEvent[] = [];
    for (const entry of entries) {
      if (entry.kind === 'story:new' || entry.kind === 'story:updated') {
        const story = stories.get(entry.subjectId);
        if (story) replayed.push({ eventId: entry.id, kind: entry.kind, story });
      } else if (entry.kind === 'feed:health') {
        const feed = feeds.get(entry.subjectId);
        if (feed) replayed.push({ eventId: entry.id, kind: 'feed:health', feed });
      } else if (entry.kind === 'alert:fired') {
        const alert = alerts.get(entry.subjectId);
        const audience = audiences.get(entry.subjectId);
        if (alert && audience) replayed.push({ eventId: entry.id, kind: 'alert:fired', alert, audience });
      }
    }
    return replayed;
  }
}
