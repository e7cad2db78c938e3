/**
 * Volume series for charts, computed by the server over every story that matches a filter
 * (`GET /api/stats/volume`), and kept live by the client from `story:new`.
 */
export const VOLUME_BY = ['topic', 'region'] as const;
export type VolumeBy = (typeof VOLUME_BY)[number];

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
  /** Stories per topic id (or ISO country code), NO_TAG for stories with none; a story with two topics counts in both. */
  counts: Record<string, number>;
}

export interface VolumeResponse {
  by: VolumeBy;
  bucket: VolumeBucketSize;
  /** Every bucket from the first to the one holding `until`, empty ones included; none when no story matches. */
  buckets: VolumeBucket[];
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
