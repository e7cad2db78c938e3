import type { AlertWebhookPayload, AlertSeverity, Story } from '@sentinel/shared';

export interface FiredAlert {
  id: number;
  firedAt: number;
  severity: AlertSeverity;
  rule: { id: number; name: string; query: string };
  story: Story;
}

/** The documented JSON body of a generic webhook (see the README's Alerts section). */
export function genericPayload(alert: FiredAlert): AlertWebhookPayload {
  const { story } = alert;
  return {
    event: 'alert.fired',
    alert: { id: alert.id, firedAt: new Date(alert.firedAt).toISOString(), severity: alert.severity, rule: alert.rule },
    story: {
      id: story.id,
      title: story.title,
      url: story.url,
      summary: story.summary,
      publishedAt: story.publishedAt,
      regions: story.regions,
      topics: story.topics,
      sources: story.sources.map((s) => ({ feedTitle: s.feedTitle, url: s.url })),
    },
  };
}

const SLACK_EMOJI: Record<AlertSeverity, string> = { info: ':information_source:', warning: ':warning:', critical: ':rotating_light:' };

/** Slack's incoming-webhook format: a text fallback and one section block. Escapes &, <, >. */
export function slackPayload(alert: FiredAlert): { text: string; blocks: unknown[] } {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const title = escape(alert.story.title);
  const link = alert.story.url ? `<${alert.story.url}|${title}>` : title;
  const text = `${SLACK_EMOJI[alert.severity]} ${escape(alert.rule.name)}: ${title}`;
  const context = [alert.story.sources.map((s) => escape(s.feedTitle)).join(', '), alert.story.regions.join(' '), alert.story.topics.join(', ')].filter(Boolean).join(' · ');
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${SLACK_EMOJI[alert.severity]} *${escape(alert.rule.name)}*\n${link}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: context || 'Sentinel Wire' }] },
    ],
  };
}
