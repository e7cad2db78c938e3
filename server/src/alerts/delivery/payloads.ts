import type { Alert, AlertWebhookPayload, AlertSeverity, Story } from '@sentinel/shared';

export interface FiredAlert extends Pick<Alert, 'clusterId' | 'sources' | 'corroboration' | 'followUpOf'> {
  id: number;
  firedAt: number;
  severity: AlertSeverity;
  rule: { id: number; name: string; query: string };
  story: Story;
}

/** "Reuters (reuters.com), BBC News (bbc.co.uk)": the sources of the alert's event, for people to read. */
export function sourcesText(alert: Pick<FiredAlert, 'sources'>): string {
  return alert.sources.map((s) => (s.feedTitle === s.outlet ? s.outlet : `${s.feedTitle} (${s.outlet})`)).join(', ');
}

/** The first line of a follow-up, or null for an ordinary alert: "Now corroborated: wire service and 2 others (follow-up to alert 12)". */
export function followUpText(alert: Pick<FiredAlert, 'followUpOf' | 'corroboration'>): string | null {
  if (alert.followUpOf === null) return null;
  return `Now corroborated: ${alert.corroboration?.text ?? 'more sources'} (follow-up to alert ${alert.followUpOf})`;
}

/** The documented JSON body of a generic webhook (see the README's Alerts section). */
export function genericPayload(alert: FiredAlert): AlertWebhookPayload {
  const { story } = alert;
  return {
    event: 'alert.fired',
    alert: { id: alert.id, firedAt: new Date(alert.firedAt).toISOString(), severity: alert.severity, rule: alert.rule, followUpOf: alert.followUpOf },
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
    cluster: {
      id: alert.clusterId,
      corroboration: alert.corroboration,
      sources: alert.sources.map((s) => ({ outlet: s.outlet, feedTitle: s.feedTitle, storyId: s.storyId })),
    },
  };
}

const SLACK_EMOJI: Record<AlertSeverity, string> = { info: ':information_source:', warning: ':warning:', critical: ':rotating_light:' };

/** Slack's incoming-webhook format: a text fallback and one section block. Escapes &, <, >. */
export function slackPayload(alert: FiredAlert): { text: string; blocks: unknown[] } {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const title = escape(alert.story.title);
  const link = alert.story.url ? `<${alert.story.url}|${title}>` : title;
  const followUp = followUpText(alert);
  const headline = followUp ? `${escape(followUp)}: ${title}` : title;
  const text = `${SLACK_EMOJI[alert.severity]} ${escape(alert.rule.name)}: ${headline}`;
  const sources = alert.sources.length ? `${alert.sources.length} ${alert.sources.length === 1 ? 'source' : 'sources'}: ${escape(sourcesText(alert))}` : alert.story.sources.map((s) => escape(s.feedTitle)).join(', ');
  const context = [alert.corroboration ? escape(alert.corroboration.text) : '', sources, alert.story.regions.join(' '), alert.story.topics.join(', ')].filter(Boolean).join(' · ');
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${SLACK_EMOJI[alert.severity]} *${escape(alert.rule.name)}*${followUp ? `\n${escape(followUp)}` : ''}\n${link}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: context || 'Sentinel Wire' }] },
    ],
  };
}
