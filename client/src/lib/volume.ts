import { storyPlaces, type TaggedStory } from './story';

/**
 * Story counts over time by tag, computed from stories already in the browser. A server
 * aggregate endpoint can replace the callers' data source without changing these shapes.
 */
export const NO_TAG = 'none';
export const OTHER_TAGS = 'other';

export interface VolumeSeries {
  bucketMs: number;
  /** Tags in stacking order, the biggest first; may end with OTHER_TAGS. */
  keys: string[];
  /** One row per bucket: `start` (ms) plus a count per key, as recharts wants it. */
  rows: VolumeRow[];
  total: number;
}

export type VolumeRow = { start: number } & Record<string, number>;

const HOUR = 3_600_000;

export function chooseBucket(spanMs: number): number {
  if (spanMs <= 36 * HOUR) return HOUR;
  if (spanMs <= 10 * 24 * HOUR) return 6 * HOUR;
  return 24 * HOUR;
}

/** Keeps the `maxKeys` biggest tags and folds the rest into "other", so a legend stays readable. */
export function topKeys(totals: Map<string, number>, maxKeys: number): { keys: string[]; folded: Set<string> } {
  const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
  if (sorted.length <= maxKeys) return { keys: sorted, folded: new Set() };
  return { keys: [...sorted.slice(0, maxKeys - 1), OTHER_TAGS], folded: new Set(sorted.slice(maxKeys - 1)) };
}

export function volumeByTag(
  stories: readonly TaggedStory[],
  tagsOf: (story: TaggedStory) => readonly string[],
  options: { maxKeys?: number } = {},
): VolumeSeries {
  if (stories.length === 0) return { bucketMs: HOUR, keys: [], rows: [], total: 0 };
  let first = Infinity;
  let last = -Infinity;
  for (const story of stories) {
    const time = Date.parse(story.publishedAt);
    if (Number.isNaN(time)) continue;
    first = Math.min(first, time);
    last = Math.max(last, time);
  }
  if (first === Infinity) return { bucketMs: HOUR, keys: [], rows: [], total: 0 };
  const bucketMs = chooseBucket(last - first);
  const start = Math.floor(first / bucketMs) * bucketMs;
  const bucketCount = Math.floor((last - start) / bucketMs) + 1;
  const counts = Array.from({ length: bucketCount }, () => new Map<string, number>());
  const totals = new Map<string, number>();
  for (const story of stories) {
    const time = Date.parse(story.publishedAt);
    if (Number.isNaN(time)) continue;
    const bucket = counts[Math.floor((time - start) / bucketMs)];
    const tags = tagsOf(story).length ? tagsOf(story) : [NO_TAG];
    for (const tag of tags) {
      bucket?.set(tag, (bucket.get(tag) ?? 0) + 1);
      totals.set(tag, (totals.get(tag) ?? 0) + 1);
    }
  }
  const { keys, folded } = topKeys(totals, options.maxKeys ?? 7);
  const rows = counts.map((bucket, index) => {
    const row: VolumeRow = { start: start + index * bucketMs };
    for (const key of keys) row[key] = 0;
    for (const [tag, count] of bucket) {
      const key = folded.has(tag) ? OTHER_TAGS : tag;
      row[key] = (row[key] ?? 0) + count;
    }
    return row;
  });
  return { bucketMs, keys, rows, total: stories.length };
}

/** A dot on the map: one named place and how many stories mention it. */
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
