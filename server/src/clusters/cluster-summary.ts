/**
 * What an event says about itself, from its stories: headline, sources counted by outlet,
 * corroboration in words, merged tags, figures in conflict, breaking. Pure: the clusters service
 * loads the stories and stores the result.
 */
import type { Cluster, ClusterSource, CorroborationLevel, FigureConflict, Place, SourceTier } from '@sentinel/shared';
import type { Figure } from './figures';

/** One story of the event with what the summary needs. */
export interface ClusterMember {
  id: number;
  title: string;
  url: string | null;
  feedTitle: string;
  firstSeenAt: number;
  /** The outlet it counts as, publisher families applied. */
  outlet: string;
  tier: SourceTier;
  copyOf: number | null;
  regions: string[];
  topics: string[];
  places: Place[];
  figures: Figure[];
  /** Whether its text is English (ASCII letters): preferred for the headline when there is a choice. */
  english: boolean;
}

/**
 * Breaking: at least BREAKING_OUTLETS independent outlets within BREAKING_WITHIN_MS of the
 * event's first story. An ordinary event gathers its third independent outlet over hours; three
 * in half an hour is the rush a desk must see. (A per region-and-topic baseline would sharpen
 * this; the fixed rule is what the wall can explain in one sentence.)
 */
export const BREAKING_OUTLETS = 3;
export const BREAKING_WITHIN_MS = 30 * 60_000;

export type ClusterSummary = Omit<Cluster, 'id' | 'updatedAt'>;

export function summariseCluster(members: readonly ClusterMember[]): ClusterSummary {
  const stories = [...members].sort((a, b) => a.firstSeenAt - b.firstSeenAt || a.id - b.id);
  const first = stories[0];
  const list: ClusterSource[] = stories.map((s) => ({ outlet: s.outlet, feedTitle: s.feedTitle, storyId: s.id, firstSeenAt: new Date(s.firstSeenAt).toISOString(), copyOf: s.copyOf }));
  const outlets = new Set(stories.map((s) => s.outlet));
  const independentOutlets = new Map<string, SourceTier>();
  const independentTimes: number[] = [];
  for (const s of stories) {
    if (s.copyOf !== null || independentOutlets.has(s.outlet)) continue;
    independentOutlets.set(s.outlet, s.tier);
    independentTimes.push(s.firstSeenAt);
  }
  const headline = headlineOf(stories);
  return {
    headline: { storyId: headline.id, title: headline.title, url: headline.url, feedTitle: headline.feedTitle },
    firstSeenAt: new Date(first.firstSeenAt).toISOString(),
    storyCount: stories.length,
    storyIds: stories.map((s) => s.id),
    sources: { outlets: outlets.size, independent: independentOutlets.size, list },
    corroboration: corroborationOf([...independentOutlets.values()]),
    regions: distinct(stories.flatMap((s) => s.regions)),
    topics: distinct(stories.flatMap((s) => s.topics)),
    places: distinct(stories.flatMap((s) => s.places.map((p) => p.name))),
    breaking: independentTimes.filter((t) => t - first.firstSeenAt <= BREAKING_WITHIN_MS).length >= BREAKING_OUTLETS,
    conflicts: conflictsOf(stories),
  };
}

/**
 * The most representative story: the one whose places and topics the others share most (ties:
 * independent before copies, English first, then the earliest).
 */
function headlineOf(stories: readonly ClusterMember[]): ClusterMember {
  const counts = new Map<string, number>();
  for (const s of stories) for (const key of keysOf(s)) counts.set(key, (counts.get(key) ?? 0) + 1);
  let best = stories[0];
  let bestScore = -Infinity;
  for (const s of stories) {
    const score = keysOf(s).reduce((sum, key) => sum + (counts.get(key) ?? 0), 0) + (s.copyOf === null ? 0.5 : 0) + (s.english ? 1000 : 0);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

function keysOf(s: ClusterMember): string[] {
  return [...s.places.map((p) => `p:${p.name}`), ...s.topics.map((t) => `t:${t}`), ...s.figures.map((f) => `f:${f.what}:${f.value}`)];
}

export function corroborationOf(independentTiers: readonly SourceTier[]): { level: CorroborationLevel; text: string } {
  const n = independentTiers.length;
  if (n === 0) return { level: 'single-source', text: 'single source' };
  if (independentTiers.every((t) => t === 'official')) return { level: 'official-only', text: n === 1 ? 'official statement only' : `official statements only (${n})` };
  if (n === 1) return { level: 'single-source', text: 'single source' };
  const wires = independentTiers.filter((t) => t === 'wire').length;
  if (wires > 0) {
    const others = n - wires;
    const text = `${wires === 1 ? 'wire service' : `${wires} wire services`} and ${others} ${others === 1 ? 'other' : 'others'}`;
    return { level: others === 0 ? 'corroborated' : 'wire-and-others', text: others === 0 ? `${wires} wire services` : text };
  }
  return { level: n >= 5 ? 'widely-reported' : 'corroborated', text: `${n} independent sources` };
}

/** Figures of one kind that the stories give differently, side by side; kinds they agree on are not listed. */
function conflictsOf(stories: readonly ClusterMember[]): FigureConflict[] {
  const byWhat = new Map<FigureConflict['what'], Map<number, { text: string; sources: number[] }>>();
  for (const s of stories) {
    for (const f of s.figures) {
      const values = byWhat.get(f.what) ?? new Map<number, { text: string; sources: number[] }>();
      byWhat.set(f.what, values);
      const value = values.get(f.value) ?? { text: f.text, sources: [] };
      values.set(f.value, value);
      if (!value.sources.includes(s.id)) value.sources.push(s.id);
    }
  }
  const conflicts: FigureConflict[] = [];
  for (const [what, values] of byWhat) {
    if (values.size < 2) continue;
    conflicts.push({ what, values: [...values].map(([value, v]) => ({ value, text: v.text, sources: v.sources })).sort((a, b) => a.value - b.value) });
  }
  return conflicts;
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
