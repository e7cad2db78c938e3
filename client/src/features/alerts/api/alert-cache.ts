import type { Alert, AlertRule, Page } from '@sentinel/shared';
import type { InfiniteData } from '@tanstack/react-query';

/**
 * How a fired or changed alert is written into the cached alert lists and rule counts. Pure
 * functions over cache values, so the realtime bridge and the mutations share one behaviour and
 * the unit tests need no network.
 */
export type AlertHistoryPage = Page<Alert>;
export type AlertHistoryData = InfiniteData<AlertHistoryPage, string | null>;

export interface AlertHistoryFilter {
  ruleId: number | null;
  /** null: both. */
  acknowledged: boolean | null;
}

export const ALL_ALERTS: AlertHistoryFilter = { ruleId: null, acknowledged: null };

export function alertMatchesFilter(alert: Alert, filter: AlertHistoryFilter): boolean {
  if (filter.ruleId !== null && alert.ruleId !== filter.ruleId) return false;
  if (filter.acknowledged !== null && (alert.acknowledgedAt !== null) !== filter.acknowledged) return false;
  return true;
}

function contains(data: AlertHistoryData, id: number): boolean {
  return data.pages.some((page) => page.items.some((item) => item.id === id));
}

/** A new alert goes on top of the newest page; one the list already holds (a replayed event) changes nothing. */
export function withFiredAlert(data: AlertHistoryData | undefined, alert: Alert): AlertHistoryData | undefined {
  if (!data || data.pages.length === 0 || contains(data, alert.id)) return data;
  const [first, ...rest] = data.pages;
  return { ...data, pages: [{ ...first, items: [alert, ...first.items] }, ...rest] };
}

/** Replaces an alert in place (acknowledged, deliveries changed); the order of the list stays. */
export function withReplacedAlert(data: AlertHistoryData | undefined, alert: Alert): AlertHistoryData | undefined {
  if (!data || !contains(data, alert.id)) return data;
  return {
    ...data,
    pages: data.pages.map((page) =>
      page.items.some((item) => item.id === alert.id) ? { ...page, items: page.items.map((item) => (item.id === alert.id ? alert : item)) } : page,
    ),
  };
}

/**
 * Counts one more firing on the alert's rule. A rule whose `lastFiredAt` is already at or past
 * this alert was fetched after the alert was stored and counts it already: adding it again would
 * double-count every event the socket replays after a reconnect.
 */
export function withRuleFired(rules: AlertRule[] | undefined, alert: Alert): AlertRule[] | undefined {
  if (!rules) return rules;
  const firedAt = Date.parse(alert.firedAt);
  let changed = false;
  const next = rules.map((rule) => {
    if (rule.id !== alert.ruleId) return rule;
    if (rule.lastFiredAt !== null && Date.parse(rule.lastFiredAt) >= firedAt) return rule;
    changed = true;
    return { ...rule, lastFiredAt: alert.firedAt, firedLast24h: rule.firedLast24h + 1, firedTotal: rule.firedTotal + 1 };
  });
  return changed ? next : rules;
}

/** The banner's short list: newest first by firing time, no duplicates, at most `keep`. */
export function mergeRecentAlerts(current: readonly Alert[], incoming: readonly Alert[], keep: number): Alert[] {
  const byId = new Map<number, Alert>();
  // Incoming first so that a fresher copy (acknowledged, more deliveries) wins over the cached one.
  for (const alert of [...incoming, ...current]) if (!byId.has(alert.id)) byId.set(alert.id, alert);
  return [...byId.values()].sort((a, b) => Date.parse(b.firedAt) - Date.parse(a.firedAt) || b.id - a.id).slice(0, keep);
}

export function storeInList<T extends { id: number }>(list: T[] | undefined, item: T): T[] | undefined {
  if (!list) return list;
  const index = list.findIndex((entry) => entry.id === item.id);
  if (index === -1) return [...list, item];
  const next = list.slice();
  next[index] = item;
  return next;
}

export function removeFromList<T extends { id: number }>(list: T[] | undefined, id: number): T[] | undefined {
  return list?.filter((entry) => entry.id !== id);
}
