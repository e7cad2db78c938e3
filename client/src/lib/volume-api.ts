import { DEFAULT_VOLUME_COUNT, type Feed, type Taxonomy, type VolumeBucketSize, type VolumeBy, type VolumeCount, type VolumeResponse } from '@sentinel/shared';
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { apiGet } from './api-client';
import { queryKeys } from './query-keys';
import type { TaggedStory } from './story';
import { canMatchLocally, parseStoryFilter, storyFilterKey, storyMatchesFilter, storyQueryParams, type StoryFilter } from './story-filter';
import { addStoryToVolume } from './volume';

/**
 * GET /api/stats/volume: story (or event) counts per bucket over every matching story, shared by
 * the workspace charts and the wall. The realtime bridge keeps the cached series live.
 */
export function volumeQuery(filter: StoryFilter, by: VolumeBy, bucket: VolumeBucketSize, count: VolumeCount = DEFAULT_VOLUME_COUNT) {
  return queryOptions({
    queryKey: queryKeys.volume.series(storyFilterKey(filter), by, bucket, count),
    queryFn: ({ signal }) => apiGet<VolumeResponse>('/api/stats/volume', { ...storyQueryParams(filter, Date.now()), by, bucket, count }, signal),
    // Live stories keep it current; a refetch now and then corrects the window's start and anything missed.
    staleTime: 15 * 60_000,
    refetchInterval: 15 * 60_000,
    refetchOnWindowFocus: false,
  });
}

/**
 * `story:new`: one more in the current bucket of every cached story series whose filter the story
 * matches. A series whose filter cannot be judged here (a group before the feed list loads) is
 * fetched again instead. Event series are left to `EventVolumeRefresh`: a new story has no event
 * yet, so whether it adds one cannot be told here.
 */
export function receiveVolumeStory(client: QueryClient, event: { eventId: number; story: TaggedStory }, now = Date.now()): void {
  const taxonomy = client.getQueryData<Taxonomy | null>(queryKeys.taxonomy) ?? null;
  const feeds = client.getQueryData<Feed[]>(queryKeys.feeds) ?? null;
  for (const query of client.getQueryCache().findAll({ queryKey: queryKeys.volume.all })) {
    if (!query.state.data) continue;
    const [, filterKey, by, , count] = query.queryKey as ReturnType<typeof queryKeys.volume.series>;
    if (count === 'events') continue;
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

/** How long event changes are gathered before the event series are fetched again. */
export const EVENT_VOLUME_REFRESH_MS = 5_000;

/**
 * Keeps the cached event series (`count=events`) live. Decision: fetch them again, at most once
 * per EVENT_VOLUME_REFRESH_MS, after `cluster:new` or `cluster:updated`, rather than count those
 * events into the current bucket. A client cannot count them itself: `cluster:updated` does not
 * say in which bucket the event gained a story, nor whether it already counted there (once per
 * bucket and tag), and a merge or split moves stories between events. One fetch per burst is
 * exact and cheap (an ingest places its stories within moments); the delay runs from the first
 * change, so a steady stream of changes still refreshes every few seconds.
 */
export class EventVolumeRefresh {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly client: QueryClient) {}

  /** An event started, gained a story, or was rewritten. */
  eventChanged(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.client.invalidateQueries({ queryKey: queryKeys.volume.all, predicate: (query) => query.queryKey[4] === 'events' });
    }, EVENT_VOLUME_REFRESH_MS);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
