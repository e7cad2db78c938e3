import { STORY_PAGE_DEFAULT, type Page } from '@sentinel/shared';
import { infiniteQueryOptions, type InfiniteData } from '@tanstack/react-query';
import { apiGet } from './api-client';
import { queryKeys } from './query-keys';
import type { TaggedStory } from './story';
import { storyFilterKey, storyQueryParams, type StoryFilter } from './story-filter';

/** GET /api/stories and GET /api/stories/:id, shared by the workspace list, its charts and the wall. */
export type StoryPage = Page<TaggedStory>;
export type StoryListData = InfiniteData<StoryPage, string | null>;

export function fetchStoryPage(
  filter: StoryFilter,
  options: { cursor?: string | null; limit?: number; signal?: AbortSignal } = {},
): Promise<StoryPage> {
  const params = { ...storyQueryParams(filter, Date.now()), limit: options.limit ?? STORY_PAGE_DEFAULT, cursor: options.cursor ?? undefined };
  return apiGet<StoryPage>('/api/stories', params, options.signal);
}

export function fetchStory(id: number, signal?: AbortSignal): Promise<TaggedStory> {
  return apiGet<TaggedStory>(`/api/stories/${id}`, undefined, signal);
}

/** The analyst's list: newest first, keyset pages through `nextCursor`. */
export function storyListQuery(filter: StoryFilter) {
  return infiniteQueryOptions<StoryPage, Error, StoryListData, ReturnType<typeof queryKeys.stories.list>, string | null>({
    queryKey: queryKeys.stories.list(storyFilterKey(filter)),
    queryFn: ({ pageParam, signal }) => fetchStoryPage(filter, { cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last: StoryPage) => last.nextCursor,
    // The socket keeps the list current; refetching every page on focus would only move it under the reader.
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

export function allStories(data: StoryListData | undefined): TaggedStory[] {
  return data ? data.pages.flatMap((page) => page.items) : [];
}
