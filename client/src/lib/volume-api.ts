import type { Feed, Taxonomy, VolumeBucketSize, VolumeBy, VolumeResponse } from '@sentinel/shared';
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { apiGet } from './api-client';
import { queryKeys } from './query-keys';
import type { TaggedStory } from './story';
import { canMatchLocally, parseStoryFilter, storyFilterKey, storyMatchesFilter, storyQueryParams, type StoryFilter } from './story-filter';
import { addStoryToVolume } from './volume';

/**
 * GET /api/stats/volume: story counts per bucket over every matching story, shared by the
 * workspace charts and the wall. The realtime bridge keeps the cached series live.
 */
export function volumeQuery(filter: StoryFilter, by: VolumeBy, bucket: VolumeBucketSize) {
  return queryOptions({
    queryKey: queryKeys.volume.series(storyFilterKey(filter), by, bucket),
    queryFn: ({ signal }) => apiGet<VolumeResponse>('/api/stats/volume', { ...storyQueryParams(filter, Date.now()), by, bucket }, signal),
    // Live stories keep it current; a refetch now and then corrects the window's start and anything missed.
    staleTime: 15 * 60_000,
    refetchInterval: 15 * 60_000,
    refetchOnWindowFocus: false,
  });
}

/**
 * `story:new`: one more in the current bucket of every cached series whose filter the story
 * matches. A series whose filter cannot be judged here (a group before the feed list loads) is
 * fetched again instead.
 */
export function receiveVolumeStory(client: QueryClient, event: { eventId: number; story: TaggedStory }, now = Date.now()): void {
  const taxonomy = client.getQueryData<Taxonomy | null>(queryKeys.taxonomy) ?? null;
  const feeds = client.getQueryData<Feed[]>(queryKeys.feeds) ?? null;
  for (const query of client.getQueryCache().findAll({ queryKey: queryKeys.volume.all })) {
    if (!query.state.data) continue;
    const [, filterKey, by] = query.queryKey as ReturnType<typeof queryKeys.volume.series>;
    const filter = parseStoryFilter(new URLSearchParams(filterKey));
    if (!canMatchLocally(filter, { taxonomy, feeds })) {
      void client.invalidateQueries({ queryKey: query.queryKey, exact: true });
      continue;
    }
    if (!storyMatchesFilter(filter, event.story, { taxonomy, feeds, now })) continue;
    client.setQueryData<VolumeResponse>(query.queryKey, (volume) => (volume ? addStoryToVolume(volume, event, by as VolumeBy, now) : volume));
  }
}

/** Fetches every series again: a story's tags may have changed (a re-tag), and counts cannot be moved here. */
export function refreshVolumes(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: queryKeys.volume.all });
}
