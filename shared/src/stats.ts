/**
 * Volume series for charts, computed by the server over every story that matches a filter
 * (`GET /api/stats/volume`), and kept live by the client: a story series from `story:new`, an
 * event series by fetching it again after `cluster:new` / `cluster:updated`.
 */
export const VOLUME_BY = ['topic', 'region'] as const;
export type VolumeBy = (typeof VOLUME_BY)[number];

/**
 * What a series counts: matching stories, or the events (clusters) they belong to. `events`
 * counts each event once per bucket and tag however many matching stories it gained there, so an
 * event active over two hours counts in both; a story not yet placed in an event is its own event.
 */
export const VOLUME_COUNTS = ['stories', 'events'] as const;
export type VolumeCount = (typeof VOLUME_COUNTS)[number];
export const DEFAULT_VOLUME_COUNT: VolumeCount = 'stories';

/**
 * The event a story counts for in an `events` series: its cluster, or, before it is placed in
 * one, the story itself (a negative number, so it never equals a cluster id). The server's SQL
 * says the same (`COALESCE(cluster_id, -id)`, server/src/stats/volume.repository.ts).
 */
export function volumeEventKey(story: { id: number; clusterId: number | null }): number {
  return story.clusterId ?? -story.id;
}

/** Bucket sizes; days start at midnight UTC. */
export const VOLUME_BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const;
export type VolumeBucketSize = keyof typeof VOLUME_BUCKET_MS;

/** The most buckets one answer holds; a longer explicit span is refused, an open one is cut at its start. */
export const MAX_VOLUME_BUCKETS = 2000;

/** The key under which stories without any topic (or region) are counted, so the total stays true. */
export const NO_TAG = 'none';

export interface VolumeBucket {
  /** ISO time the bucket starts. */
  start: string;
  /**
   * Stories (or events, see `count`) per topic id (or ISO country code), NO_TAG for those with
   * none; a story with two topics counts in both.
   */
  counts: Record<string, number>;
}

export interface VolumeResponse {
  by: VolumeBy;
  bucket: VolumeBucketSize;
  count: VolumeCount;
  /** Every bucket from the first to the one holding `until`, empty ones included; none when no story matches. */
  buckets: VolumeBucket[];
  /**
   * Per tag over the whole series (the stories its buckets count). For stories, the sum of the
   * buckets; for events, each event once however many buckets it is active in, so a 24-hour
   * figure does not count a long-running event once per hour.
   */
  totals: Record<string, number>;
  /**
   * The last change-log id (eventId) when counting began: a client keeping the series live adds
   * the `story:new` events after it, and skips those at or before it, which are counted already.
   */
  asOf: number;
}

/** The bucket a time falls in (its start, in ms). */
export function volumeBucketStart(time: number, bucket: VolumeBucketSize): number {
  const size = VOLUME_BUCKET_MS[bucket];
  return Math.floor(time / size) * size;
}
