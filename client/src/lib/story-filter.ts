import {
  type Feed,
  parseStoryFilterLeniently,
  type StoryFilter as ApiStoryFilter,
  storyFilterParams,
  storyMatchesFilter as matchSharedFilter,
  type StoryMatchContext,
  type SubscribeRequest,
} from '@sentinel/shared';
import type { Taxonomy } from '@sentinel/shared/taxonomy';
import type { QueryParams } from './api-client';
import type { TaggedStory } from './story';

/**
 * What a reader is looking at: the analyst's filters and the wall's kiosk scope share this shape
 * and its URL form (`?regions=SY,IQ&topics=prison-break&q=...`), so a view can be shared as a link.
 * It is the shared story filter (shared/src/story-filter.ts: one parser, one matcher) plus a
 * time range relative to now; `toApiFilter` turns it into that filter.
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
  /** ISO country codes and macro-region ids, as the API's `regions` parameter takes them. */
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

/** The filter fields in a view's URL; `feed` is the name links used before `feedId`. */
const URL_FIELDS = ['regions', 'topics', 'q', 'feedId', 'group', 'since', 'until'] as const;

const sorted = (values: readonly string[] | undefined): string[] => [...(values ?? [])].sort();

/** Reads a view from its URL with the shared parser; a hand-edited part that does not parse is left out, never an error. */
export function parseStoryFilter(params: URLSearchParams): StoryFilter {
  const input: Record<string, string | string[]> = {};
  for (const field of URL_FIELDS) {
    const values = params.getAll(field);
    if (values.length) input[field] = values.length === 1 ? values[0]! : values;
  }
  if (input.feedId === undefined && params.has('feed')) input.feedId = params.get('feed')!;
  const filter = parseStoryFilterLeniently(input);
  const range = params.get('range') as TimeRange | null;
  return {
    q: filter.q ?? '',
    regions: sorted(filter.regions),
    topics: sorted(filter.topics),
    feedId: filter.feedId ?? null,
    group: filter.group ?? null,
    range: range && (TIME_RANGES as readonly string[]).includes(range) ? range : 'all',
    since: filter.since ?? null,
    until: filter.until ?? null,
  };
}

/** Writes the filter into `params`, removing what is at its default so links stay short. */
export function writeStoryFilter(filter: StoryFilter, params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
  next.delete('feed');
  set('q', filter.q.trim() || null);
  set('regions', filter.regions.length ? sorted(filter.regions).join(',') : null);
  set('topics', filter.topics.length ? sorted(filter.topics).join(',') : null);
  set('feedId', filter.feedId ? String(filter.feedId) : null);
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

/** The view as the shared story filter that the API, the socket and the matcher read: its time range made absolute at `now`. */
export function toApiFilter(filter: StoryFilter, now: number): ApiStoryFilter {
  const window = filterWindow(filter, now);
  const api: ApiStoryFilter = {};
  if (filter.regions.length) api.regions = filter.regions;
  if (filter.topics.length) api.topics = filter.topics;
  if (filter.q.trim()) api.q = filter.q.trim();
  if (filter.feedId !== null) api.feedId = filter.feedId;
  if (filter.group !== null) api.group = filter.group;
  if (window.since) api.since = window.since;
  if (window.until) api.until = window.until;
  return api;
}

/** The query parameters of GET /api/stories for this filter. */
export function storyQueryParams(filter: StoryFilter, now: number): QueryParams {
  return storyFilterParams(toApiFilter(filter, now));
}

/**
 * What the gateway's `subscribe` narrows the socket to: the whole filter, except a relative time
 * range, which moves with the clock (a live story is recent; `storyMatchesFilter` checks it on arrival).
 */
export function subscriptionOf(filter: StoryFilter): SubscribeRequest {
  return toApiFilter(filter.range === 'custom' ? filter : { ...filter, range: 'all' }, 0);
}

/** What matching a story in the browser reads from the caches: the taxonomy and the feed list. */
export interface StoryMatchCaches {
  taxonomy: Taxonomy | null;
  feeds: readonly Feed[] | null;
  now: number;
}

/**
 * Whether the caches hold what matching this filter needs: the taxonomy for a macro-region, the
 * feed list for a group. When they do not, a caller should refetch rather than guess.
 */
export function canMatchLocally(filter: StoryFilter, caches: Pick<StoryMatchCaches, 'taxonomy' | 'feeds'>): boolean {
  if (filter.group !== null && !caches.feeds) return false;
  return caches.taxonomy !== null || filter.regions.every((id) => /^[a-z]{2}$/i.test(id));
}

function matchContext({ taxonomy, feeds }: StoryMatchCaches): StoryMatchContext {
  const macros = new Map<string, readonly string[]>(taxonomy?.macroRegions.map((macro) => [macro.id, macro.countries]));
  const groups = new Map(feeds?.map((feed) => [feed.id, feed.group]));
  return {
    // A code the gazetteer lacks is on no story, so taking any two letters as a code changes nothing.
    resolveRegion: (id) => macros.get(id) ?? (/^[a-z]{2}$/i.test(id) ? [id.toUpperCase()] : null),
    groupOf: (feedId) => groups.get(feedId),
  };
}

/** Whether a story pushed over the socket belongs in a list with this filter: the shared matcher, fed from the caches. */
export function storyMatchesFilter(filter: StoryFilter, story: TaggedStory, caches: StoryMatchCaches): boolean {
  return matchSharedFilter(toApiFilter(filter, caches.now), story, matchContext(caches));
}
