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
  type VolumeResponse,
} from '@sentinel/shared';
import { TaggingService } from '../tagging/tagging.service';
import { VolumeRepository } from './volume.repository';
import { InvalidInputError } from '../common/domain-error';

export interface VolumeQuery {
  by: VolumeBy;
  bucket: VolumeBucketSize;
  filter: StoryFilter;
}

const NO_SCOPE: Principal['scope'] = { regions: [], topics: [] };

/**
 * Story counts per time bucket and topic (or region), over every story that matches the filter
 * and the caller's scope. The series runs from `since` (or the first matching story) to `until`
 * (or now), empty buckets included, so a chart can draw it as it is.
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
    const empty: VolumeResponse = { by: query.by, bucket: query.bucket, buckets: [], asOf };
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
    const cells = await this.repository.counts(filter, resolveRegion, query.by, { from: first, to: until, size });
    const buckets = Array.from({ length: (last - first) / size + 1 }, (_, index) => ({ start: new Date(first + index * size).toISOString(), counts: {} as Record<string, number> }));
    for (const cell of cells) {
      const bucket = buckets[cell.index];
      if (bucket) bucket.counts[cell.tag] = (bucket.counts[cell.tag] ?? 0) + cell.count;
    }
    return { ...empty, buckets };
  }
}
