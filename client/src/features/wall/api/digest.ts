import { storyPlaces, type TaggedStory } from '../../../lib/story';
import { placeKey, type PlaceMarker } from '../../../lib/volume';

/**
 * The places on the wall's map over the last 24 hours, as counts per hour, not as stories, so a
 * wall that runs for weeks holds a fixed amount of data. Built from a window of fetched stories,
 * then advanced by each live story; old hours fall off the front. The topic and region counts
 * come from the server instead (wall-volume.ts): tags are counted there over every story.
 */
export const HOUR = 3_600_000;
export const WINDOW_HOURS = 24;
const RECENT_IDS = 2_000;

export interface DigestBucket {
  start: number;
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
  return { start, places: {} };
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
  const places = { ...bucket.places };
  for (const place of storyPlaces(story)) {
    const key = placeKey(place.name, place.country);
    const marker = places[key];
    places[key] = marker
      ? { ...marker, count: marker.count + 1 }
      : { key, name: place.name, country: place.country, lat: place.lat, lon: place.lon, count: 1 };
  }
  return { start: bucket.start, places };
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
