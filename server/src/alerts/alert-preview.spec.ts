import type { AlertMode, MatchableEvent, Story } from '@sentinel/shared';
import { compileAlertQuery, parseAlertQuery } from '@sentinel/shared';
import { decide, matchCounts, RuleState } from './alert-decision';
import { backtest, MatchTimeline } from './alert-preview';

const query = (() => {
  const parsed = parseAlertQuery('escape*');
  if (!parsed.ok) throw new Error(parsed.error.message);
  return compileAlertQuery(parsed.query);
})();

const START = Date.UTC(2026, 0, 1);
const story = (id: number, at: number, title = 'Inmates escape prison'): Story => ({
  id,
  title,
  url: null,
  summary: '',
  publishedAt: new Date(at).toISOString(),
  firstSeenAt: new Date(at).toISOString(),
  updatedAt: new Date(at).toISOString(),
  feedId: 1,
  feedTitle: 'Wire',
  sources: [],
  regions: [],
  topics: [],
  places: [],
  why: [], clusterId: null,
});

const rule = (mode: AlertMode, overrides: Partial<RuleState> = {}): RuleState => ({
  mode,
  threshold: mode === 'threshold' ? 3 : 1,
  windowSec: 3600,
  cooldownSec: 0,
  muted: false,
  snoozedUntil: null,
  lastFiredAt: null,
  lastAlertId: null,
  ...overrides,
});

/** A pseudo-random but repeatable walk: bursts and lulls, so spikes and thresholds happen. */
function stories(count: number, seed = 7): Story[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let at = START;
  return Array.from({ length: count }, (_, i) => {
    at += next() < 0.1 ? Math.floor(next() * 6 * 3600_000) : Math.floor(next() * 120_000);
    return story(i + 1, at, next() < 0.7 ? 'Inmates escape prison' : 'Markets rally');
  });
}

/** The backtest as it was written first: every count filters all earlier matches (quadratic). */
async function reference(list: Story[], state: RuleState) {
  const s = { ...state };
  const matchedAt: number[] = [];
  let fired = 0;
  let attached = 0;
  for (const item of list) {
    if (!item.title.includes('escape')) continue;
    const at = Date.parse(item.firstSeenAt);
    const counts = await matchCounts(s, at, (from, to) => matchedAt.filter((t) => t > from && t <= to).length);
    matchedAt.push(at);
    const decision = decide(s, at, counts);
    if (decision.kind === 'fire') {
      fired++;
      s.lastFiredAt = at;
      s.lastAlertId = fired;
    } else if (decision.kind === 'attach') attached++;
  }
  return { matched: matchedAt.length, fired, attached };
}

describe('backtest (rule preview)', () => {
  it.each<[AlertMode, Partial<RuleState>]>([
    ['each', { cooldownSec: 900 }],
    ['threshold', { threshold: 4, windowSec: 1800 }],
    ['spike', {}],
    ['spike', { cooldownSec: 3600 }],
  ])('decides as counting every earlier match would (%s %j)', async (mode, overrides) => {
    const list = stories(3000);
    const expected = await reference(list, rule(mode, overrides));
    const result = await backtest(list, query, rule(mode, overrides));
    expect(result).toMatchObject({ scanned: 3000, matched: expected.matched, wouldFire: expected.fired });
    const attached = result.alerts.reduce((sum, a) => sum + a.attached, 0);
    // Only the newest 100 alerts are listed, so the attached count is exact only when all are.
    if (result.wouldFire <= result.alerts.length) expect(attached).toBe(expected.attached);
    else expect(attached).toBeLessThanOrEqual(expected.attached);
  });

  it('does work linear in the stories in spike mode: each window cursor moves at most once per match', async () => {
    for (const count of [1000, 20_000]) {
      const timeline = new MatchTimeline();
      const list = Array.from({ length: count }, (_, i) => story(i + 1, START + i * 1000));
      const result = await backtest(list, query, rule('spike'), { timeline });
      expect(result.matched).toBe(count);
      // Spike mode asks about three time points per match (now, an hour ago, 25 hours ago).
      expect(timeline.steps).toBeLessThanOrEqual(3 * count);
    }
  });

  describe('times matches by when a story was first seen, as live matching does', () => {
    const HOUR = 3600_000;
    /** A story published at `published` and first seen at `seen`. */
    const seenAt = (id: number, published: number, seen: number): Story => ({ ...story(id, seen), publishedAt: new Date(published).toISOString() });

    it('fires a threshold rule for old articles a feed brings within minutes of each other', async () => {
      // An outlet's archive, published days apart, first seen in one morning.
      const list = [seenAt(1, START - 72 * HOUR, START), seenAt(2, START - 48 * HOUR, START + 60_000), seenAt(3, START - 24 * HOUR, START + 120_000)];
      const result = await backtest(list, query, rule('threshold', { threshold: 3, windowSec: 3600 }));
      expect(result).toMatchObject({ matched: 3, wouldFire: 1 });
      expect(result.alerts[0]).toMatchObject({ storyId: 3, firedAt: new Date(START + 120_000).toISOString() });
    });

    it('does not fire a threshold rule for articles published together but first seen hours apart', async () => {
      const list = [seenAt(1, START, START), seenAt(2, START + 60_000, START + 3 * HOUR), seenAt(3, START + 120_000, START + 6 * HOUR)];
      expect(await backtest(list, query, rule('threshold', { threshold: 3, windowSec: 3600 }))).toMatchObject({ matched: 3, wouldFire: 0 });
    });

    it('applies the cooldown by first-seen time', async () => {
      // Published a minute apart, but the second was seen two hours later: past a one-hour cooldown.
      const list = [seenAt(1, START, START), seenAt(2, START + 60_000, START + 2 * HOUR)];
      const result = await backtest(list, query, rule('each', { cooldownSec: 3600 }));
      expect(result.wouldFire).toBe(2);
      expect(result.alerts.map((a) => a.firedAt)).toEqual([new Date(START + 2 * HOUR).toISOString(), new Date(START).toISOString()]);
    });
  });

  it('yields to the event loop between slices, however long the input', async () => {
    const list = Array.from({ length: 5000 }, (_, i) => story(i + 1, START + i * 1000));
    let yields = 0;
    let immediates = 0;
    let counting = true;
    const tick = () => {
      immediates++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    await backtest(list, query, rule('spike'), { sliceMs: 0, onYield: () => yields++ });
    counting = false;
    // With a zero slice it pauses every 64 stories, and other callbacks run during the pauses.
    expect(yields).toBe(Math.floor(5000 / 64));
    expect(immediates).toBeGreaterThanOrEqual(yields - 1);
  });

  describe('once per event', () => {
    const compiled = (text: string) => {
      const parsed = parseAlertQuery(text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return compileAlertQuery(parsed.query);
    };
    const inEvent = (id: number, clusterId: number, at: number): Story => ({ ...story(id, at), clusterId });
    const event = (independent: number): MatchableEvent => ({ sources: { independent }, corroboration: { level: independent > 1 ? 'corroborated' : 'single-source' }, breaking: false });

    it('fires once for the stories of one event, whatever the cooldown, and attaches the rest', async () => {
      const list = [inEvent(1, 7, START), inEvent(2, 7, START + 60_000), inEvent(3, 8, START + 120_000)];
      const result = await backtest(list, query, rule('each', { cooldownSec: 0 }));
      expect(result).toMatchObject({ matched: 3, wouldFire: 2 });
      expect(result.alerts.map((a) => [a.storyId, a.attached])).toEqual([[3, 0], [1, 1]]);
    });

    it('checks event conditions against the events as they are now', async () => {
      const list = [inEvent(1, 7, START), inEvent(2, 8, START + 60_000), story(3, START + 120_000)];
      const loaded: number[][] = [];
      const loadEvents = async (ids: number[]) => {
        loaded.push(ids);
        return new Map([[7, event(3)], [8, event(1)]]);
      };
      const result = await backtest(list, compiled('escape* sources>=3'), rule('each'), { loadEvents });
      expect(loaded).toEqual([[7, 8]]);
      expect(result).toMatchObject({ matched: 3, wouldFire: 1, alerts: [{ storyId: 1 }] });
    });
  });
});
