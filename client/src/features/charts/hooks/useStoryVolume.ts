import type { VolumeCount } from '@sentinel/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { StoryFilter } from '../../../lib/story-filter';
import { useNow } from '../../../lib/use-now';
import { seriesFromVolume, volumeBucketFor, type VolumeSeries } from '../../../lib/volume';
import { volumeQuery } from '../../../lib/volume-api';

export interface StoryVolume {
  byTopic: VolumeSeries;
  byRegion: VolumeSeries;
  bucket: 'hour' | 'day';
  isPending: boolean;
  isError: boolean;
}

/**
 * Volume over time for the current filter, stories or the events they belong to, counted by the
 * server over every matching story (GET /api/stats/volume) and kept live by the realtime bridge.
 */
export function useStoryVolume(filter: StoryFilter, count: VolumeCount = 'stories'): StoryVolume {
  // The bucket follows the filter's span; re-judged each hour so an open tab does not drift.
  const bucket = volumeBucketFor(filter, useNow(3_600_000));
  const byTopic = useQuery(volumeQuery(filter, 'topic', bucket, count));
  const byRegion = useQuery(volumeQuery(filter, 'region', bucket, count));
  return useMemo(
    () => ({
      byTopic: byTopic.data ? seriesFromVolume(byTopic.data) : emptySeries(count),
      byRegion: byRegion.data ? seriesFromVolume(byRegion.data) : emptySeries(count),
      bucket,
      isPending: byTopic.isPending || byRegion.isPending,
      isError: byTopic.isError || byRegion.isError,
    }),
    [byTopic.data, byRegion.data, bucket, count, byTopic.isPending, byRegion.isPending, byTopic.isError, byRegion.isError],
  );
}

function emptySeries(count: VolumeCount): VolumeSeries {
  return { bucketMs: 3_600_000, count, keys: [], rows: [], totals: {}, total: 0 };
}
