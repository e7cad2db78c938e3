import { type AlertMode, type CorroborationLevel, isCorroborated } from '@sentinel/shared';

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

const HOUR_MS = 3600_000;

/**
 * The counts `decide` needs for a new match at `at`, from a counter of the rule's earlier
 * matches in (from, to]. Only what the rule's mode looks at is counted.
 */
export async function matchCounts(
  rule: Pick<RuleState, 'mode' | 'windowSec'>,
  at: number,
  countBetween: (from: number, to: number) => number | Promise<number>,
): Promise<MatchCounts> {
  const counts: MatchCounts = { inWindow: 1, lastHour: 1, baselinePerHour: 0 };
  if (rule.mode === 'threshold') counts.inWindow = 1 + (await countBetween(at - rule.windowSec * 1000, at));
  if (rule.mode === 'spike') {
    counts.lastHour = 1 + (await countBetween(at - HOUR_MS, at));
    counts.baselinePerHour = (await countBetween(at - 25 * HOUR_MS, at - HOUR_MS)) / 24;
  }
  return counts;
}

/** Why a match fired nothing; stored with it (alert_matches.reason). */
export type RecordReason = 'muted' | 'snoozed' | 'below-threshold' | 'no-spike' | 'awaiting-event';

export type AlertDecision = { kind: 'fire' } | { kind: 'attach'; alertId: number } | { kind: 'record'; reason: RecordReason };

/** The matching story's event, as far as the decision is concerned. */
export interface EventFacts {
  /** The alert the rule already fired for the story's event; null when it has none (or the story has no event). */
  eventAlertId: number | null;
  /** Whether the event meets the rule's event conditions (`sources>=3`); true for a rule without any. */
  conditionsMet: boolean;
}

/** A spike is at least this many stories in an hour and this many times the baseline. */
export const SPIKE_MIN_STORIES = 3;
export const SPIKE_FACTOR = 3;

/**
 * A rule fires once per event: a matching story whose event already has an alert of the rule
 * attaches to it, whatever the cooldown; one whose event does not (yet) meet the rule's event
 * conditions waits ('awaiting-event', re-checked when the event changes). Otherwise `decide`.
 */
export function decideForEvent(rule: RuleState, at: number, counts: MatchCounts, event: EventFacts): AlertDecision {
  if (event.eventAlertId !== null) return { kind: 'attach', alertId: event.eventAlertId };
  if (!event.conditionsMet) return { kind: 'record', reason: 'awaiting-event' };
  return decide(rule, at, counts);
}

/**
 * Whether an alert deserves its one follow-up now: the rule asks for it, the alert fired while its
 * event was not corroborated (one source or official statements only; alerts without an event
 * never qualify), the event is corroborated now, and the rule is neither muted nor snoozed (a
 * later change of the event may still send it). The caller makes sure none was sent before.
 */
export function followUpDue(
  rule: Pick<RuleState, 'muted' | 'snoozedUntil'> & { followUpOnCorroboration: boolean },
  firedWhile: CorroborationLevel | null,
  now: CorroborationLevel,
  at: number,
): boolean {
  if (!rule.followUpOnCorroboration || firedWhile === null) return false;
  if (rule.muted || (rule.snoozedUntil !== null && at < rule.snoozedUntil)) return false;
  return !isCorroborated(firedWhile) && isCorroborated(now);
}

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
