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

const EMPTY: VolumeSeries = { bucketMs: 3_600_000, keys: [], rows: [], total: 0 };

/**
 * Volume over time for the current filter, counted by the server over every matching story
 * (GET /api/stats/volume) and kept live by the realtime bridge.
 */
export function useStoryVolume(filter: StoryFilter): StoryVolume {
  // The bucket follows the filter's span; re-judged each hour so an open tab does not drift.
  const bucket = volumeBucketFor(filter, useNow(3_600_000));
  const byTopic = useQuery(volumeQuery(filter, 'topic', bucket));
  const byRegion = useQuery(volumeQuery(filter, 'region', bucket));
  return useMemo(
    () => ({
      byTopic: byTopic.data ? seriesFromVolume(byTopic.data) : EMPTY,
      byRegion: byRegion.data ? seriesFromVolume(byRegion.data) : EMPTY,
      bucket,
      isPending: byTopic.isPending || byRegion.isPending,
      isError: byTopic.isError || byRegion.isError,
    }),
    [byTopic.data, byRegion.data, bucket, byTopic.isPending, byRegion.isPending, byTopic.isError, byRegion.isError],
  );
}
