import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { setImmediate as nextTurnOfEventLoop } from 'node:timers/promises';
import { AlertRuleIndex, type Cluster, compileAlertQuery, CompiledAlertQuery, isCorroborated, LONE_STORY_EVENT, matchEvent, prepareStory, Story } from '@sentinel/shared';
import { ClustersService } from '../clusters/clusters.service';
import type { AlertRuleEntity } from '../database/entities';
import { DomainEvents } from '../events/domain-events';
import { StoriesService } from '../stories/stories.service';
import { AlertQueryParser } from './alert-query';
import { AlertViews } from './alert-views';
import { AlertsRepository, type MatchOutcome } from './alerts.repository';
import { DeliveryService, errorMessage } from './delivery/delivery.service';

const BATCH = 200;
/** After a failed run (say, the database was briefly unavailable) the engine tries again this much later. */
const RETRY_MS = 5000;
/**
 * How long a story may wait to be placed in an event before it is evaluated on its own. Placing
 * takes milliseconds; a story still unplaced after this is one the clusters service will not
 * place (first seen outside its window) or failed to. Counted from the story's first sighting,
 * or from the engine's start when that is later: after a restart the clusters service first
 * places the stories stored while it was down.
 */
export const PLACEMENT_GRACE_MS = 120_000;
/** At start-up, events that changed in this time are re-checked for awaiting matches and follow-ups (the clustering window, and a day). */
const RECHECK_HORIZON_MS = 4 * 24 * 3600_000;

interface LoadedRule {
  entity: AlertRuleEntity;
  compiled: CompiledAlertQuery;
}

/**
 * Evaluates every new story against the active rules, once the story is placed in an event: a
 * rule fires once per event. Rules are indexed by the terms they require, so a story is tested
 * only against rules whose terms it contains; a rule's event conditions (`sources>=3`) are then
 * checked against the story's event, and a story whose event does not meet them yet is recorded
 * as awaiting it. The engine walks stories in id order from a stored cursor and stops at the first
 * story not yet placed (for at most PLACEMENT_GRACE_MS), so stories stored while it was not
 * running (a crash between storing and evaluating) are evaluated when it starts again; the match
 * table makes evaluating a story twice harmless.
 *
 * When an event changes (`cluster:updated`, and at the evaluation of each of its stories) it is
 * re-checked: rules whose matches awaited it fire once it meets their conditions, and an alert
 * fired before the event was corroborated gets its one follow-up when it is. At start-up the
 * events that changed since are re-checked, so nothing depends on an event the bus announced
 * while the engine was down.
 *
 * Evaluation runs from event listeners and timers, so nothing may escape it: a failed run is
 * logged and retried later (the cursor has not moved past what failed).
 */
@Injectable()
export class AlertEngine implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('AlertEngine');
  private index = new AlertRuleIndex<number>();
  private rules = new Map<number, LoadedRule>();
  private cursor = 0;
  private chain: Promise<void> = Promise.resolve();
  /** A run is queued and has not started yet. */
  private runQueued = false;
  private stopped = false;
  private unsubscribe: (() => void)[] = [];
  private retryTimer: NodeJS.Timeout | null = null;
  private placementTimer: NodeJS.Timeout | null = null;
  private startedAt = Date.now();
  /** Events announced as changed (or left from the last run) that are still to be re-checked. */
  private readonly changedEvents = new Set<number>();

  constructor(
    private readonly repository: AlertsRepository,
    private readonly stories: StoriesService,
    private readonly clusters: ClustersService,
    private readonly parser: AlertQueryParser,
    private readonly views: AlertViews,
    private readonly events: DomainEvents,
    private readonly delivery: DeliveryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.startedAt = Date.now();
    for (const rule of await this.repository.rules()) this.load(rule);
    const stored = await this.repository.cursor();
    if (stored === null) {
      // First start: alerts begin with the stories that arrive from now on, not the archive.
      this.cursor = await this.stories.maxId();
      await this.repository.saveCursor(this.cursor);
    } else {
      this.cursor = stored;
    }
    for (const id of await this.repository.eventsToRecheck(Date.now() - RECHECK_HORIZON_MS)) this.changedEvents.add(id);
    this.unsubscribe = [
      this.events.on('story:new', () => void this.kick()),
      // A placed story can be evaluated now. Without rules nothing waits for placement or events.
      this.events.on('cluster:new', () => {
        if (this.rules.size > 0) void this.kick();
      }),
      this.events.on('cluster:updated', ({ cluster }) => {
        if (this.rules.size === 0) return;
        this.changedEvents.add(cluster.id);
        void this.kick();
      }),
    ];
    void this.kick();
  }

  /** Lets the run in progress finish its story while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stop();
    await this.chain;
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  /**
   * Re-checks changed events, then evaluates whatever is new; runs are queued so stories are
   * handled one at a time, in order. A burst of announcements queues one run, not one each: the
   * run starts on the next turn of the event loop, so that what is announced meanwhile (a poll's
   * stories, the events they were placed in) joins it. The promise resolves after a run that
   * started after this call. Never rejects.
   */
  kick(): Promise<void> {
    if (this.runQueued) return this.chain;
    this.runQueued = true;
    this.chain = this.chain
      .then(() => nextTurnOfEventLoop())
      .then(async () => {
        this.runQueued = false;
        await this.recheckChangedEvents();
        await this.drain();
      })
      .catch((error: unknown) => this.failed(error));
    return this.chain;
  }

  private stop(): void {
    this.stopped = true;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.placementTimer) clearTimeout(this.placementTimer);
  }

  private failed(error: unknown): void {
    try {
      this.logger.error(`evaluation failed, trying again in ${RETRY_MS / 1000} s: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } catch {
      // A logger that throws must not turn into an unhandled rejection either.
    }
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.kick();
    }, RETRY_MS);
    this.retryTimer.unref();
  }

  /** Picks up a created or changed rule, or drops a deleted or disabled one. */
  reload(rule: AlertRuleEntity | null, id: number): void {
    this.index.remove(id);
    this.rules.delete(id);
    if (rule) this.load(rule);
  }

  private load(rule: AlertRuleEntity): void {
    if (!rule.enabled) return;
    const parsed = this.parser.parse(rule.query);
    if (!parsed.ok) {
      this.logger.warn(`rule ${rule.id} (${rule.name}) no longer parses and is skipped: ${parsed.error.message}`);
      return;
    }
    const compiled = compileAlertQuery(parsed.query);
    this.rules.set(rule.id, { entity: rule, compiled });
    this.index.add(rule.id, compiled);
  }

  /** Whether any rule cares how an event changes: one with event conditions, or one that follows up. */
  private watchesEvents(): boolean {
    for (const rule of this.rules.values()) if (rule.compiled.eventConditions.length > 0 || rule.entity.followUpOnCorroboration) return true;
    return false;
  }

  private async drain(): Promise<void> {
    if (this.rules.size === 0) {
      // Nothing to evaluate: the cursor moves past everything stored, in one step.
      await this.advance(await this.stories.maxId());
      return;
    }
    while (!this.stopped) {
      const ids = await this.stories.idsAfter(this.cursor, BATCH);
      if (ids.length === 0) return;
      if (this.rules.size > 0) {
        const stories = (await this.stories.findByIds(ids)).sort((a, b) => a.id - b.id);
        let evaluated = this.cursor;
        for (const story of stories) {
          // Stopping mid-batch keeps the cursor before this batch: the rest is evaluated on the next start.
          if (this.stopped) return;
          const wait = this.placementWait(story);
          if (wait > 0) {
            // Its event (cluster:new or cluster:updated) kicks the engine again; the timer is the fallback.
            this.wakeIn(wait);
            await this.advance(evaluated);
            return;
          }
          await this.evaluate(story);
          evaluated = story.id;
        }
      }
      await this.advance(ids[ids.length - 1]);
    }
  }

  private async advance(storyId: number): Promise<void> {
    if (storyId <= this.cursor) return;
    this.cursor = storyId;
    await this.repository.saveCursor(storyId);
  }

  /** How long to wait for the story to be placed in an event; 0 to evaluate it now. */
  private placementWait(story: Story): number {
    if (story.clusterId !== null) return 0;
    return Math.max(Date.parse(story.firstSeenAt), this.startedAt) + PLACEMENT_GRACE_MS - Date.now();
  }

  private wakeIn(ms: number): void {
    if (this.placementTimer) clearTimeout(this.placementTimer);
    this.placementTimer = setTimeout(() => {
      this.placementTimer = null;
      void this.kick();
    }, ms + 10);
    this.placementTimer.unref();
  }

  private async evaluate(story: Story): Promise<void> {
    const matched = this.index.match(prepareStory(story));
    const watching = this.watchesEvents();
    if (matched.length === 0 && !watching) return;
    const event = await this.eventOf(story);
    const at = Date.parse(story.firstSeenAt);
    for (const ruleId of matched) {
      const rule = this.rules.get(ruleId);
      if (!rule) continue;
      const conditionsMet = matchEvent(rule.compiled, event ?? LONE_STORY_EVENT);
      await this.announce(rule, await this.repository.recordMatch(rule.entity, story.id, at, { event, conditionsMet }));
    }
    // The story may have been what the event lacked for earlier matches, or for a follow-up.
    if (event && watching) await this.recheck(event);
  }

  /** The story's event as it is now; null for a story evaluated on its own. */
  private async eventOf(story: Story): Promise<Cluster | null> {
    if (story.clusterId === null) return null;
    const [event] = await this.clusters.byIds([story.clusterId]);
    if (event) return event;
    // Merged away since the story was read: its stories are in another event now.
    const [fresh] = await this.stories.findByIds([story.id]);
    return fresh?.clusterId ? ((await this.clusters.byIds([fresh.clusterId]))[0] ?? null) : null;
  }

  private async recheckChangedEvents(): Promise<void> {
    if (this.changedEvents.size === 0) return;
    if (!this.watchesEvents()) {
      this.changedEvents.clear();
      return;
    }
    for (const id of [...this.changedEvents]) {
      if (this.stopped) return;
      const [event] = await this.clusters.byIds([id]);
      if (event) await this.recheck(event);
      // Forgotten only once handled: a failed re-check is tried again with the next run.
      this.changedEvents.delete(id);
    }
  }

  /** Fires what the event's change made due: matches that awaited it, and follow-ups once it is corroborated. */
  private async recheck(event: Cluster): Promise<void> {
    const at = Date.parse(event.updatedAt);
    for (const ruleId of await this.repository.rulesAwaiting(event.id)) {
      const rule = this.rules.get(ruleId);
      if (!rule || !matchEvent(rule.compiled, event)) continue;
      await this.announce(rule, await this.repository.fireAwaitingEvent(rule.entity, event, at));
    }
    if (!isCorroborated(event.corroboration.level)) return;
    const following = [...this.rules.values()].filter((r) => r.entity.followUpOnCorroboration).map((r) => r.entity.id);
    for (const original of await this.repository.followUpCandidates(event.id, following)) {
      const rule = this.rules.get(original.ruleId);
      if (rule) await this.announce(rule, await this.repository.fireFollowUp(original, event, at));
    }
  }

  /** Hands a fired alert to delivery and announces it on the bus; best effort, since the alert and its deliveries are stored. */
  private async announce(rule: LoadedRule, outcome: MatchOutcome | null): Promise<void> {
    if (!outcome?.fired) return;
    const fresh = await this.repository.rule(rule.entity.id);
    if (fresh) rule.entity = fresh;
    const alert = await this.repository.alert(outcome.fired.alertId);
    if (!alert) return;
    this.delivery.kick();
    try {
      const [story] = await this.stories.findByIds([alert.storyId]);
      const [view] = await this.views.alerts([alert], story ? [story] : []);
      const audience = { ruleOwnerId: rule.entity.ownerId, story: story ? { regions: story.regions, topics: story.topics } : null };
      this.events.emit('alert:fired', { eventId: outcome.fired.eventId, alert: view, audience });
    } catch (error) {
      this.logger.error(`alert ${alert.id} was stored but not announced: ${errorMessage(error)}`);
    }
  }
}
