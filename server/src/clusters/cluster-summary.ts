/**
 * What an event says about itself, from its stories: headline (and one per language), sources
 * counted by outlet, corroboration in words, merged tags, figures in conflict, breaking. Pure: the
 * clusters service loads the stories and stores the result.
 */
import { type Cluster, type ClusterHeadline, type ClusterSource, type CorroborationLevel, type FigureConflict, type Place, type SourceTier, STORY_LANGUAGES, type StoryLanguage } from '@sentinel/shared';
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
  /** Its language as guessLanguage tells it; null when it cannot tell (the story has no headline of its own language then). */
  language: StoryLanguage | null;
}

/**
 * Breaking: at least `breakingOutlets` independent outlets within BREAKING_WITHIN_MS of the
 * event's first story. The service passes the bar of the event's region and topic (see
 * breaking-baseline.ts: twice what events there usually gather in their first half hour, never
 * fewer than BREAKING_OUTLETS); with no history it is BREAKING_OUTLETS. An ordinary event gathers
 * its third independent outlet over hours; three in half an hour is the rush a desk must see.
 */
export const BREAKING_OUTLETS = 3;
export const BREAKING_WITHIN_MS = 30 * 60_000;

export type ClusterSummary = Omit<Cluster, 'id' | 'updatedAt'>;

export function summariseCluster(members: readonly ClusterMember[], breakingOutlets = BREAKING_OUTLETS): ClusterSummary {
  const stories = inTimeOrder(members);
  const first = stories[0];
  const list: ClusterSource[] = stories.map((s) => ({ outlet: s.outlet, feedTitle: s.feedTitle, storyId: s.id, firstSeenAt: new Date(s.firstSeenAt).toISOString(), copyOf: s.copyOf }));
  const outlets = new Set(stories.map((s) => s.outlet));
  const independentOutlets = independentOutletsOf(stories);
  return {
    headline: headlineFields(headlineOf(stories, stories)),
    headlines: headlinesByLanguage(stories),
    firstSeenAt: new Date(first.firstSeenAt).toISOString(),
    storyCount: stories.length,
    storyIds: stories.map((s) => s.id),
    sources: { outlets: outlets.size, independent: independentOutlets.size, list },
    corroboration: corroborationOf([...independentOutlets.values()].map((o) => o.tier)),
    regions: distinct(stories.flatMap((s) => s.regions)),
    topics: distinct(stories.flatMap((s) => s.topics)),
    places: distinct(stories.flatMap((s) => s.places.map((p) => p.name))),
    breaking: earlyIndependentOutlets(members) >= breakingOutlets,
    conflicts: conflictsOf(stories),
  };
}

/**
 * How many independent outlets the event had within BREAKING_WITHIN_MS of its first story: what
 * `breaking` compares with its bar, and what the baseline of its region and topic is made of.
 */
export function earlyIndependentOutlets(members: readonly ClusterMember[]): number {
  const stories = inTimeOrder(members);
  if (stories.length === 0) return 0;
  let early = 0;
  for (const outlet of independentOutletsOf(stories).values()) if (outlet.at - stories[0].firstSeenAt <= BREAKING_WITHIN_MS) early++;
  return early;
}

function inTimeOrder(members: readonly ClusterMember[]): ClusterMember[] {
  return [...members].sort((a, b) => a.firstSeenAt - b.firstSeenAt || a.id - b.id);
}

/** Each outlet's first story that is not a copy of another outlet's, by outlet, in time order. */
function independentOutletsOf(stories: readonly ClusterMember[]): Map<string, { tier: SourceTier; at: number }> {
  const independent = new Map<string, { tier: SourceTier; at: number }>();
  for (const s of stories) if (s.copyOf === null && !independent.has(s.outlet)) independent.set(s.outlet, { tier: s.tier, at: s.firstSeenAt });
  return independent;
}

/**
 * The most representative of `candidates`: the one whose places and topics the event's stories
 * share most (ties: independent before copies, English first, then the earliest).
 */
function headlineOf(stories: readonly ClusterMember[], candidates: readonly ClusterMember[]): ClusterMember {
  const counts = new Map<string, number>();
  for (const s of stories) for (const key of keysOf(s)) counts.set(key, (counts.get(key) ?? 0) + 1);
  let best = candidates[0];
  let bestScore = -Infinity;
  for (const s of candidates) {
    const score = keysOf(s).reduce((sum, key) => sum + (counts.get(key) ?? 0), 0) + (s.copyOf === null ? 0.5 : 0) + (s.english ? 1000 : 0);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

/** For each language among the stories, the most representative story in it (scored against the whole event). */
function headlinesByLanguage(stories: readonly ClusterMember[]): Cluster['headlines'] {
  const headlines: Cluster['headlines'] = {};
  for (const language of STORY_LANGUAGES) {
    const inLanguage = stories.filter((s) => s.language === language);
    if (inLanguage.length) headlines[language] = headlineFields(headlineOf(stories, inLanguage));
  }
  return headlines;
}

function headlineFields(s: ClusterMember): ClusterHeadline {
  return { storyId: s.id, title: s.title, url: s.url, feedTitle: s.feedTitle };
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
