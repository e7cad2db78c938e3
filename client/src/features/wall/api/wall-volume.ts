import type { VolumeCount } from '@sentinel/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { StoryFilter } from '../../../lib/story-filter';
import { seriesFromVolume, volumeTotals, type VolumeSeries } from '../../../lib/volume';
import { volumeQuery } from '../../../lib/volume-api';
import { HOUR, WINDOW_HOURS } from './digest';

export interface WallVolume {
  /** Stories (or events) per hour by topic over the last 24 hours. */
  topics: VolumeSeries;
  /** Stories (or events, each once) per country over the last 24 hours, most first. */
  regions: { code: string; count: number }[];
  /**
   * What `regions` counts (`topics.count` says it for the topics). Right after a switch the
   * previous figures stay on screen until the new ones arrive, so each names its own.
   */
  regionsCount: VolumeCount;
}

/**
 * The wall's 24-hour charts, counted by the server over every story in the wall's scope (a
 * scoped wall token is narrowed by the server too), as stories or as events, and kept live by
 * the realtime bridge.
 */
export function useWallVolume(scope: StoryFilter, now: number, count: VolumeCount = 'stories'): { data: WallVolume | null; isError: boolean; dataUpdatedAt: number } {
  const window: StoryFilter = { ...scope, range: '24h', since: null, until: null };
  // Switching what is counted keeps the figures on screen until the new ones arrive (no flash of "loading" on a wall).
  const topics = useQuery({ ...volumeQuery(window, 'topic', 'hour', count), placeholderData: keepPreviousData });
  const regions = useQuery({ ...volumeQuery(window, 'region', 'hour', count), placeholderData: keepPreviousData });
  // The window's hours end with the current one, as the digest's do.
  const from = Math.floor(now / HOUR) * HOUR - (WINDOW_HOURS - 1) * HOUR;
  const data = useMemo(() => {
    if (!topics.data || !regions.data) return null;
    return {
      topics: seriesFromVolume(topics.data, { from }),
      regionsCount: regions.data.count,
      regions: volumeTotals(regions.data, from)
        .filter(({ key }) => key !== 'none')
        .map(({ key, count }) => ({ code: key, count })),
    };
  }, [topics.data, regions.data, from]);
  return { data, isError: topics.isError || regions.isError, dataUpdatedAt: Math.max(topics.dataUpdatedAt, regions.dataUpdatedAt) };
}
