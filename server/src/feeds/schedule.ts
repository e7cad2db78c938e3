/**
 * Polling schedule maths, kept pure so it can be tested without clocks or databases.
 * All times are epoch milliseconds; intervals are seconds.
 */

export interface ScheduleLimits {
  minIntervalSec: number;
  maxIntervalSec: number;
}

/** Longest Retry-After we honour; beyond it a server is asking for more than a monitor can give. */
export const MAX_RETRY_AFTER_SEC = 6 * 3600;
/** How long a feed may stay silent beyond its rhythm before it counts as stale. */
export const STALE_RHYTHM_FACTOR = 5;
export const STALE_MIN_SILENCE_SEC = 6 * 3600;
/** Without a known rhythm, a feed silent this long is stale. */
export const STALE_DEFAULT_SILENCE_SEC = 3 * 86_400;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * The typical gap between a feed's items, from their publication times: the median gap of the
 * newest twenty. Null when there are fewer than three dated items.
 */
export function publishRhythmSec(publishedAt: number[]): number | null {
  const times = [...publishedAt].sort((a, b) => b - a).slice(0, 20);
  if (times.length < 3) return null;
  const gaps = times.slice(1).map((t, i) => (times[i] - t) / 1000).sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)];
  return Math.max(1, Math.round(median));
}

/** The interval for a healthy feed: a fixed one if a person chose it, else half its rhythm. */
export function healthyIntervalSec(
  feed: { intervalSec: number | null; publishIntervalSec: number | null },
  limits: ScheduleLimits,
): number {
  if (feed.intervalSec !== null) return feed.intervalSec;
  if (feed.publishIntervalSec === null) return clamp(15 * 60, limits.minIntervalSec, limits.maxIntervalSec);
  return clamp(Math.round(feed.publishIntervalSec / 2), limits.minIntervalSec, limits.maxIntervalSec);
}

/** Exponential back-off after consecutive failures, capped at the maximum interval. */
export function failureIntervalSec(consecutiveFailures: number, limits: ScheduleLimits, retryAfterSec?: number): number {
  const exponent = Math.min(Math.max(consecutiveFailures - 1, 0), 20);
  const backoff = clamp(limits.minIntervalSec * 2 ** exponent, limits.minIntervalSec, limits.maxIntervalSec);
  if (retryAfterSec === undefined) return backoff;
  return Math.max(backoff, Math.min(retryAfterSec, MAX_RETRY_AFTER_SEC));
}

/** Spreads polls by ±10% so that feeds added together do not stay bunched together. */
export function withJitter(intervalSec: number, random: () => number = Math.random): number {
  const spread = intervalSec * 0.1;
  return Math.max(1, Math.round(intervalSec - spread + random() * 2 * spread));
}

/** A feed that answers but has published nothing for far longer than its usual rhythm. */
export function isStale(latestItemAt: number | null, publishIntervalSec: number | null, now: number): boolean {
  if (latestItemAt === null) return false;
  const silenceSec = (now - latestItemAt) / 1000;
  const allowed =
    publishIntervalSec === null
      ? STALE_DEFAULT_SILENCE_SEC
      : Math.max(STALE_RHYTHM_FACTOR * publishIntervalSec, STALE_MIN_SILENCE_SEC);
  return silenceSec > allowed;
}
