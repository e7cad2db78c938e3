import type { AlertDelivery, AlertRule } from '@sentinel/shared';
import { formatCount, formatDateTime, formatTime, plural } from '../../../lib/format';

/**
 * Words for a rule's state, its mode and an alert's deliveries. Every state has a symbol and a
 * label, so that colour is never the only thing that tells them apart.
 */
export type RuleStateKey = 'active' | 'disabled' | 'muted' | 'snoozed';

export interface RuleState {
  key: RuleStateKey;
  symbol: string;
  label: string;
}

export function snoozedUntil(rule: AlertRule, now: number): number | null {
  if (!rule.snoozedUntil) return null;
  const until = Date.parse(rule.snoozedUntil);
  return Number.isFinite(until) && until > now ? until : null;
}

/** Disabled outranks muted, which outranks snoozed: the strongest reason the rule stays silent. */
export function describeRuleState(rule: AlertRule, now: number): RuleState {
  if (!rule.enabled) return { key: 'disabled', symbol: '○', label: 'Disabled' };
  if (rule.muted) return { key: 'muted', symbol: '⊘', label: 'Muted' };
  const until = snoozedUntil(rule, now);
  if (until !== null) {
    const sameDay = new Date(until).toDateString() === new Date(now).toDateString();
    return { key: 'snoozed', symbol: '⏸', label: `Snoozed until ${sameDay ? formatTime(until) : formatDateTime(new Date(until).toISOString())}` };
  }
  return { key: 'active', symbol: '●', label: 'Active' };
}

/** "45 s", "30 min", "1 h 30 min", "2 days". */
export function formatSeconds(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  if (seconds % 86_400 === 0) return plural(seconds / 86_400, 'day');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export function describeRuleMode(rule: Pick<AlertRule, 'mode' | 'threshold' | 'windowSec'>): string {
  switch (rule.mode) {
    case 'each':
      return 'Once per matching event';
    case 'threshold':
      return `${plural(rule.threshold, 'matching story', 'matching stories')} within ${formatSeconds(rule.windowSec)}`;
    case 'spike':
      return `Spike: volume over ${formatSeconds(rule.windowSec)} well above usual (at least ${formatCount(rule.threshold)})`;
  }
}

export interface DeliveryStatusText {
  symbol: string;
  label: string;
  detail: string | null;
}

export function describeDelivery(delivery: AlertDelivery): DeliveryStatusText {
  const attempts = plural(delivery.attempts, 'attempt');
  switch (delivery.status) {
    case 'delivered':
      return { symbol: '✓', label: 'Delivered', detail: `${attempts}${delivery.deliveredAt ? `, ${formatDateTime(delivery.deliveredAt)}` : ''}` };
    case 'failed':
      return { symbol: '✕', label: 'Failed', detail: `${attempts}${delivery.lastError ? `: ${delivery.lastError}` : ''}` };
    case 'pending': {
      const next = delivery.nextAttemptAt ? `, next try ${formatDateTime(delivery.nextAttemptAt)}` : '';
      const error = delivery.lastError ? ` (last error: ${delivery.lastError})` : '';
      return { symbol: '…', label: 'Pending', detail: delivery.attempts === 0 ? `not tried yet${next}` : `${attempts}${next}${error}` };
    }
  }
}
