import type { SeenEvents } from '../api/changes';

/**
 * Where "Since my last visit" keeps its memory: the time the reader last left the view, and what
 * they saw of each event then. Per browser (localStorage), not per account: it is a reading aid.
 */
const LAST_VISIT_KEY = 'sentinel.changes.lastVisit';
const SEEN_KEY = 'sentinel.changes.seen';
/** A first visit shows the last day. */
const FIRST_VISIT_LOOKBACK_MS = 24 * 3_600_000;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // Private mode or storage disabled: the view still works, it just forgets.
  }
}

export function readLastVisit(now = Date.now()): string {
  const stored = storage()?.getItem(LAST_VISIT_KEY);
  return stored && !Number.isNaN(Date.parse(stored)) ? stored : new Date(now - FIRST_VISIT_LOOKBACK_MS).toISOString();
}

export function readSeenEvents(): SeenEvents {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(SEEN_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as SeenEvents) : {};
  } catch {
    return {};
  }
}

export function writeVisit(at: string, seen: SeenEvents): void {
  try {
    storage()?.setItem(LAST_VISIT_KEY, at);
    storage()?.setItem(SEEN_KEY, JSON.stringify(seen));
  } catch {
    // Full storage: next time shows a little more than needed, which is harmless.
  }
}
