import { Injectable } from '@nestjs/common';
import {
  intersectStoryFilters,
  MAX_VOLUME_BUCKETS,
  storyFilterOfScope,
  VOLUME_BUCKET_MS,
  volumeBucketStart,
  type Principal,
  type StoryFilter,
  type VolumeBucketSize,
  type VolumeBy,
  type VolumeCount,
  type VolumeResponse,
} from '@sentinel/shared';
import { TaggingService } from '../tagging/tagging.service';
import { VolumeRepository } from './volume.repository';
import { InvalidInputError } from '../common/domain-error';

export interface VolumeQuery {
  by: VolumeBy;
  bucket: VolumeBucketSize;
  count: VolumeCount;
  filter: StoryFilter;
}

/** Events that gained a story since a time, by topic id and by macro-region id (the wall's `stats` figures). */
export interface RecentEventCounts {
  byTopic: Record<string, number>;
  byMacroRegion: Record<string, number>;
}

const NO_SCOPE: Principal['scope'] = { regions: [], topics: [] };

/**
 * Story (or event) counts per time bucket and topic (or region), over every story that matches
 * the filter and the caller's scope. The series runs from `since` (or the first matching story)
 * to `until` (or now), empty buckets included, so a chart can draw it as it is.
 */
@Injectable()
export class VolumeService {
  constructor(
    private readonly repository: VolumeRepository,
    private readonly tagging: TaggingService,
  ) {}

  async volume(query: VolumeQuery, scope: Principal['scope'] = NO_SCOPE, now = Date.now()): Promise<VolumeResponse> {
    // Read first: a story stored while counting may then be counted and also added live, never missed.
    const asOf = await this.repository.latestChangeId();
    const empty: VolumeResponse = { by: query.by, bucket: query.bucket, count: query.count, buckets: [], totals: {}, asOf };
    const resolveRegion = this.tagging.resolveRegion;
    // Asked only for things outside the scope: nothing to count.
    const filter = intersectStoryFilters(query.filter, storyFilterOfScope(scope), resolveRegion);
    if (!filter) return empty;
    const size = VOLUME_BUCKET_MS[query.bucket];
    const until = filter.until !== undefined ? Date.parse(filter.until) : now + 1;
    const last = volumeBucketStart(until - 1, query.bucket);
    let first: number;
    if (filter.since !== undefined) {
      first = volumeBucketStart(Date.parse(filter.since), query.bucket);
      const count = (last - first) / size + 1;
      if (count > MAX_VOLUME_BUCKETS) {
        throw new InvalidInputError(
          `since to until spans ${count} ${query.bucket}s; a series holds at most ${MAX_VOLUME_BUCKETS} buckets: narrow since and until${query.bucket === 'hour' ? ' or use bucket=day' : ''}`,
        );
      }
    } else {
      const earliest = await this.repository.earliest(filter, resolveRegion);
      if (earliest === null) return empty;
      // Without a since, the series starts at the first story, but no earlier than the bucket limit allows.
      first = Math.max(volumeBucketStart(earliest, query.bucket), last - (MAX_VOLUME_BUCKETS - 1) * size);
    }
    if (first > last) return empty;
    const cells = await this.repository.counts(filter, resolveRegion, query.by, query.count, { from: first, to: until, size });
    const buckets = Array.from({ length: (last - first) / size + 1 }, (_, index) => ({ start: new Date(first + index * size).toISOString(), counts: {} as Record<string, number> }));
    for (const cell of cells) {
      const bucket = buckets[cell.index];
      if (bucket) bucket.counts[cell.tag] = (bucket.counts[cell.tag] ?? 0) + cell.count;
    }
    // Stories add up over the buckets; an event active in several buckets counts once, so events are counted over the whole span.
    const totals =
      query.count === 'stories' ? summed(buckets) : Object.fromEntries(await this.repository.totals(filter, resolveRegion, query.by, query.count, { from: first, to: until }));
    return { ...empty, buckets, totals };
  }

  /**
   * Events that gained a story first seen since `since`, each once per topic and once per
   * macro-region however many of its stories (and countries) it has there.
   */
  async eventCountsSince(since: number): Promise<RecentEventCounts> {
    const byTopic = new Map<string, Set<number>>();
    const byMacroRegion = new Map<string, Set<number>>();
    for (const { kind, value, eventKey } of await this.repository.eventTagsSince(since)) {
      const key = kind === 'topic' ? value : this.tagging.macroRegionOf(value);
      if (key === null) continue;
      const events = kind === 'topic' ? byTopic : byMacroRegion;
      events.set(key, (events.get(key) ?? new Set()).add(eventKey));
    }
    const sizes = (events: Map<string, Set<number>>) => Object.fromEntries([...events].map(([key, keys]) => [key, keys.size]));
    return { byTopic: sizes(byTopic), byMacroRegion: sizes(byMacroRegion) };
  }
}

function summed(buckets: readonly { counts: Record<string, number> }[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const bucket of buckets) for (const [tag, n] of Object.entries(bucket.counts)) totals[tag] = (totals[tag] ?? 0) + n;
  return totals;
}
