import type { AlertMode } from '@sentinel/shared';

/** What the engine knows of a rule when one of its matches arrives. Times in epoch ms. */
export interface RuleState {
  mode: AlertMode;
  threshold: number;
  windowSec: number;
  cooldownSec: number;
  muted: boolean;
  snoozedUntil: number | null;
  lastFiredAt: number | null;
  lastAlertId: number | null;
}

/** The rule's recent matches, this one included. */
export interface MatchCounts {
  /** Matches within `windowSec` before the story (threshold mode). */
  inWindow: number;
  /** Matches in the last hour (spike mode). */
  lastHour: number;
  /** Average matches per hour over the 24 hours before that hour (spike mode). */
  baselinePerHour: number;
}

export type AlertDecision = { kind: 'fire' } | { kind: 'attach'; alertId: number } | { kind: 'record'; reason: 'muted' | 'snoozed' | 'below-threshold' | 'no-spike' };

/** A spike is at least this many stories in an hour and this many times the baseline. */
export const SPIKE_MIN_STORIES = 3;
export const SPIKE_FACTOR = 3;

/**
 * Whether a matching story fires an alert, attaches to the last one (cooldown), or is only
 * recorded. Muting and snoozing win over everything: the match is kept, nothing fires.
 */
export function decide(rule: RuleState, at: number, counts: MatchCounts): AlertDecision {
  if (rule.muted) return { kind: 'record', reason: 'muted' };
  if (rule.snoozedUntil !== null && at < rule.snoozedUntil) return { kind: 'record', reason: 'snoozed' };
  if (rule.lastFiredAt !== null && rule.lastAlertId !== null && at - rule.lastFiredAt < rule.cooldownSec * 1000) {
    return { kind: 'attach', alertId: rule.lastAlertId };
  }
  if (rule.mode === 'threshold' && counts.inWindow < rule.threshold) return { kind: 'record', reason: 'below-threshold' };
  if (rule.mode === 'spike' && counts.lastHour < Math.max(SPIKE_MIN_STORIES, SPIKE_FACTOR * counts.baselinePerHour)) {
    return { kind: 'record', reason: 'no-spike' };
  }
  return { kind: 'fire' };
}
