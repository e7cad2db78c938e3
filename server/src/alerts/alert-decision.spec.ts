import { decide, decideForEvent, followUpDue, RuleState } from './alert-decision';

const rule = (overrides: Partial<RuleState> = {}): RuleState => ({
  mode: 'each',
  threshold: 1,
  windowSec: 3600,
  cooldownSec: 600,
  muted: false,
  snoozedUntil: null,
  lastFiredAt: null,
  lastAlertId: null,
  ...overrides,
});
const counts = { inWindow: 1, lastHour: 1, baselinePerHour: 0 };
const now = Date.UTC(2026, 10, 25, 12);

describe('decide', () => {
  it('fires every matching story in each mode', () => expect(decide(rule(), now, counts)).toEqual({ kind: 'fire' }));

  it('attaches matches within the cooldown to the last alert, and fires again after it', () => {
    const fired = rule({ lastFiredAt: now - 60_000, lastAlertId: 7 });
    expect(decide(fired, now, counts)).toEqual({ kind: 'attach', alertId: 7 });
    expect(decide({ ...fired, lastFiredAt: now - 601_000 }, now, counts)).toEqual({ kind: 'fire' });
  });

  it('records but never fires while muted or snoozed', () => {
    expect(decide(rule({ muted: true }), now, counts)).toEqual({ kind: 'record', reason: 'muted' });
    expect(decide(rule({ snoozedUntil: now + 1 }), now, counts)).toEqual({ kind: 'record', reason: 'snoozed' });
    expect(decide(rule({ snoozedUntil: now }), now, counts)).toEqual({ kind: 'fire' });
  });

  it('fires a threshold rule once N matches fall within the window', () => {
    const threshold = rule({ mode: 'threshold', threshold: 3 });
    expect(decide(threshold, now, { ...counts, inWindow: 2 })).toEqual({ kind: 'record', reason: 'below-threshold' });
    expect(decide(threshold, now, { ...counts, inWindow: 3 })).toEqual({ kind: 'fire' });
  });

  it('fires a spike rule when the last hour is well above its baseline', () => {
    const spike = rule({ mode: 'spike' });
    expect(decide(spike, now, { inWindow: 0, lastHour: 2, baselinePerHour: 0 })).toEqual({ kind: 'record', reason: 'no-spike' });
    expect(decide(spike, now, { inWindow: 0, lastHour: 3, baselinePerHour: 0.5 })).toEqual({ kind: 'fire' });
    expect(decide(spike, now, { inWindow: 0, lastHour: 8, baselinePerHour: 3 })).toEqual({ kind: 'record', reason: 'no-spike' });
    expect(decide(spike, now, { inWindow: 0, lastHour: 9, baselinePerHour: 3 })).toEqual({ kind: 'fire' });
  });
});

describe('decideForEvent', () => {
  const placed = { eventAlertId: null, conditionsMet: true };

  it('attaches a story of an event the rule already alerted on, whatever the cooldown, mode or mute', () => {
    expect(decideForEvent(rule({ cooldownSec: 0 }), now, counts, { eventAlertId: 12, conditionsMet: true })).toEqual({ kind: 'attach', alertId: 12 });
    expect(decideForEvent(rule({ mode: 'threshold', threshold: 5, muted: true }), now, counts, { eventAlertId: 12, conditionsMet: false })).toEqual({ kind: 'attach', alertId: 12 });
  });

  it('records a match as awaiting its event while the event does not meet the conditions', () => {
    expect(decideForEvent(rule(), now, counts, { eventAlertId: null, conditionsMet: false })).toEqual({ kind: 'record', reason: 'awaiting-event' });
  });

  it('decides as before for a first match of an event that meets the conditions: cooldown, mute and mode apply', () => {
    expect(decideForEvent(rule(), now, counts, placed)).toEqual({ kind: 'fire' });
    expect(decideForEvent(rule({ lastFiredAt: now - 60_000, lastAlertId: 7 }), now, counts, placed)).toEqual({ kind: 'attach', alertId: 7 });
    expect(decideForEvent(rule({ muted: true }), now, counts, placed)).toEqual({ kind: 'record', reason: 'muted' });
    expect(decideForEvent(rule({ mode: 'threshold', threshold: 3 }), now, counts, placed)).toEqual({ kind: 'record', reason: 'below-threshold' });
  });
});

describe('followUpDue', () => {
  const following = { followUpOnCorroboration: true, muted: false, snoozedUntil: null };

  it('is due when an alert fired before its event was corroborated and the event is corroborated now', () => {
    expect(followUpDue(following, 'single-source', 'corroborated', now)).toBe(true);
    expect(followUpDue(following, 'official-only', 'wire-and-others', now)).toBe(true);
  });

  it('is not due while the event is not corroborated, for an alert fired already corroborated, or without an event', () => {
    expect(followUpDue(following, 'single-source', 'official-only', now)).toBe(false);
    expect(followUpDue(following, 'corroborated', 'widely-reported', now)).toBe(false);
    expect(followUpDue(following, null, 'corroborated', now)).toBe(false);
  });

  it('is not due for a rule that does not ask for it, nor while the rule is muted or snoozed', () => {
    expect(followUpDue({ ...following, followUpOnCorroboration: false }, 'single-source', 'corroborated', now)).toBe(false);
    expect(followUpDue({ ...following, muted: true }, 'single-source', 'corroborated', now)).toBe(false);
    expect(followUpDue({ ...following, snoozedUntil: now + 1 }, 'single-source', 'corroborated', now)).toBe(false);
  });
});
