import { Injectable } from '@nestjs/common';
import type { Alert, AlertChannel, AlertCorroboration, AlertRule, ClusterSource, Story } from '@sentinel/shared';
import { AlertChannelEntity, AlertEntity, AlertRuleEntity } from '../database/entities';
import { StoriesService } from '../stories/stories.service';
import { AlertsRepository } from './alerts.repository';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Builds the public shapes of rules, channels and alerts. */
@Injectable()
export class AlertViews {
  constructor(
    private readonly repository: AlertsRepository,
    private readonly stories: StoriesService,
  ) {}

  async rules(entities: AlertRuleEntity[]): Promise<AlertRule[]> {
    const counts = await this.repository.firedCounts(entities.map((r) => r.id), Date.now() - 24 * 3600_000);
    return entities.map((r) => ({
      id: r.id,
      ownerId: r.ownerId,
      name: r.name,
      query: r.query,
      mode: r.mode,
      severity: r.severity,
      channels: JSON.parse(r.channels) as number[],
      cooldownSec: r.cooldownSec,
      threshold: r.threshold,
      windowSec: r.windowSec,
      enabled: r.enabled,
      muted: r.muted,
      followUpOnCorroboration: r.followUpOnCorroboration,
      snoozedUntil: r.snoozedUntil !== null && r.snoozedUntil > Date.now() ? iso(r.snoozedUntil) : null,
      createdAt: new Date(r.createdAt).toISOString(),
      updatedAt: new Date(r.updatedAt).toISOString(),
      lastFiredAt: iso(r.lastFiredAt),
      firedLast24h: counts.get(r.id)?.recent ?? 0,
      firedTotal: counts.get(r.id)?.total ?? 0,
    }));
  }

  async rule(entity: AlertRuleEntity): Promise<AlertRule> {
    return (await this.rules([entity]))[0];
  }

  /** A channel as the API shows it: never the secret, and a webhook URL masked (see maskWebhookUrl). */
  channel(c: AlertChannelEntity): AlertChannel {
    const target = c.type === 'webhook' ? maskWebhookUrl(c.target) : c.target;
    return { id: c.id, ownerId: c.ownerId, type: c.type, name: c.name, target, format: c.format, enabled: c.enabled, createdAt: new Date(c.createdAt).toISOString() };
  }

  async alerts(entities: AlertEntity[], preloaded: Story[] = []): Promise<Alert[]> {
    // Only the rules, stories and channels these alerts name: a view of one alert reads a handful of rows.
    const rules = new Map((await this.repository.rulesByIds([...new Set(entities.map((a) => a.ruleId))])).map((r) => [r.id, r]));
    const known = new Map(preloaded.map((s) => [s.id, s]));
    const missing = [...new Set(entities.map((a) => a.storyId))].filter((id) => !known.has(id));
    for (const story of await this.stories.findByIds(missing)) known.set(story.id, story);
    const attached = await this.repository.attached(entities);
    const deliveries = await this.repository.deliveriesFor(entities.map((a) => a.id));
    const deliveriesOf = new Map<number, typeof deliveries>();
    for (const d of deliveries) deliveriesOf.set(d.alertId, [...(deliveriesOf.get(d.alertId) ?? []), d]);
    const channels = new Map((await this.repository.channelsByIds([...new Set(deliveries.map((d) => d.channelId))])).map((c) => [c.id, c]));
    return entities.map((a) => {
      const rule = rules.get(a.ruleId);
      const story = known.get(a.storyId);
      return {
        id: a.id,
        ruleId: a.ruleId,
        ruleName: rule?.name ?? `rule ${a.ruleId}`,
        severity: rule?.severity ?? 'info',
        storyId: a.storyId,
        storyTitle: story?.title ?? '',
        storyUrl: story?.url ?? null,
        firedAt: new Date(a.firedAt).toISOString(),
        attachedStoryIds: attached.get(a.id) ?? [],
        ...alertEvent(a),
        acknowledgedAt: iso(a.acknowledgedAt),
        deliveries: (deliveriesOf.get(a.id) ?? []).map((d) => ({
          channelId: d.channelId,
          channelName: channels.get(d.channelId)?.name ?? `channel ${d.channelId}`,
          status: d.status,
          attempts: d.attempts,
          lastError: d.lastError,
          deliveredAt: iso(d.deliveredAt),
          nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
        })),
      };
    });
  }
}

/** What an alert row keeps of its event: the event, its sources and corroboration when it fired, and the alert it follows up. */
export function alertEvent(a: AlertEntity): Pick<Alert, 'clusterId' | 'sources' | 'corroboration' | 'followUpOf'> {
  return {
    clusterId: a.clusterId,
    sources: JSON.parse(a.sources) as ClusterSource[],
    corroboration: a.corroboration === null ? null : (JSON.parse(a.corroboration) as AlertCorroboration),
    followUpOf: a.followUpOf,
  };
}

/**
 * A webhook URL as shown to people: scheme and host, then only its last 4 characters
 * (`https://hooks.slack.com/…a1B2`). Services such as Slack put the credential in the path, so
 * the full URL is as secret as the signing secret; the tail is enough to tell two hooks apart.
 */
export function maskWebhookUrl(raw: string): string {
  let origin: string;
  try {
    origin = new URL(raw).origin;
  } catch {
    return '…';
  }
  const rest = raw.startsWith(origin) ? raw.slice(origin.length) : raw;
  if (rest.length <= 1) return `${origin}${rest}`;
  return `${origin}/…${rest.slice(-4)}`;
}
