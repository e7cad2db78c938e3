import { NO_TAG, VOLUME_BUCKET_MS, volumeBucketStart, type VolumeBucketSize, type VolumeBy, type VolumeCount, type VolumeResponse } from '@sentinel/shared';
import { plural } from './format';
import { storyPlaces, type TaggedStory } from './story';
import { filterWindow, type StoryFilter } from './story-filter';

/**
 * Story (or event) counts over time by tag, as the charts draw them. The counts come from the
 * server (`GET /api/stats/volume`, over every matching story; see volume-api.ts); story counts
 * are kept live here by adding each new story to its bucket, event counts by fetching again.
 */
export { NO_TAG };
export const OTHER_TAGS = 'other';

/** What a series counts, in words: the switch's labels and each figure's title say it. */
export const VOLUME_COUNT_WORDS: Record<VolumeCount, { label: string; one: string; many: string }> = {
  stories: { label: 'Stories', one: 'story', many: 'stories' },
  events: { label: 'Events', one: 'event', many: 'events' },
};

/** "1 event", "1,204 stories". */
export function formatCounted(count: VolumeCount, value: number): string {
  return plural(value, VOLUME_COUNT_WORDS[count].one, VOLUME_COUNT_WORDS[count].many);
}

export interface VolumeSeries {
  bucketMs: number;
  /** What the counts are: stories, or events (each once per bucket and tag). */
  count: VolumeCount;
  /** Tags in stacking order, the biggest first; may end with OTHER_TAGS. */
  keys: string[];
  /** One row per bucket: `start` (ms) plus a count per key, as recharts wants it. */
  rows: VolumeRow[];
  /**
   * Each key's figure over the whole series, for legends: the rows summed for stories; for
   * events the server's totals, where an event active in several buckets counts once.
   */
  totals: Record<string, number>;
  total: number;
}

export type VolumeRow = { start: number } & Record<string, number>;

const HOUR = 3_600_000;

/** Keeps the `maxKeys` biggest tags and folds the rest into "other", so a legend stays readable. */
export function topKeys(totals: Map<string, number>, maxKeys: number): { keys: string[]; folded: Set<string> } {
  const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
  if (sorted.length <= maxKeys) return { keys: sorted, folded: new Set() };
  return { keys: [...sorted.slice(0, maxKeys - 1), OTHER_TAGS], folded: new Set(sorted.slice(maxKeys - 1)) };
}

/** Hour buckets for spans up to ten days, day buckets beyond (and for "any time"). */
export function volumeBucketFor(filter: StoryFilter, now: number): VolumeBucketSize {
  const window = filterWindow(filter, now);
  if (!window.since) return 'day';
  const span = (window.until ? Date.parse(window.until) : now) - Date.parse(window.since);
  return span <= 10 * 24 * HOUR ? 'hour' : 'day';
}

/**
 * A server series as the charts draw it: the `maxKeys` biggest tags, the rest folded into "other";
 * buckets before `from` left out (an event series' totals are the server's, over all it fetched).
 */
export function seriesFromVolume(volume: VolumeResponse, options: { maxKeys?: number; from?: number } = {}): VolumeSeries {
  const bucketMs = VOLUME_BUCKET_MS[volume.bucket];
  const buckets = volume.buckets.filter((bucket) => options.from === undefined || Date.parse(bucket.start) + bucketMs > options.from);
  const totals = new Map<string, number>();
  for (const bucket of buckets) for (const [tag, n] of Object.entries(bucket.counts)) totals.set(tag, (totals.get(tag) ?? 0) + n);
  // Events cannot be summed over buckets (one active for hours would count once an hour): the server counts them once.
  const tagTotals = volume.count === 'events' ? new Map(Object.entries(volume.totals).filter(([tag]) => totals.has(tag))) : totals;
  const { keys, folded } = topKeys(tagTotals, options.maxKeys ?? 7);
  const rows = buckets.map((bucket) => {
    const row: VolumeRow = { start: Date.parse(bucket.start) };
    for (const key of keys) row[key] = 0;
    for (const [tag, n] of Object.entries(bucket.counts)) {
      const key = folded.has(tag) ? OTHER_TAGS : tag;
      row[key] = (row[key] ?? 0) + n;
    }
    return row;
  });
  const keyTotals: Record<string, number> = {};
  for (const [tag, n] of tagTotals) {
    const key = folded.has(tag) ? OTHER_TAGS : tag;
    keyTotals[key] = (keyTotals[key] ?? 0) + n;
  }
  return { bucketMs, count: volume.count, keys, rows, totals: keyTotals, total: [...tagTotals.values()].reduce((sum, n) => sum + n, 0) };
}

/** Each tag's count over the series (from `from` on), biggest first; the wall's top regions. */
export function volumeTotals(volume: VolumeResponse, from?: number): { key: string; count: number }[] {
  const series = seriesFromVolume(volume, { maxKeys: Infinity, from });
  return series.keys.map((key) => ({ key, count: series.totals[key] ?? 0 })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/**
 * Adds a story announced by `story:new` to a story series fetched before it: one more in the bucket it
 * was published in, for each of its tags, with empty buckets added at the end when time has moved
 * on. An event the series already counts (at or before `asOf`) changes nothing, so a replay or a
 * story counted by the fetch is not counted twice. The caller checks that the story matches the
 * series' filter.
 */
export function addStoryToVolume(volume: VolumeResponse, event: { eventId: number; story: TaggedStory }, by: VolumeBy, now: number): VolumeResponse {
  if (event.eventId <= volume.asOf) return volume;
  const size = VOLUME_BUCKET_MS[volume.bucket];
  // The server clamps future dates; a little clock skew must still land in the current bucket.
  const start = volumeBucketStart(Math.min(Date.parse(event.story.publishedAt), now), volume.bucket);
  const buckets = volume.buckets.slice();
  const first = buckets.length ? Date.parse(buckets[0]!.start) : start;
  if (Number.isNaN(start) || start < first) return { ...volume, asOf: event.eventId };
  let last = buckets.length ? Date.parse(buckets[buckets.length - 1]!.start) : start - size;
  while (last < start) {
    last += size;
    buckets.push({ start: new Date(last).toISOString(), counts: {} });
  }
  const index = (start - first) / size;
  const tags = by === 'topic' ? event.story.topics : event.story.regions;
  const counts = { ...buckets[index]!.counts };
  const totals = { ...volume.totals };
  for (const tag of tags.length ? new Set(tags) : [NO_TAG]) {
    counts[tag] = (counts[tag] ?? 0) + 1;
    totals[tag] = (totals[tag] ?? 0) + 1;
  }
  buckets[index] = { ...buckets[index]!, counts };
  return { ...volume, buckets, totals, asOf: event.eventId };
}

/** A dot on the map: one named place (or a country) and how many stories, or events, it has. */
export interface PlaceMarker {
  key: string;
  name: string;
  country: string;
  lat: number;
  lon: number;
  count: number;
}

export function placeKey(name: string, country: string): string {
  return `${country}:${name.toLowerCase()}`;
}

export function countPlaces(stories: readonly TaggedStory[]): PlaceMarker[] {
  const markers = new Map<string, PlaceMarker>();
  for (const story of stories) {
    for (const place of storyPlaces(story)) {
      const key = placeKey(place.name, place.country);
      const marker = markers.get(key);
      if (marker) marker.count += 1;
      else markers.set(key, { key, name: place.name, country: place.country, lat: place.lat, lon: place.lon, count: 1 });
    }
  }
  return [...markers.values()].sort((a, b) => b.count - a.count);
}
