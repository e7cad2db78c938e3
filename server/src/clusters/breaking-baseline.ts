/**
 * What "breaking" means for an event's region and topic: "independent sources arrive much
 * faster than usual here". Busy beats (a war, an election) routinely gather three outlets in
 * half an hour; a quiet one rarely gathers two. Pure and in memory: the clusters service reads
 * the stored events of the last BASELINE_WINDOW_MS (at start and hourly) and asks for the bar of
 * each event it writes.
 *
 * The rule:
 * - The baseline of a (country, topic) and of a (macro-region, topic) is the mean number of
 *   independent outlets its events had in their first 30 minutes, over the events of the last
 *   14 days whose first 30 minutes are over. It counts once it rests on BASELINE_MIN_EVENTS
 *   events; an event without topics counts under the topic "" of its regions.
 * - For each of an event's (country, topic) pairs the country's baseline is used, or else its
 *   macro-region's (a country with little history borrows its neighbours'), or else none.
 * - The bar of a pair is max(BREAKING_OUTLETS, ceil(2 × baseline)); the event's bar is the
 *   highest bar among its pairs: a rush that is ordinary for one of its beats is not news to that
 *   desk. With no baseline at all the bar is BREAKING_OUTLETS, the fixed rule.
 * The mean, not the median: most events everywhere have one source in their first half hour, so
 * the median says nothing; the mean rises where several outlets routinely cover the same story.
 */
import { BREAKING_OUTLETS } from './cluster-summary';

export const BASELINE_WINDOW_MS = 14 * 86_400_000;
/** How many past events a baseline needs before it replaces the fixed rule. */
export const BASELINE_MIN_EVENTS = 10;
/** How many times its usual pace an event's outlets must arrive to be breaking. */
export const BASELINE_FACTOR = 2;

/** One past event: its countries and topics, and its independent outlets within 30 minutes. */
export interface BaselineEvent {
  regions: readonly string[];
  topics: readonly string[];
  earlyIndependent: number;
}

/** A region (country or macro-region) and topic's usual pace. */
export interface Baseline {
  events: number;
  /** Mean independent outlets in the first 30 minutes. */
  mean: number;
}

/** A country's macro-region id, or null when the taxonomy does not place it. */
export type MacroRegionOf = (country: string) => string | null;

export function baselineKey(region: string, topic: string): string {
  return `${region}|${topic}`;
}

/** The baseline of every (country, topic) and (macro-region, topic) the events name; an event counts once per key. */
export function computeBaselines(events: Iterable<BaselineEvent>, macroRegionOf: MacroRegionOf): Map<string, Baseline> {
  const sums = new Map<string, { events: number; outlets: number }>();
  for (const event of events) {
    const keys = new Set<string>();
    for (const [country, topic] of pairsOf(event.regions, event.topics)) {
      keys.add(baselineKey(country, topic));
      const macro = macroRegionOf(country);
      if (macro) keys.add(baselineKey(macro, topic));
    }
    for (const key of keys) {
      const sum = sums.get(key) ?? { events: 0, outlets: 0 };
      sum.events++;
      sum.outlets += event.earlyIndependent;
      sums.set(key, sum);
    }
  }
  return new Map([...sums].map(([key, sum]) => [key, { events: sum.events, mean: sum.outlets / sum.events }]));
}

/** How many independent outlets within 30 minutes make an event with these regions and topics breaking. */
export function breakingBar(baselines: ReadonlyMap<string, Baseline>, regions: readonly string[], topics: readonly string[], macroRegionOf: MacroRegionOf): number {
  const usable = (key: string) => {
    const baseline = baselines.get(key);
    return baseline && baseline.events >= BASELINE_MIN_EVENTS ? baseline : undefined;
  };
  let bar = BREAKING_OUTLETS;
  for (const [country, topic] of pairsOf(regions, topics)) {
    const macro = macroRegionOf(country);
    const baseline = usable(baselineKey(country, topic)) ?? (macro ? usable(baselineKey(macro, topic)) : undefined);
    // The small epsilon keeps 2 × 1.5 at 3 whatever the floating point of the mean.
    if (baseline) bar = Math.max(bar, Math.ceil(BASELINE_FACTOR * baseline.mean - 1e-9));
  }
  return bar;
}

/** The baselines in force; `refresh` swaps them whole, so a reader never sees half a refresh. */
export class BreakingBaseline {
  private baselines: ReadonlyMap<string, Baseline> = new Map();

  constructor(private readonly macroRegionOf: MacroRegionOf) {}

  refresh(events: Iterable<BaselineEvent>): void {
    this.baselines = computeBaselines(events, this.macroRegionOf);
  }

  barFor(regions: readonly string[], topics: readonly string[]): number {
    return breakingBar(this.baselines, regions, topics, this.macroRegionOf);
  }

  /** How many region-and-topic pairs have enough history to count (for the log). */
  usableCount(): number {
    let count = 0;
    for (const baseline of this.baselines.values()) if (baseline.events >= BASELINE_MIN_EVENTS) count++;
    return count;
  }
}

/** Each distinct (country, topic) pair; topic "" for an event without topics. */
function pairsOf(regions: readonly string[], topics: readonly string[]): [string, string][] {
  const distinctTopics = topics.length ? [...new Set(topics)] : [''];
  return [...new Set(regions)].flatMap((country) => distinctTopics.map((topic): [string, string] => [country, topic]));
}
