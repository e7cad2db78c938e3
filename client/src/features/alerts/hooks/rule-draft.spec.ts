import { ruleFixture } from '../api/alert-fixture';
import { changedFields, draftFromRule, draftToPreview, draftToRequest, NEW_RULE_DRAFT } from './rule-draft';

describe('the rule editor draft', () => {
  it('turns minutes typed by the analyst into the seconds the API stores', () => {
    const result = draftToRequest({ ...NEW_RULE_DRAFT, name: '  Hasakah  ', query: 'hasakah prison', mode: 'threshold', threshold: '3', windowMinutes: '90', cooldownMinutes: '15' });
    expect(result).toEqual({
      ok: true,
      request: { name: 'Hasakah', query: 'hasakah prison', mode: 'threshold', severity: 'warning', channels: [], enabled: true, followUpOnCorroboration: false, threshold: 3, windowSec: 5400, cooldownSec: 900 },
    });
  });

  it('names every field that is wrong instead of sending the rule', () => {
    const result = draftToRequest({ ...NEW_RULE_DRAFT, name: ' ', mode: 'spike', threshold: '0.5', windowMinutes: '', cooldownMinutes: '-1' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((problem) => problem.field).sort()).toEqual(['cooldownMinutes', 'name', 'threshold', 'windowMinutes']);
  });

  it("holds the numbers to the server's limits: a window of at least a minute, at most a week", () => {
    const result = draftToRequest({ ...NEW_RULE_DRAFT, name: 'Spike', query: 'escape', mode: 'spike', windowMinutes: '0.5', cooldownMinutes: '20000', threshold: '1001' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((problem) => problem.field).sort()).toEqual(['cooldownMinutes', 'threshold', 'windowMinutes']);
  });

  it('ignores the hidden count and window in "each" mode and leaves the stored ones alone', () => {
    const result = draftToRequest({ ...NEW_RULE_DRAFT, name: 'Each', query: 'escape', mode: 'each', threshold: '', windowMinutes: 'x' });
    expect(result.ok && result.request).not.toHaveProperty('threshold');
    expect(result.ok && result.request).not.toHaveProperty('windowSec');
  });

  it('opens a stored rule with its durations in minutes and saves it back unchanged', () => {
    const rule = ruleFixture(4, { mode: 'threshold', cooldownSec: 90, windowSec: 7200, threshold: 4, channels: [3, 1] });
    const draft = draftFromRule(rule);
    expect(draft).toMatchObject({ cooldownMinutes: '1.5', windowMinutes: '120', threshold: '4' });
    const result = draftToRequest(draft);
    expect(result.ok && changedFields(rule, result.request)).toEqual({});
  });

  it('sends only the fields that changed when an existing rule is saved', () => {
    const rule = ruleFixture(4, { channels: [1, 2] });
    const result = draftToRequest({ ...draftFromRule(rule), severity: 'info', channels: [2, 1, 5] });
    expect(result.ok && changedFields(rule, result.request)).toEqual({ severity: 'info', channels: [1, 2, 5] });
  });

  it('carries the follow-up choice, and sends it only when it changed', () => {
    const rule = ruleFixture(4);
    const result = draftToRequest({ ...draftFromRule(rule), followUpOnCorroboration: true });
    expect(result.ok && result.request.followUpOnCorroboration).toBe(true);
    expect(result.ok && changedFields(rule, result.request)).toEqual({ followUpOnCorroboration: true });
    expect(draftFromRule(ruleFixture(5, { followUpOnCorroboration: true })).followUpOnCorroboration).toBe(true);
  });

  it('previews the draft from the chosen period back, and not while a number is invalid', () => {
    const now = Date.parse('2026-02-01T00:00:00.000Z');
    const draft = { ...NEW_RULE_DRAFT, query: 'escape', mode: 'threshold' as const };
    expect(draftToPreview(draft, '24h', now)).toEqual({ query: 'escape', mode: 'threshold', threshold: 5, windowSec: 3600, cooldownSec: 1800, since: '2026-01-31T00:00:00.000Z' });
    expect(draftToPreview(draft, '30d', now)?.since).toBe('2026-01-02T00:00:00.000Z');
    expect(draftToPreview({ ...draft, threshold: '' }, '7d', now)).toBeNull();
  });
});
