import type { Taxonomy } from '@sentinel/shared/taxonomy';
import type { QueryParams } from './api-client';
import type { TaggedStory } from './story';

/**
 * What a reader is looking at: the analyst's filters and the wall's kiosk scope share this shape
 * and its URL form (`?regions=SY,IQ&topics=prison-break&q=...`), so a view can be shared as a link.
 */
export const TIME_RANGES = ['all', '1h', '6h', '24h', '7d', '30d', 'custom'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

export const TIME_RANGE_LABELS: Record<TimeRange, string> = {
  all: 'Any time',
  '1h': 'Last hour',
  '6h': 'Last 6 hours',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Between dates',
};

const RANGE_MS: Record<Exclude<TimeRange, 'all' | 'custom'>, number> = {
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

export interface StoryFilter {
  q: string;
  /** ISO country codes and macro-region ids, as the API's `region` parameter takes them. */
  regions: string[];
  topics: string[];
  feedId: number | null;
  group: string | null;
  range: TimeRange;
  /** ISO times, used when range is "custom". */
  since: string | null;
  until: string | null;
}

export const EMPTY_FILTER: StoryFilter = {
  q: '',
  regions: [],
  topics: [],
  feedId: null,
  group: null,
  range: 'all',
  since: null,
  until: null,
};

function list(value: string | null): string[] {
  if (!value) return [];
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  return [...new Set(items)].sort();
}

function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export function parseStoryFilter(params: URLSearchParams): StoryFilter {
  const feedId = Number(params.get('feed'));
  const range = params.get('range') as TimeRange | null;
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    regions: list(params.get('regions')),
    topics: list(params.get('topics')),
    feedId: Number.isInteger(feedId) && feedId > 0 ? feedId : null,
    group: params.get('group') || null,
    range: range && (TIME_RANGES as readonly string[]).includes(range) ? range : 'all',
    since: isoOrNull(params.get('since')),
    until: isoOrNull(params.get('until')),
  };
}

/** Writes the filter into `params`, removing what is at its default so links stay short. */
export function writeStoryFilter(filter: StoryFilter, params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
  set('q', filter.q.trim() || null);
  set('regions', filter.regions.length ? [...filter.regions].sort().join(',') : null);
  set('topics', filter.topics.length ? [...filter.topics].sort().join(',') : null);
  set('feed', filter.feedId ? String(filter.feedId) : null);
  set('group', filter.group);
  set('range', filter.range === 'all' ? null : filter.range);
  set('since', filter.range === 'custom' ? filter.since : null);
  set('until', filter.range === 'custom' ? filter.until : null);
  return next;
}

/** A stable, serialisable identity of the filter, for query keys. */
export function storyFilterKey(filter: StoryFilter): string {
  return writeStoryFilter(filter, new URLSearchParams()).toString();
}

export function isFilterActive(filter: StoryFilter): boolean {
  return storyFilterKey(filter) !== '';
}

export function filterWindow(filter: StoryFilter, now: number): { since: string | null; until: string | null } {
  if (filter.range === 'custom') return { since: filter.since, until: filter.until };
  if (filter.range === 'all') return { since: null, until: null };
  return { since: new Date(now - RANGE_MS[filter.range]).toISOString(), until: null };
}

/** The query parameters of GET /api/stories for this filter (`region` and `topic` repeat). */
export function storyQueryParams(filter: StoryFilter, now: number): QueryParams {
  const window = filterWindow(filter, now);
  return {
    q: filter.q || undefined,
    region: filter.regions,
    topic: filter.topics,
    feedId: filter.feedId ?? undefined,
    group: filter.group ?? undefined,
    since: window.since ?? undefined,
    until: window.until ?? undefined,
  };
}

/** What the gateway's `subscribe` can narrow by; the rest is checked here on arrival. */
export function subscriptionOf(filter: StoryFilter): { regions?: string[]; topics?: string[]; q?: string } {
  return {
    ...(filter.regions.length ? { regions: filter.regions } : {}),
    ...(filter.topics.length ? { topics: filter.topics } : {}),
    ...(filter.q ? { q: filter.q } : {}),
  };
}

function matchesRegion(filter: StoryFilter, story: TaggedStory, taxonomy: Taxonomy | null): boolean {
  if (filter.regions.length === 0) return true;
  return filter.regions.some((wanted) => {
    if (story.regions.includes(wanted)) return true;
    const macro = taxonomy?.macroRegions.find((item) => item.id === wanted);
    if (macro) return macro.countries.some((code) => story.regions.includes(code));
    // A macro-region we cannot expand without the taxonomy: trust the server's subscription filter.
    return !taxonomy && wanted.length > 2;
  });
}

/**
 * Whether a story pushed over the socket belongs in a list with this filter. Full-text `q` is
 * left to the server's subscription: its search rules (stemming, phrases) cannot be copied here.
 * A group cannot be checked without the feed list, so the caller passes the group's feed ids.
 */
export function storyMatchesFilter(
  filter: StoryFilter,
  story: TaggedStory,
  context: { taxonomy: Taxonomy | null; groupFeedIds: ReadonlySet<number> | null; now: number },
): boolean {
  if (filter.feedId !== null && story.feedId !== filter.feedId && !story.sources.some((s) => s.feedId === filter.feedId)) {
    return false;
  }
  if (filter.group !== null && context.groupFeedIds) {
    const ids = context.groupFeedIds;
    if (!(story.feedId !== null && ids.has(story.feedId)) && !story.sources.some((s) => s.feedId !== null && ids.has(s.feedId))) {
      return false;
    }
  }
  if (filter.topics.length > 0 && !filter.topics.some((topic) => story.topics.includes(topic))) return false;
  if (!matchesRegion(filter, story, context.taxonomy)) return false;
  const window = filterWindow(filter, context.now);
  const published = Date.parse(story.publishedAt);
  if (window.since && published < Date.parse(window.since)) return false;
  if (window.until && published > Date.parse(window.until)) return false;
  return true;
}
