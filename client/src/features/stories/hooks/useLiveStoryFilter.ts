import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '../../../lib/query-keys';
import { useLiveSubscription } from '../../../lib/realtime';
import { storyFilterKey, subscriptionOf, type StoryFilter } from '../../../lib/story-filter';

/**
 * Narrows the socket to the filter on screen. Lists cached for other filters stop receiving
 * what they need, so they are marked stale and refetched if the reader goes back to them.
 */
export function useLiveStoryFilter(filter: StoryFilter): void {
  const client = useQueryClient();
  const filterKey = storyFilterKey(filter);
  useLiveSubscription(subscriptionOf(filter));
  useEffect(() => {
    const others = (query: { queryKey: readonly unknown[] }) => query.queryKey[2] !== filterKey;
    void client.invalidateQueries({ queryKey: queryKeys.stories.lists, predicate: others, refetchType: 'none' });
    client.removeQueries({ queryKey: queryKeys.stories.pendingAll, predicate: others });
  }, [client, filterKey]);
}
