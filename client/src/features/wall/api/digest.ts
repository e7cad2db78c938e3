import { storyPlaces, type TaggedStory } from '../../../lib/story';
import { NO_TAG, OTHER_TAGS, placeKey, topKeys, type PlaceMarker, type VolumeRow, type VolumeSeries } from '../../../lib/volume';

/**
 * The wall's last 24 hours as counts per hour (topics, regions, places), not as stories, so a
 * wall that runs for weeks holds a fixed amount of data. Built from a window of fetched stories,
 * then advanced by each live story; old hours fall off the front.
 */
export const HOUR = 3_600_000;
export const WINDOW_HOURS = 24;
const RECENT_IDS = 2_000;

export interface DigestBucket {
  start: number;
  total: number;
  topics: Record<string, number>;
  regions: Record<string, number>;
  places: Record<string, PlaceMarker>;
}

export interface WallDigest {
  buckets: DigestBucket[];
  /** Earliest time the counts are complete from: the window start, or later when the fetch was capped. */
  coveredFrom: number;
  /** Ids already counted, newest last, so a replayed event is not counted twice. */
  recentIds: number[];
}

function hourOf(time: number): number {
  return Math.floor(time / HOUR) * HOUR;
}

function emptyBucket(start: number): DigestBucket {
  return { start, total: 0, topics: {}, regions: {}, places: {} };
}

/** Buckets for every hour of the window ending at `now`, reusing the ones that are still inside it. */
function roll(buckets: DigestBucket[], now: number): DigestBucket[] {
  const last = hourOf(now);
  const first = last - (WINDOW_HOURS - 1) * HOUR;
  const byStart = new Map(buckets.map((bucket) => [bucket.start, bucket]));
  const rolled: DigestBucket[] = [];
  for (let start = first; start <= last; start += HOUR) rolled.push(byStart.get(start) ?? emptyBucket(start));
  return rolled;
}

function count(bucket: DigestBucket, story: TaggedStory): DigestBucket {
  const topics = { ...bucket.topics };
  for (const topic of story.topics.length ? story.topics : [NO_TAG]) topics[topic] = (topics[topic] ?? 0) + 1;
  const regions = { ...bucket.regions };
  for (const region of story.regions) regions[region] = (regions[region] ?? 0) + 1;
  const places = { ...bucket.places };
  for (const place of storyPlaces(story)) {
    const key = placeKey(place.name, place.country);
    const marker = places[key];
    places[key] = marker
      ? { ...marker, count: marker.count + 1 }
      : { key, name: place.name, country: place.country, lat: place.lat, lon: place.lon, count: 1 };
  }
  return { start: bucket.start, total: bucket.total + 1, topics, regions, places };
}

export function addToDigest(digest: WallDigest, stories: readonly TaggedStory[], now: number): WallDigest {
  const seen = new Set(digest.recentIds);
  const fresh = stories.filter((story) => !seen.has(story.id));
  if (fresh.length === 0) return digest;
  const buckets = roll(digest.buckets, now);
  const index = new Map(buckets.map((bucket, i) => [bucket.start, i]));
  for (const story of fresh) {
    // The server clamps future dates; a little clock skew must still land in the current hour.
    const published = Math.min(Date.parse(story.publishedAt), now);
    const i = index.get(hourOf(published));
    if (i !== undefined) buckets[i] = count(buckets[i]!, story);
  }
  const recentIds = [...digest.recentIds, ...fresh.map((story) => story.id)].slice(-RECENT_IDS);
  return { buckets, coveredFrom: digest.coveredFrom, recentIds };
}

export function buildDigest(stories: readonly TaggedStory[], now: number, complete: boolean): WallDigest {
  const windowStart = hourOf(now) - (WINDOW_HOURS - 1) * HOUR;
  const oldest = stories.reduce((min, story) => Math.min(min, Date.parse(story.publishedAt)), now);
  const empty: WallDigest = { buckets: roll([], now), coveredFrom: complete ? windowStart : Math.max(windowStart, oldest), recentIds: [] };
  return addToDigest(empty, stories, now);
}

export function digestTopicSeries(digest: WallDigest, now: number, maxKeys = 7): VolumeSeries {
  const buckets = roll(digest.buckets, now).filter((bucket) => bucket.start + HOUR > digest.coveredFrom);
  const totals = new Map<string, number>();
  for (const bucket of buckets) for (const [topic, n] of Object.entries(bucket.topics)) totals.set(topic, (totals.get(topic) ?? 0) + n);
  const { keys, folded } = topKeys(totals, maxKeys);
  const rows = buckets.map((bucket) => {
    const row: VolumeRow = { start: bucket.start };
    for (const key of keys) row[key] = 0;
    for (const [topic, n] of Object.entries(bucket.topics)) {
      const key = folded.has(topic) ? OTHER_TAGS : topic;
      row[key] = (row[key] ?? 0) + n;
    }
    return row;
  });
  return { bucketMs: HOUR, keys, rows, total: buckets.reduce((sum, bucket) => sum + bucket.total, 0) };
}

export function digestRegionTotals(digest: WallDigest, now: number): { code: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const bucket of roll(digest.buckets, now)) for (const [code, n] of Object.entries(bucket.regions)) totals.set(code, (totals.get(code) ?? 0) + n);
  return [...totals.entries()].map(([code, n]) => ({ code, count: n })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

export function digestPlaces(digest: WallDigest, now: number): PlaceMarker[] {
  const merged = new Map<string, PlaceMarker>();
  for (const bucket of roll(digest.buckets, now)) {
    for (const marker of Object.values(bucket.places)) {
      const existing = merged.get(marker.key);
      merged.set(marker.key, existing ? { ...existing, count: existing.count + marker.count } : { ...marker });
    }
  }
  return [...merged.values()].sort((a, b) => b.count - a.count);
}
