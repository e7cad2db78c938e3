import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/config';
import type { AlertDeliveryEntity } from '../../database/entities';
import { OutboundPolicy } from '../../feeds/fetcher';
import { USER_AGENT } from '../../feeds/user-agent';
import { StoriesService } from '../../stories/stories.service';
import { AlertsRepository } from '../alerts.repository';
import { EmailSender } from './email-sender';
import { FiredAlert, genericPayload, slackPayload } from './payloads';
import { DeliveryError, WebhookSender } from './webhook-sender';

const TICK_MS = 1000;
const PARALLEL = 4;

/**
 * Delivers fired alerts to their channels from the delivery table, so nothing is lost across a
 * restart: a pending delivery (also one cut off by a crash) is tried again when the server is
 * back, which makes delivery at-least-once; receivers can de-duplicate by alert id. Failures
 * are retried after ALERT_RETRY_DELAYS_SEC, then marked failed with the last error.
 */
@Injectable()
export class DeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertDelivery');
  private readonly webhooks: WebhookSender;
  private readonly email: EmailSender;
  private readonly inFlight = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = false;

  constructor(
    private readonly repository: AlertsRepository,
    private readonly stories: StoriesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.webhooks = new WebhookSender(new OutboundPolicy(config.outboundAllowHosts), USER_AGENT);
    this.email = new EmailSender(config.alerts.smtpUrl, config.alerts.emailFrom);
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.email.close();
  }

  kick(): void {
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      const due = await this.repository.dueDeliveries(Date.now(), PARALLEL - this.inFlight.size, [...this.inFlight]);
      await Promise.all(due.map((d) => this.attempt(d)));
    } catch (error) {
      this.logger.error(`delivery round failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
      this.schedule(TICK_MS);
    }
  }

  private async attempt(delivery: AlertDeliveryEntity): Promise<void> {
    this.inFlight.add(delivery.id);
    try {
      await this.send(delivery);
      await this.repository.updateDelivery(delivery.id, { status: 'delivered', attempts: delivery.attempts + 1, deliveredAt: Date.now(), lastError: null, nextAttemptAt: null });
    } catch (error) {
      const message = error instanceof DeliveryError ? error.message : `internal error: ${(error as Error).message}`;
      const attempts = delivery.attempts + 1;
      const delays = this.config.alerts.retryDelaysSec;
      const exhausted = attempts > delays.length;
      await this.repository.updateDelivery(delivery.id, {
        attempts,
        lastError: message,
        status: exhausted ? 'failed' : 'pending',
        nextAttemptAt: exhausted ? null : Date.now() + delays[attempts - 1] * 1000,
      });
      this.logger.warn(`alert ${delivery.alertId} to channel ${delivery.channelId}: attempt ${attempts} failed: ${message}${exhausted ? ' (giving up)' : ''}`);
    } finally {
      this.inFlight.delete(delivery.id);
    }
  }

  private async send(delivery: AlertDeliveryEntity): Promise<void> {
    const channel = await this.repository.channel(delivery.channelId);
    if (!channel) throw new DeliveryError('the channel was deleted');
    const alert = await this.firedAlert(delivery.alertId);
    if (channel.type === 'email') return this.email.send(channel.target, alert);
    const body = JSON.stringify(channel.format === 'slack' ? slackPayload(alert) : genericPayload(alert));
    await this.webhooks.send({ url: channel.target, secret: channel.secret, body, timestampSec: Math.floor(Date.now() / 1000) });
  }

  private async firedAlert(alertId: number): Promise<FiredAlert> {
    const alert = await this.repository.alert(alertId);
    if (!alert) throw new DeliveryError('the alert no longer exists');
    const rule = await this.repository.rule(alert.ruleId);
    const [story] = await this.stories.findByIds([alert.storyId]);
    if (!rule || !story) throw new DeliveryError('the rule or story of the alert no longer exists');
    return { id: alert.id, firedAt: alert.firedAt, severity: rule.severity, rule: { id: rule.id, name: rule.name, query: rule.query }, story };
  }
}
