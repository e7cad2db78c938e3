import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { AlertDeliveryEntity } from '../../database/entities';
import { StoriesService } from '../../stories/stories.service';
import { alertEvent } from '../alert-views';
import { AlertsRepository } from '../alerts.repository';
import { EmailSender } from './email-sender';
import { FiredAlert, genericPayload, slackPayload } from './payloads';
import { DeliveryError, WEBHOOK_TIMEOUT_MS, WebhookSender } from './webhook-sender';

/** Knobs of the delivery workers; tests shorten them through DELIVERY_TUNING. */
export interface DeliveryTuning {
  /** Deadline of one webhook call, connect to last byte. */
  webhookDeadlineMs: number;
  /** Deadline of one e-mail (SMTP greets, authenticates and accepts in several round trips). */
  emailDeadlineMs: number;
  /** Channels delivered to at the same time (one delivery at a time per channel). */
  maxChannels: number;
  /** How often the table is checked for deliveries that became due. */
  tickMs: number;
}

export const DELIVERY_TUNING = Symbol('DELIVERY_TUNING');

const DEFAULT_TUNING: DeliveryTuning = { webhookDeadlineMs: WEBHOOK_TIMEOUT_MS, emailDeadlineMs: 30_000, maxChannels: 8, tickMs: 1000 };
/** Due deliveries read per round, over all idle channels. */
const DUE_BATCH = 200;

/**
 * Delivers fired alerts to their channels from the delivery table, so nothing is lost across a
 * restart: a pending delivery (also one cut off by a crash) is tried again when the server is
 * back, which makes delivery at-least-once; receivers can de-duplicate by alert id. Failures
 * are retried after ALERT_RETRY_DELAYS_SEC, then marked failed with the last error.
 *
 * Each channel has its own queue: one delivery at a time per channel, up to `maxChannels`
 * channels at once, every attempt under a deadline. A channel that fails rests for the shortest
 * retry delay, so a dead receiver costs one attempt per rest (not one per pending alert), and it
 * never delays other channels.
 *
 * Nothing here may throw out of a timer: every path catches and logs, also when the database
 * write that records a failure fails itself.
 */
@Injectable()
export class DeliveryService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('AlertDelivery');
  private readonly webhooks: WebhookSender;
  private readonly email: EmailSender;
  private readonly tuning: DeliveryTuning;
  /** Channels with a queue running, and that queue. */
  private readonly busy = new Map<number, Promise<void>>();
  /** Channels whose last attempt failed, and until when they rest. */
  private readonly resting = new Map<number, number>();
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly repository: AlertsRepository,
    private readonly stories: StoriesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(DELIVERY_TUNING) tuning?: Partial<DeliveryTuning>,
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.webhooks = new WebhookSender(config.outboundAllowHosts, this.tuning.webhookDeadlineMs);
    this.email = new EmailSender(config.alerts.smtpUrl, config.alerts.emailFrom);
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Stops taking work, interrupts calls in flight (they stay pending) and waits for the queues to record that, while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.busy.values()]);
  }

  onApplicationShutdown(): void {
    this.stopping.abort();
    if (this.timer) clearTimeout(this.timer);
    this.email.close();
  }

  kick(): void {
    this.schedule(0);
  }

  /** Refuses a webhook URL deliveries would refuse (see WebhookSender.checkDestination). */
  checkWebhookUrl(url: string): Promise<void> {
    return this.webhooks.checkDestination(url);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  /** Starts a queue for every idle channel with due deliveries, as far as maxChannels allows. */
  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      const now = Date.now();
      for (const [channelId, until] of this.resting) if (until <= now) this.resting.delete(channelId);
      const free = this.tuning.maxChannels - this.busy.size;
      if (free > 0) {
        const due = await this.repository.dueDeliveries(now, DUE_BATCH, [...this.busy.keys(), ...this.resting.keys()]);
        const queues = new Map<number, AlertDeliveryEntity[]>();
        for (const delivery of due) queues.set(delivery.channelId, [...(queues.get(delivery.channelId) ?? []), delivery]);
        for (const [channelId, queue] of [...queues].slice(0, free)) this.startQueue(channelId, queue);
      }
    } catch (error) {
      this.logger.error(`delivery round failed: ${errorMessage(error)}`);
    } finally {
      this.running = false;
      this.schedule(this.tuning.tickMs);
    }
  }

  private startQueue(channelId: number, queue: AlertDeliveryEntity[]): void {
    const run = this.runQueue(channelId, queue)
      .catch((error: unknown) => {
        try {
          this.logger.error(`deliveries to channel ${channelId} failed: ${errorMessage(error)}`);
        } catch {
          // Not even a failing logger may leave a rejected promise behind.
        }
      })
      .finally(() => {
        this.busy.delete(channelId);
        // More may have become due for this channel while it was busy.
        if (!this.resting.has(channelId)) this.kick();
      });
    this.busy.set(channelId, run);
  }

  /** One channel's deliveries in order, until one fails: the rest wait for the channel's retry. */
  private async runQueue(channelId: number, queue: AlertDeliveryEntity[]): Promise<void> {
    for (const delivery of queue) {
      if (this.stopped) return;
      const outcome = await this.attempt(delivery);
      if (outcome === 'delivered' || outcome === 'given-up') continue;
      // Rest for the shortest retry delay, not this delivery's back-off: a new alert's first
      // attempt should not wait behind an old alert's last one.
      this.resting.set(channelId, Date.now() + Math.max(this.tuning.tickMs, (this.config.alerts.retryDelaysSec[0] ?? 0) * 1000));
      return;
    }
  }

  /**
   * Sends one delivery and records the outcome: 'delivered'; 'given-up' when retrying cannot
   * help (channel deleted or disabled, alert gone); 'failed' otherwise.
   */
  private async attempt(delivery: AlertDeliveryEntity): Promise<'delivered' | 'given-up' | 'failed'> {
    let failure: DeliveryError | null = null;
    try {
      await this.send(delivery);
    } catch (error) {
      // Interrupted by shutdown: leave it pending, untouched, for the next start.
      if (this.stopped) return 'failed';
      failure = error instanceof DeliveryError ? error : new DeliveryError(`internal error: ${errorMessage(error)}`);
    }
    try {
      if (!failure) {
        await this.recordSuccess(delivery);
        return 'delivered';
      }
      await this.recordFailure(delivery, failure);
      return failure.permanent ? 'given-up' : 'failed';
    } catch (error) {
      // The outcome is lost, the row stays pending and is sent again (at least once).
      this.logger.error(`alert ${delivery.alertId} to channel ${delivery.channelId}: could not record the attempt: ${errorMessage(error)}`);
      return failure ? 'failed' : 'delivered';
    }
  }

  private async recordSuccess(delivery: AlertDeliveryEntity): Promise<void> {
    await this.repository.updateDelivery(delivery.id, { status: 'delivered', attempts: delivery.attempts + 1, deliveredAt: Date.now(), lastError: null, nextAttemptAt: null });
  }

  private async recordFailure(delivery: AlertDeliveryEntity, failure: DeliveryError): Promise<void> {
    const attempts = delivery.attempts + 1;
    const delays = this.config.alerts.retryDelaysSec;
    const exhausted = failure.permanent || attempts > delays.length;
    const nextAttemptAt = exhausted ? null : Date.now() + delays[attempts - 1] * 1000;
    this.logger.warn(`alert ${delivery.alertId} to channel ${delivery.channelId}: attempt ${attempts} failed: ${failure.message}${exhausted ? ' (giving up)' : ''}`);
    await this.repository.updateDelivery(delivery.id, { attempts, lastError: failure.message, status: exhausted ? 'failed' : 'pending', nextAttemptAt });
  }

  private async send(delivery: AlertDeliveryEntity): Promise<void> {
    const channel = await this.repository.channel(delivery.channelId);
    if (!channel) throw new DeliveryError('the channel was deleted', true);
    if (!channel.enabled) throw new DeliveryError('the channel was disabled', true);
    const alert = await this.firedAlert(delivery.alertId);
    if (channel.type === 'email') return withDeadline(this.email.send(channel.target, alert), this.tuning.emailDeadlineMs, this.stopping.signal);
    const body = JSON.stringify(channel.format === 'slack' ? slackPayload(alert) : genericPayload(alert));
    await this.webhooks.send({ url: channel.target, secret: channel.secret, body, timestampSec: Math.floor(Date.now() / 1000) }, this.stopping.signal);
  }

  private async firedAlert(alertId: number): Promise<FiredAlert> {
    const alert = await this.repository.alert(alertId);
    if (!alert) throw new DeliveryError('the alert no longer exists', true);
    const rule = await this.repository.rule(alert.ruleId);
    const [story] = await this.stories.findByIds([alert.storyId]);
    if (!rule || !story) throw new DeliveryError('the rule or story of the alert no longer exists', true);
    return { id: alert.id, firedAt: alert.firedAt, severity: rule.severity, rule: { id: rule.id, name: rule.name, query: rule.query }, story, ...alertEvent(alert) };
  }
}

/**
 * Stops waiting for an e-mail after `ms`. nodemailer has no way to cancel a send, so a late one
 * may still arrive; the delivery is retried either way (at least once, as documented).
 */
function withDeadline(work: Promise<void>, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: unknown) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = () => done(new DeliveryError('delivery interrupted: the server is stopping'));
    const timer = setTimeout(() => done(new DeliveryError(`e-mail was not accepted within ${ms / 1000} s`)), ms);
    signal.addEventListener('abort', onAbort);
    work.then(() => done(), (error: unknown) => done(error ?? new DeliveryError('e-mail failed')));
  });
}

/** An error's message for the log, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
