import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LIVE_EVENTS, subjectOf, type ChangeKind, type ChangeSubject } from '@sentinel/shared';
import { AlertsService } from '../alerts/alerts.service';
import { ClustersService } from '../clusters/clusters.service';
import { ChangeLogReader } from '../database/change-log';
import { Database } from '../database/database';
import type { DomainEventMap } from '../events/domain-events';
import { FeedsService } from '../feeds/feeds.service';
import { StoriesService } from '../stories/stories.service';

/** A change as the gateway handles it, live from the bus or rebuilt from the change log: the bus payload plus its kind. */
export type ReplayedEvent = { [K in ChangeKind]: { kind: K } & DomainEventMap[K] }[ChangeKind];

type KindsAbout<S extends ChangeSubject> = { [K in ChangeKind]: (typeof LIVE_EVENTS)[K] extends { subject: S } ? K : never }[ChangeKind];
/** What every event about a subject carries besides its id and kind, rebuilt from the subject's current state. */
type SubjectBody<S extends ChangeSubject> = Omit<DomainEventMap[KindsAbout<S>], 'eventId'>;
/** One loader per subject of shared/src/events.ts; a new subject does not compile until it has one. */
type SubjectLoaders = { [S in ChangeSubject]: (ids: number[]) => Promise<Map<number, SubjectBody<S>>> };

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
    private readonly clusters: ClustersService,
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

  private readonly loaders: SubjectLoaders = {
    story: async (ids) => new Map((await this.stories.findByIds(ids)).map((story) => [story.id, { story }])),
    feed: async (ids) => new Map((await this.feeds.byIds(ids)).map((feed) => [feed.id, { feed }])),
    // A cluster merged away since is not replayed: its stories are in the cluster it went into.
    cluster: async (ids) => new Map((await this.clusters.byIds(ids)).map((cluster) => [cluster.id, { cluster }])),
    // A merged-away cluster is replayed with the cluster its stories are in now.
    'cluster-merge': async (ids) => new Map((await this.clusters.mergesOf(ids)).map((merge) => [merge.id, merge])),
    alert: async (ids) => {
      const alerts = await this.alerts.byIds(ids);
      const audiences = await this.alerts.audiencesOf(alerts);
      return new Map(alerts.flatMap((alert) => {
        const audience = audiences.get(alert.id);
        return audience ? [[alert.id, { alert, audience }] as const] : [];
      }));
    },
  };

  latestId(): Promise<number> {
    return this.log.latestId();
  }

  async since(since: number): Promise<ReplayedEvent[] | 'too-old'> {
    const entries = await this.log.after(since, MAX_REPLAY + 1);
    if (entries.length > MAX_REPLAY) return 'too-old';
    const oldest = await this.log.oldestId();
    // Events between `since` and the oldest one kept were pruned: the client cannot catch up.
    if (oldest !== null && since < oldest - 1 && since !== 0) return 'too-old';
    const ids = new Map<ChangeSubject, Set<number>>();
    for (const entry of entries) {
      const subject = subjectOf(entry.kind);
      ids.set(subject, (ids.get(subject) ?? new Set()).add(entry.subjectId));
    }
    const bodies = new Map<ChangeSubject, Map<number, object>>();
    for (const [subject, subjectIds] of ids) bodies.set(subject, await this.loaders[subject]([...subjectIds]));
    const replayed: ReplayedEvent[] = [];
    for (const entry of entries) {
      // A subject deleted since (a removed feed, say) has nothing left to replay.
      const body = bodies.get(subjectOf(entry.kind))?.get(entry.subjectId);
      if (body) replayed.push({ ...body, eventId: entry.id, kind: entry.kind } as ReplayedEvent);
    }
    return replayed;
  }
}
