import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { allStories, fetchStory, storyListQuery, type StoryListData } from '../../../lib/stories-api';
import type { TaggedStory } from '../../../lib/story';
import { storyFilterKey, type StoryFilter } from '../../../lib/story-filter';
import { EMPTY_PENDING, type PendingStories } from './pending';

export function useStoryList(filter: StoryFilter) {
  const query = useInfiniteQuery(storyListQuery(filter));
  return { ...query, stories: allStories(query.data) };
}

/** Stories that arrived live for this filter and wait behind the "new stories" bar. */
export function usePendingStories(filter: StoryFilter): PendingStories {
  const { data } = useQuery({
    queryKey: queryKeys.stories.pending(storyFilterKey(filter)),
    // Nothing to fetch: socket events fill this entry; a resync invalidates it back to empty.
    queryFn: () => EMPTY_PENDING,
    initialData: EMPTY_PENDING,
    staleTime: Infinity,
  });
  return data;
}

function findInLists(lists: [readonly unknown[], StoryListData | undefined][], id: number): TaggedStory | undefined {
  for (const [, data] of lists) {
    for (const page of data?.pages ?? []) {
      const story = page.items.find((item) => item.id === id);
      if (story) return story;
    }
  }
  return undefined;
}

export function useStory(id: number | null) {
  const client = useQueryClient();
  return useQuery<TaggedStory, Error, TaggedStory, ReturnType<typeof queryKeys.stories.detail>>({
    queryKey: queryKeys.stories.detail(id ?? 0),
    queryFn: ({ signal }) => fetchStory(id!, signal),
    enabled: id !== null,
    // Show the list's copy at once; the detail request fills in what a list item may leave out.
    placeholderData: () => (id === null ? undefined : findInLists(client.getQueriesData<StoryListData>({ queryKey: queryKeys.stories.lists }), id)),
    staleTime: 60_000,
  });
}
