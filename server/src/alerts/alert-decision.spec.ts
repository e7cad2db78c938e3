import { decide, RuleState } from './alert-decision';

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
