import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { queryKeys } from '../../../lib/query-keys';
import { useConnection } from '../../../lib/realtime';
import { fetchStoryPage, type StoryListData } from '../../../lib/stories-api';
import { storyFilterKey, type StoryFilter } from '../../../lib/story-filter';
import { addToPending, revealPending } from '../api/pending';
import { usePendingStories } from '../api/queries';

const OFFLINE_PROBE_MS = 30_000;

/**
 * The "12 new stories" bar: how many wait, and a reveal that merges them and scrolls to the top.
 * While the socket is down, the first page is polled and unseen stories join the same bar, so
 * the reader is never silently behind.
 */
export function useNewStories(filter: StoryFilter, listReady: boolean) {
  const client = useQueryClient();
  const filterKey = storyFilterKey(filter);
  const pending = usePendingStories(filter);
  const connection = useConnection();
  const scrollRef = useRef<HTMLDivElement | null>(null);

  const probe = useQuery({
    queryKey: queryKeys.stories.probe(filterKey),
    queryFn: ({ signal }) => fetchStoryPage(filter, { signal }),
    enabled: listReady && connection.status !== 'connected',
    refetchInterval: OFFLINE_PROBE_MS,
    staleTime: OFFLINE_PROBE_MS,
    gcTime: 0,
  });

  useEffect(() => {
    if (!probe.data) return;
    const list = client.getQueryData<StoryListData>(queryKeys.stories.list(filterKey));
    const shown = new Set(list?.pages.flatMap((page) => page.items.map((item) => item.id)));
    addToPending(client, filterKey, probe.data.items.filter((story) => !shown.has(story.id)));
  }, [client, filterKey, probe.data]);

  const reveal = useCallback(async () => {
    await revealPending(client, filterKey);
    scrollRef.current?.scrollTo({ top: 0 });
    scrollRef.current?.querySelector<HTMLElement>('[data-testid="story-item"] button')?.focus({ preventScroll: true });
  }, [client, filterKey]);

  // A refetch may already have brought some pending stories into the list; count only the unseen.
  const list = client.getQueryData<StoryListData>(queryKeys.stories.list(filterKey));
  const shown = new Set(list?.pages.flatMap((page) => page.items.map((item) => item.id)));
  const count = pending.stories.filter((story) => !shown.has(story.id)).length;
  return { count, overflowed: pending.overflowed, reveal, scrollRef };
}
