/**
 * The story filter: what a reader narrows the stories to. One definition, used by the REST list
 * (`GET /api/stories?...`), the socket `subscribe` payload, the client's URL state and its
 * pending-story filter, and wall token scopes. The SQL of the stories list is derived from it
 * (server/src/stories/stories.repository.ts), and test/integration/api/story-filter-contract.test.ts
 * runs one table of filters through the API, a live subscription and `storyMatchesFilter` to prove
 * they agree. This module owns the meaning of a filter; it does not own the taxonomy (regions and
 * topics are checked through a lookup the caller passes) nor the feed list (groups likewise).
 */
import type { Story } from './api';
import { searchTokens } from './text/normalise';

export interface StoryFilter {
  /** ISO country codes or macro-region ids, as asked; a story matches when any of their countries is one of its regions. */
  regions?: string[];
  /** Topic ids; a story matches any of them. */
  topics?: string[];
  /** Search text; a story matches when every one of its search words (`storyFilterWords`) is a word of its title or summary. */
  q?: string;
  /** A story matches when this feed brought it, as its first source or a later one. */
  feedId?: number;
  /** A feed group; a story matches when a feed of this group brought it. */
  group?: string;
  /** ISO 8601; a story matches when published at or after it. */
  since?: string;
  /** ISO 8601; a story matches when published before it. */
  until?: string;
}

export const STORY_FILTER_FIELDS = ['regions', 'topics', 'q', 'feedId', 'group', 'since', 'until'] as const;
export type StoryFilterField = (typeof STORY_FILTER_FIELDS)[number];

export const STORY_FILTER_LIMITS = {
  /** Region or topic values in one filter (a wall token's scope may have as many). */
  values: 100,
  valueLength: 64,
  q: 200,
  group: 200,
  /** Search words beyond this are ignored. */
  words: 12,
  wordLength: 64,
  /** The largest row id (a 32-bit signed integer column). */
  feedId: 2_147_483_647,
} as const;

/** The API's original, repeatable names (`region=SY&region=IQ`) are accepted as well. */
const ALIASES: Readonly<Record<string, StoryFilterField>> = { region: 'regions', topic: 'topics' };

/** What a filter arrives as: a query string's record, a URL's parameters or a socket payload. */
export type StoryFilterInput = Readonly<Record<string, unknown>>;

/** The taxonomy, for refusing regions and topics that do not exist. */
export interface StoryFilterTaxonomy {
  /** ISO codes for a country code or macro-region id; null when unknown. */
  resolveRegion(id: string): readonly string[] | null;
  isTopic(id: string): boolean;
}

export interface StoryFilterParseOptions {
  /** When given, unknown regions and topics are refused; without it only their form is checked. */
  taxonomy?: StoryFilterTaxonomy;
  /** Other fields the caller reads itself (`limit`, `cursor`); any other unknown field is refused. */
  otherFields?: readonly string[];
}

export type StoryFilterParseResult = { ok: true; filter: StoryFilter } | { ok: false; field: string; error: string };

type FieldResult<T> = { value: T | undefined } | { error: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/i;
const WHOLE_NUMBER = /^\d{1,16}$/;

function scalar(field: string, raw: unknown): FieldResult<string> {
  if (raw === undefined || raw === null) return { value: undefined };
  const value = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  if (Array.isArray(value)) return { error: `${field} must be given once` };
  if (typeof value === 'number' && Number.isFinite(value)) return { value: String(value) };
  if (typeof value !== 'string') return { error: `${field} must be text` };
  const trimmed = value.trim();
  return { value: trimmed === '' ? undefined : trimmed };
}

function idList(field: 'regions' | 'topics', raw: unknown[], taxonomy: StoryFilterTaxonomy | undefined): FieldResult<string[]> {
  const singular = field === 'regions' ? 'region' : 'topic';
  const values: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string') return { error: `${field} must be a list of ${singular} ids, such as ${field === 'regions' ? '["SY", "middle-east"]' : '["airstrike"]'}` };
    for (const part of item.split(',')) {
      const id = part.trim();
      if (id && !values.includes(id)) values.push(id);
    }
  }
  if (values.length === 0) return { value: undefined };
  if (values.length > STORY_FILTER_LIMITS.values) return { error: `at most ${STORY_FILTER_LIMITS.values} ${singular} values` };
  const tooLong = values.find((id) => id.length > STORY_FILTER_LIMITS.valueLength);
  if (tooLong !== undefined) {
    return { error: field === 'regions' ? 'region values are ISO country codes or macro-region ids' : 'topic values are topic ids' };
  }
  if (taxonomy) {
    for (const id of values) {
      if (field === 'regions' && !taxonomy.resolveRegion(id)) {
        return { error: `region ${JSON.stringify(id)} is not known: use an ISO country code (SY) or a macro-region id (middle-east); GET /api/taxonomy lists them` };
      }
      if (field === 'topics' && !taxonomy.isTopic(id)) return { error: `topic ${JSON.stringify(id)} is not known; GET /api/taxonomy lists the topics` };
    }
  }
  return { value: values };
}

function time(field: 'since' | 'until', raw: unknown): FieldResult<string> {
  const text = scalar(field, raw);
  if (!('value' in text) || text.value === undefined) return text;
  const message = `${field} must be an ISO 8601 date such as 2026-01-31T12:00:00Z`;
  const match = ISO_DATE.exec(text.value);
  if (!match) return { error: message };
  const [, year, month, day, zone] = match;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return { error: message };
  // A time without a zone is UTC, so a link means the same on every machine.
  const parsed = Date.parse(text.value.length > 10 && !zone ? `${text.value}Z` : text.value);
  return Number.isNaN(parsed) ? { error: message } : { value: new Date(parsed).toISOString() };
}

function fieldOf(field: StoryFilterField, raw: unknown, taxonomy: StoryFilterTaxonomy | undefined): FieldResult<StoryFilter[StoryFilterField]> {
  switch (field) {
    case 'regions':
    case 'topics': {
      if (raw === undefined || raw === null) return { value: undefined };
      return idList(field, Array.isArray(raw) ? raw : [raw], taxonomy);
    }
    case 'q': {
      const text = scalar('q', raw);
      if (!('value' in text) || text.value === undefined) return text;
      if (text.value.length > STORY_FILTER_LIMITS.q) return { error: `q must be at most ${STORY_FILTER_LIMITS.q} characters` };
      if (searchTokens(text.value).length === 0) return { error: 'q must contain at least one letter or digit' };
      return text;
    }
    case 'feedId': {
      const message = `feedId must be a whole number from 1 to ${STORY_FILTER_LIMITS.feedId}`;
      const text = scalar('feedId', raw);
      if (!('value' in text)) return { error: message };
      if (text.value === undefined) return text;
      const id = WHOLE_NUMBER.test(text.value) ? Number(text.value) : NaN;
      return Number.isSafeInteger(id) && id >= 1 && id <= STORY_FILTER_LIMITS.feedId ? { value: id } : { error: message };
    }
    case 'group': {
      const text = scalar('group', raw);
      if ('value' in text && text.value !== undefined && text.value.length > STORY_FILTER_LIMITS.group) {
        return { error: `group must be at most ${STORY_FILTER_LIMITS.group} characters` };
      }
      return text;
    }
    case 'since':
    case 'until':
      return time(field, raw);
  }
}

/** The raw values of each filter field, aliases merged, plus the fields that are not the filter's. */
function collect(input: StoryFilterInput): { raw: Map<StoryFilterField, unknown>; unknown: string[] } {
  const raw = new Map<StoryFilterField, unknown>();
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const field = (STORY_FILTER_FIELDS as readonly string[]).includes(key) ? (key as StoryFilterField) : ALIASES[key];
    if (!field) {
      unknown.push(key);
      continue;
    }
    if (value === undefined) continue;
    const earlier = raw.get(field);
    // `region=SY&regions=IQ`: both spellings add up.
    raw.set(field, earlier === undefined ? value : [earlier, value].flat());
  }
  return { raw, unknown };
}

/** Reads every field; `onError` decides whether a problem stops the reading (strict) or drops the field (lenient). */
function readFilter(input: StoryFilterInput, options: StoryFilterParseOptions, onError: (field: string, error: string) => boolean): StoryFilter | null {
  const { raw, unknown } = collect(input);
  const filter: StoryFilter = {};
  for (const field of STORY_FILTER_FIELDS) {
    const result = fieldOf(field, raw.get(field), options.taxonomy);
    if ('error' in result) {
      if (onError(field, result.error)) return null;
      continue;
    }
    if (result.value !== undefined) (filter as Record<string, unknown>)[field] = result.value;
  }
  for (const key of unknown) {
    if (options.otherFields?.includes(key)) continue;
    const fields = [...STORY_FILTER_FIELDS, ...(options.otherFields ?? [])].join(', ');
    if (onError(key, `property ${key.slice(0, 40)} should not exist; the fields are ${fields}`)) return null;
  }
  if (filter.since !== undefined && filter.until !== undefined && Date.parse(filter.since) >= Date.parse(filter.until)) {
    if (onError('until', 'since must be earlier than until')) return null;
    delete filter.until;
  }
  return filter;
}

function isRecord(input: unknown): input is StoryFilterInput {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

/**
 * Checks a filter and returns it in its one typed form, or the first problem with the field it
 * concerns. Lists may repeat (`regions=SY&regions=IQ`), be comma-separated or be arrays; blank
 * values count as absent; times become ISO strings in UTC.
 */
export function parseStoryFilter(input: unknown, options: StoryFilterParseOptions = {}): StoryFilterParseResult {
  if (!isRecord(input)) return { ok: false, field: '', error: 'a story filter is an object such as {"regions": ["SY"], "topics": ["airstrike"], "q": "prison"}' };
  const problems: { field: string; error: string }[] = [];
  const filter = readFilter(input, options, (field, error) => problems.push({ field, error }) > 0);
  return filter ? { ok: true, filter } : { ok: false, ...problems[0] };
}

/** The same parser for a hand-edited link: a field that does not parse is left out rather than refused. */
export function parseStoryFilterLeniently(input: StoryFilterInput, options: StoryFilterParseOptions = {}): StoryFilter {
  return readFilter(input, { ...options, otherFields: Object.keys(input) }, () => false) ?? {};
}

/** The filter as query parameters (lists repeat), in the form `parseStoryFilter` reads back. */
export function storyFilterParams(filter: StoryFilter): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  if (filter.regions?.length) params.regions = filter.regions;
  if (filter.topics?.length) params.topics = filter.topics;
  if (filter.q) params.q = filter.q;
  if (filter.feedId !== undefined) params.feedId = String(filter.feedId);
  if (filter.group !== undefined) params.group = filter.group;
  if (filter.since !== undefined) params.since = filter.since;
  if (filter.until !== undefined) params.until = filter.until;
  return params;
}

export function isEmptyStoryFilter(filter: StoryFilter): boolean {
  return STORY_FILTER_FIELDS.every((field) => filter[field] === undefined);
}

/** The words a story must all contain for `filter.q`; what the SQL search looks for too. */
export function storyFilterWords(filter: Pick<StoryFilter, 'q'>): string[] {
  if (!filter.q) return [];
  return [...new Set(searchTokens(filter.q))].slice(0, STORY_FILTER_LIMITS.words).map((word) => word.slice(0, STORY_FILTER_LIMITS.wordLength));
}

/** What matching needs beyond the story: the taxonomy's regions and the feeds' groups. */
export interface StoryMatchContext {
  /** ISO codes for a country code or macro-region id; null when unknown, and an unknown region matches nothing. */
  resolveRegion(id: string): readonly string[] | null;
  /** A feed's group: null when it has none, undefined when the feed is not known (then it is in no group). */
  groupOf(feedId: number): string | null | undefined;
}

export type FilterableStory = Pick<Story, 'title' | 'summary' | 'regions' | 'topics' | 'publishedAt' | 'feedId' | 'sources'>;

// Many sockets test the same story object; its words are worked out once.
const storyWords = new WeakMap<object, ReadonlySet<string>>();

function wordsOf(story: FilterableStory): ReadonlySet<string> {
  let words = storyWords.get(story);
  if (!words) {
    words = new Set(searchTokens(`${story.title} ${story.summary}`));
    storyWords.set(story, words);
  }
  return words;
}

function feedIdsOf(story: FilterableStory): number[] {
  const ids = story.sources.map((source) => source.feedId).filter((id): id is number => id !== null);
  return story.feedId === null ? ids : [story.feedId, ...ids];
}

/** Whether one story, in memory, passes the filter: the rule the SQL of the stories list expresses too. */
export function storyMatchesFilter(filter: StoryFilter, story: FilterableStory, context: StoryMatchContext): boolean {
  if (filter.regions?.length) {
    const countries = new Set(filter.regions.flatMap((id) => context.resolveRegion(id) ?? []));
    if (!story.regions.some((code) => countries.has(code))) return false;
  }
  if (filter.topics?.length && !story.topics.some((topic) => filter.topics!.includes(topic))) return false;
  if (filter.feedId !== undefined && !feedIdsOf(story).includes(filter.feedId)) return false;
  if (filter.group !== undefined && !feedIdsOf(story).some((id) => context.groupOf(id) === filter.group)) return false;
  const published = Date.parse(story.publishedAt);
  if (filter.since !== undefined && !(published >= Date.parse(filter.since))) return false;
  if (filter.until !== undefined && !(published < Date.parse(filter.until))) return false;
  const words = storyFilterWords(filter);
  if (words.length) {
    const have = wordsOf(story);
    if (!words.every((word) => have.has(word))) return false;
  }
  return true;
}

/**
 * The filter that passes exactly the stories both pass (a request within a wall token's scope);
 * null when none can. Regions named by both become the country codes they share.
 */
export function intersectStoryFilters(a: StoryFilter, b: StoryFilter, resolveRegion: (id: string) => readonly string[] | null): StoryFilter | null {
  const both: StoryFilter = { ...a, ...b };
  if (a.regions?.length && b.regions?.length) {
    const allowed = new Set(b.regions.flatMap((id) => resolveRegion(id) ?? []));
    both.regions = [...new Set(a.regions.flatMap((id) => resolveRegion(id) ?? []))].filter((code) => allowed.has(code));
    if (both.regions.length === 0) return null;
  }
  if (a.topics?.length && b.topics?.length) {
    both.topics = a.topics.filter((topic) => b.topics!.includes(topic));
    if (both.topics.length === 0) return null;
  }
  if (a.feedId !== undefined && b.feedId !== undefined && a.feedId !== b.feedId) return null;
  if (a.group !== undefined && b.group !== undefined && a.group !== b.group) return null;
  if (a.q && b.q) both.q = `${a.q} ${b.q}`;
  if (a.since !== undefined && b.since !== undefined) both.since = Date.parse(a.since) >= Date.parse(b.since) ? a.since : b.since;
  if (a.until !== undefined && b.until !== undefined) both.until = Date.parse(a.until) <= Date.parse(b.until) ? a.until : b.until;
  if (both.since !== undefined && both.until !== undefined && Date.parse(both.since) >= Date.parse(both.until)) return null;
  return both;
}

/** A wall token's scope (regions and/or topics) as a filter; empty when the caller may see everything. */
export function storyFilterOfScope(scope: { regions: readonly string[]; topics: readonly string[] }): StoryFilter {
  return {
    ...(scope.regions.length ? { regions: [...scope.regions] } : {}),
    ...(scope.topics.length ? { topics: [...scope.topics] } : {}),
  };
}
