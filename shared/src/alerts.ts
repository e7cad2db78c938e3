/** Keyword alerts: rules, channels, fired alerts and their deliveries (HTTP API payloads). */
import type { ClusterSource, CorroborationLevel } from './clusters';

export type AlertMode = 'each' | 'threshold' | 'spike';
export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface AlertRule {
  id: number;
  /** The user who owns the rule (analysts see and change only their own); null once that user is deleted. */
  ownerId: number | null;
  name: string;
  query: string;
  mode: AlertMode;
  severity: AlertSeverity;
  /** Channel ids the rule delivers to; the dashboard always gets every alert. */
  channels: number[];
  /**
   * After a rule fires, matching stories of other events within this many seconds attach to that
   * alert instead of firing again. (Stories of an event the rule already alerted on always attach.)
   */
  cooldownSec: number;
  /** `threshold`: fire when this many matching stories arrive within `windowSec`. */
  threshold: number;
  windowSec: number;
  enabled: boolean;
  /** Muted rules are evaluated but never fire, until unmuted. */
  muted: boolean;
  /**
   * When an alert fired for an event that was not yet corroborated (one source, or official
   * statements only) and the event later becomes corroborated, fire one follow-up alert.
   */
  followUpOnCorroboration: boolean;
  /** A snoozed rule does not fire until this time. */
  snoozedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  lastFiredAt: string | null;
  /** Alerts this rule fired in the last 24 hours and in all. */
  firedLast24h: number;
  firedTotal: number;
}

export interface SaveAlertRuleRequest {
  name: string;
  query: string;
  mode?: AlertMode;
  severity?: AlertSeverity;
  channels?: number[];
  cooldownSec?: number;
  threshold?: number;
  windowSec?: number;
  enabled?: boolean;
  /** Default false. */
  followUpOnCorroboration?: boolean;
}

export interface QueryErrorDetail {
  message: string;
  line: number;
  column: number;
}

export type ValidateQueryResponse = { valid: true; normalized: string } | { valid: false; error: QueryErrorDetail };

export interface PreviewRequest {
  query: string;
  mode?: AlertMode;
  threshold?: number;
  windowSec?: number;
  cooldownSec?: number;
  /** ISO date; default: seven days ago. */
  since?: string;
}

export interface PreviewResponse {
  /** Stories searched, newest first. */
  scanned: number;
  /** Stories whose text matched (event conditions aside). */
  matched: number;
  /**
   * How many alerts the rule would have fired, with cooldown and mode applied, once per event.
   * Event conditions (`sources>=3`) are checked against each event as it is now, not as it was
   * when the story arrived, so a rule waiting for corroboration shows the events that got it.
   */
  wouldFire: number;
  alerts: { firedAt: string; storyId: number; storyTitle: string; attached: number }[];
}

export type ChannelType = 'webhook' | 'email';

export interface AlertChannel {
  id: number;
  /** The user who owns the channel; only its owner's rules (and admins') may deliver to it. */
  ownerId: number | null;
  type: ChannelType;
  name: string;
  /**
   * webhook: the URL masked to scheme, host and its last 4 characters (`https://hooks.slack.com/…a1B2`),
   * since a webhook URL is often a credential; email: the address. The webhook secret is never returned.
   */
  target: string;
  format: 'generic' | 'slack';
  enabled: boolean;
  createdAt: string;
}

export interface SaveChannelRequest {
  type: ChannelType;
  name: string;
  /** webhook */
  url?: string;
  secret?: string;
  format?: 'generic' | 'slack';
  /** email */
  to?: string;
  enabled?: boolean;
}

export interface AlertDelivery {
  channelId: number;
  channelName: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}

/** An event's corroboration as it stood when an alert fired. */
export interface AlertCorroboration {
  level: CorroborationLevel;
  text: string;
}

export interface Alert {
  id: number;
  ruleId: number;
  ruleName: string;
  severity: AlertSeverity;
  /** The first story of the event that matched the rule (for a follow-up: the story of the alert it follows). */
  storyId: number;
  storyTitle: string;
  storyUrl: string | null;
  firedAt: string;
  /**
   * Further matching stories attached instead of firing: later stories of the same event, and
   * stories of other events that arrived during the cooldown.
   */
  attachedStoryIds: number[];
  /** The event (cluster) the alert is about; null for a story that was never placed in one. */
  clusterId: number | null;
  /** The event's sources when the alert fired, oldest first; empty for a story never placed in an event. */
  sources: ClusterSource[];
  /** The event's corroboration when the alert fired; null for a story never placed in an event. */
  corroboration: AlertCorroboration | null;
  /** Set on a follow-up: the alert it follows, fired when that alert's event became corroborated. */
  followUpOf: number | null;
  acknowledgedAt: string | null;
  deliveries: AlertDelivery[];
}

/** The JSON body a webhook receives (format `generic`). Slack-format channels get `{text, blocks}`. */
export interface AlertWebhookPayload {
  event: 'alert.fired';
  /** `followUpOf`: set on a follow-up, the id of the alert whose event has now been corroborated. */
  alert: { id: number; firedAt: string; severity: AlertSeverity; rule: { id: number; name: string; query: string }; followUpOf: number | null };
  story: { id: number; title: string; url: string | null; summary: string; publishedAt: string; regions: string[]; topics: string[]; sources: { feedTitle: string; url: string | null }[] };
  /** The event the alert is about, as it stood when the alert fired: the sources that triggered it and its corroboration. */
  cluster: { id: number | null; corroboration: AlertCorroboration | null; sources: { outlet: string; feedTitle: string; storyId: number }[] };
}
