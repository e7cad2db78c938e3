import { ruleFixture } from '../api/alert-fixture';
import { describeDelivery, describeRuleMode, describeRuleState, formatSeconds } from './rule-state';

const NOW = Date.parse('2026-01-31T12:00:00.000Z');

describe('what a rule row says about the rule', () => {
  it('shows a snooze until its end and forgets it afterwards', () => {
    const rule = ruleFixture(1, { snoozedUntil: '2026-01-31T13:00:00.000Z' });
    expect(describeRuleState(rule, NOW)).toMatchObject({ key: 'snoozed', label: expect.stringMatching(/^Snoozed until /) });
    expect(describeRuleState(rule, Date.parse('2026-01-31T13:00:01.000Z')).key).toBe('active');
  });

  it('gives the strongest reason a rule is silent: disabled, then muted, then snoozed', () => {
    const snoozed = { snoozedUntil: '2026-01-31T13:00:00.000Z' };
    expect(describeRuleState(ruleFixture(1, { ...snoozed, muted: true, enabled: false }), NOW).key).toBe('disabled');
    expect(describeRuleState(ruleFixture(1, { ...snoozed, muted: true }), NOW).key).toBe('muted');
  });

  it('describes each mode in words', () => {
    expect(describeRuleMode(ruleFixture(1))).toBe('Once per matching event');
    expect(describeRuleMode(ruleFixture(1, { mode: 'threshold', threshold: 3, windowSec: 5400 }))).toBe('3 matching stories within 1 h 30 min');
    expect(describeRuleMode(ruleFixture(1, { mode: 'spike', threshold: 4, windowSec: 86_400 }))).toContain('1 day');
  });

  it('formats durations the way people say them', () => {
    expect([45, 1800, 3600, 5400, 172_800].map(formatSeconds)).toEqual(['45 s', '30 min', '1 h', '1 h 30 min', '2 days']);
  });
});

describe('delivery status per channel', () => {
  const base = { channelId: 1, channelName: 'Ops webhook', deliveredAt: null, nextAttemptAt: null, lastError: null };
  it('says how many attempts a failed delivery took and why the last one failed', () => {
    expect(describeDelivery({ ...base, status: 'failed', attempts: 5, lastError: 'HTTP 500' })).toEqual({ symbol: '✕', label: 'Failed', detail: '5 attempts: HTTP 500' });
  });
  it('says a pending delivery has not been tried yet', () => {
    expect(describeDelivery({ ...base, status: 'pending', attempts: 0 }).detail).toBe('not tried yet');
  });
});
