import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AlertRuleIndex, compileAlertQuery, CompiledAlertQuery, prepareStory, Story } from '@sentinel/shared';
import type { AlertRuleEntity } from '../database/entities';
import { DomainEvents } from '../events/domain-events';
import { StoriesService } from '../stories/stories.service';
import { AlertQueryParser } from './alert-query';
import { AlertViews } from './alert-views';
import { AlertsRepository } from './alerts.repository';
import { DeliveryService, errorMessage } from './delivery/delivery.service';

const BATCH = 200;
/** After a failed run (say, the database was briefly unavailable) the engine tries again this much later. */
const RETRY_MS = 5000;

/**
 * Evaluates every new story against the active rules. Rules are indexed by the terms they
 * require, so a story is tested only against rules whose terms it contains. The engine walks
 * stories in id order from a stored cursor, so stories stored while it was not running (a crash
 * between storing and evaluating) are evaluated when it starts again; the match table makes
 * evaluating a story twice harmless.
 *
 * Evaluation runs from event listeners and timers, so nothing may escape it: a failed run is
 * logged and retried later (the cursor has not moved past what failed).
 */
@Injectable()
export class AlertEngine implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('AlertEngine');
  private index = new AlertRuleIndex<number>();
  private rules = new Map<number, { entity: AlertRuleEntity; compiled: CompiledAlertQuery }>();
  private cursor = 0;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  private unsubscribe: (() => void) | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repository: AlertsRepository,
    private readonly stories: StoriesService,
    private readonly parser: AlertQueryParser,
    private readonly views: AlertViews,
    private readonly events: DomainEvents,
    private readonly delivery: DeliveryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const rule of await this.repository.rules()) this.load(rule);
    const stored = await this.repository.cursor();
    if (stored === null) {
      // First start: alerts begin with the stories that arrive from now on, not the archive.
      this.cursor = await this.stories.maxId();
      await this.repository.saveCursor(this.cursor);
    } else {
      this.cursor = stored;
    }
    this.unsubscribe = this.events.on('story:new', () => void this.kick());
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

  /** Evaluates whatever is new; runs are queued so stories are handled one at a time, in order. Never rejects. */
  kick(): Promise<void> {
    this.chain = this.chain.then(() => this.drain()).catch((error: unknown) => this.failed(error));
    return this.chain;
  }

  private stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.retryTimer) clearTimeout(this.retryTimer);
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

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const ids = await this.stories.idsAfter(this.cursor, BATCH);
      if (ids.length === 0) return;
      if (this.rules.size > 0) {
        const stories = await this.stories.findByIds(ids);
        for (const story of stories) {
          // Stopping mid-batch keeps the cursor before this batch: the rest is evaluated on the next start.
          if (this.stopped) return;
          await this.evaluate(story);
        }
      }
      this.cursor = ids[ids.length - 1];
      await this.repository.saveCursor(this.cursor);
    }
  }

  private async evaluate(story: Story): Promise<void> {
    const prepared = prepareStory(story);
    for (const ruleId of this.index.match(prepared)) {
      const rule = this.rules.get(ruleId);
      if (!rule) continue;
      const outcome = await this.repository.recordMatch(rule.entity, story.id, Date.parse(story.firstSeenAt));
      if (!outcome?.fired) continue;
      const fresh = await this.repository.rule(ruleId);
      if (fresh) rule.entity = fresh;
      const alert = await this.repository.alert(outcome.fired.alertId);
      if (!alert) continue;
      // The alert and its deliveries are stored: announcing it is best effort (clients catch up from the change log).
      this.delivery.kick();
      try {
        const [view] = await this.views.alerts([alert], [story]);
        const audience = { ruleOwnerId: rule.entity.ownerId, story: { regions: story.regions, topics: story.topics } };
        this.events.emit('alert:fired', { eventId: outcome.fired.eventId, alert: view, audience });
      } catch (error) {
        this.logger.error(`alert ${alert.id} was stored but not announced: ${errorMessage(error)}`);
      }
    }
  }
}
