import type { Alert } from '@sentinel/shared';
import { plural } from '../../../lib/format';

/** Outlets named in full on an alert row; the rest are counted. */
const OUTLETS_SHOWN = 5;

/** What an alert row says about the event behind it, in words (colour never carries it alone). */
export interface AlertSourcesText {
  /** "3 sources": distinct outlets of the event when the alert fired. */
  count: string;
  /** "reuters.com, aljazeera.com, bbc.co.uk" (and "+2 more" past five). */
  outlets: string;
  /** The full list, outlet and feed title, for a tooltip and screen readers. */
  detail: string;
  /** "wire service and 2 others", as the server worded it when the alert fired; null without an event. */
  corroboration: string | null;
  /** "Follow-up to alert #12: now corroborated"; null for an ordinary alert. */
  followUp: string | null;
}

/** Null when the alert has no event to tell of (a story never placed in one, or an alert from before events). */
export function describeAlertSources(alert: Pick<Alert, 'sources' | 'corroboration' | 'followUpOf'>): AlertSourcesText | null {
  const followUp = alert.followUpOf === null ? null : `Follow-up to alert #${alert.followUpOf}: now corroborated`;
  if (alert.sources.length === 0 && alert.corroboration === null && followUp === null) return null;
  const outlets = [...new Set(alert.sources.map((source) => source.outlet))];
  const shown = outlets.slice(0, OUTLETS_SHOWN).join(', ');
  const rest = outlets.length - OUTLETS_SHOWN;
  return {
    count: plural(outlets.length, 'source'),
    outlets: rest > 0 ? `${shown} +${rest} more` : shown,
    detail: alert.sources.map((source) => `${source.feedTitle} (${source.outlet})`).join(', '),
    corroboration: alert.corroboration?.text ?? null,
    followUp,
  };
}
