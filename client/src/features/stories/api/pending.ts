import type { Feed } from '@sentinel/shared';
import type { Taxonomy } from '@sentinel/shared/taxonomy';
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { type StoryListData } from '../../../lib/stories-api';
import { mergeStories, replaceStory, type TaggedStory } from '../../../lib/story';
import { canMatchLocally, parseStoryFilter, storyMatchesFilter, type StoryFilter } from '../../../lib/story-filter';

/**
 * Live stories wait in a per-filter "pending" cache entry until the reader asks to see them, so
 * the list never moves under the reader. Pending is capped: past the cap the reader gets a
 * fresh first page instead of an ever-growing buffer.
 */
export interface PendingStories {
  stories: TaggedStory[];
  /** More arrived than the cap; revealing refetches the list instead of merging. */
  overflowed: boolean;
}

export const EMPTY_PENDING: PendingStories = { stories: [], overflowed: false };
export const PENDING_CAP = 200;
/** The most stories a list keeps in memory; older pages are dropped when new ones are revealed. */
export const LIST_CAP = 1_000;

function listContains(data: StoryListData | undefined, id: number): boolean {
  return !!data?.pages.some((page) => page.items.some((item) => item.id === id));
}

export function addToPending(client: QueryClient, filterKey: string, stories: readonly TaggedStory[]): void {
  if (stories.length === 0) return;
  client.setQueryData<PendingStories>(queryKeys.stories.pending(filterKey), (current = EMPTY_PENDING) => {
    const known = new Set(current.stories.map((story) => story.id));
    const fresh = stories.filter((story) => !known.has(story.id));
    if (fresh.length === 0) return current;
    const total = current.stories.length + fresh.length;
    return {
      stories: mergeStories(fresh, current.stories, PENDING_CAP),
      overflowed: current.overflowed || total > PENDING_CAP,
    };
  });
}

/**
 * `story:new`: into the pending buffer of every cached list whose filter it matches, judged by
 * the shared story-filter matcher (the rule the API's list and the socket's subscription follow).
 * A list whose filter needs what the caches do not hold yet (the taxonomy for a macro-region,
 * the feed list for a group) is marked stale instead and fetched again when shown.
 */
export function receiveNewStory(client: QueryClient, story: TaggedStory): void {
  const taxonomy = client.getQueryData<Taxonomy | null>(queryKeys.taxonomy) ?? null;
  const feeds = client.getQueryData<Feed[]>(queryKeys.feeds) ?? null;
  const now = Date.now();
  for (const query of client.getQueryCache().findAll({ queryKey: queryKeys.stories.lists })) {
    const filterKey = String(query.queryKey[2] ?? '');
    const data = query.state.data as StoryListData | undefined;
    if (!data) continue;
    if (listContains(data, story.id)) {
      updateInList(client, filterKey, story);
      continue;
    }
    const filter: StoryFilter = parseStoryFilter(new URLSearchParams(filterKey));
    if (!canMatchLocally(filter, { taxonomy, feeds })) {
      void client.invalidateQueries({ queryKey: query.queryKey, exact: true, refetchType: 'none' });
      continue;
    }
    if (storyMatchesFilter(filter, story, { taxonomy, feeds, now })) {
      addToPending(client, filterKey, [story]);
    }
  }
}

function updateInList(client: QueryClient, filterKey: string, story: TaggedStory): void {
  client.setQueryData<StoryListData>(queryKeys.stories.list(filterKey), (data) => {
    if (!data) return data;
    let changed = false;
    const pages = data.pages.map((page) => {
      const items = replaceStory(page.items, story);
      if (items === page.items) return page;
      changed = true;
      return { ...page, items: items as TaggedStory[] };
    });
    return changed ? { ...data, pages } : data;
  });
}

/** `story:updated`: in place wherever the story is shown; never adds it anywhere. */
export function receiveUpdatedStory(client: QueryClient, story: TaggedStory): void {
  for (const query of client.getQueryCache().findAll({ queryKey: queryKeys.stories.lists })) {
    updateInList(client, String(query.queryKey[2] ?? ''), story);
  }
  for (const query of client.getQueryCache().findAll({ queryKey: queryKeys.stories.pendingAll })) {
    client.setQueryData<PendingStories>(query.queryKey, (current) => {
      if (!current) return current;
      const stories = replaceStory(current.stories, story);
      return stories === current.stories ? current : { ...current, stories: stories as TaggedStory[] };
    });
  }
  if (client.getQueryData(queryKeys.stories.detail(story.id))) client.setQueryData(queryKeys.stories.detail(story.id), story);
}

/** Shows the pending stories at the top of the list and forgets the oldest pages past the cap. */
export async function revealPending(client: QueryClient, filterKey: string): Promise<void> {
  const pending = client.getQueryData<PendingStories>(queryKeys.stories.pending(filterKey)) ?? EMPTY_PENDING;
  client.setQueryData(queryKeys.stories.pending(filterKey), EMPTY_PENDING);
  if (pending.overflowed) {
    await client.resetQueries({ queryKey: queryKeys.stories.list(filterKey), exact: true });
    return;
  }
  client.setQueryData<StoryListData>(queryKeys.stories.list(filterKey), (data) => {
    if (!data || data.pages.length === 0) return data;
    const [first, ...rest] = data.pages;
    const pages = [{ ...first!, items: mergeStories(pending.stories, first!.items, Number.MAX_SAFE_INTEGER) }];
    const seen = new Set(pages[0]!.items.map((item) => item.id));
    let total = pages[0]!.items.length;
    // Whole pages only, so the last kept page's nextCursor still continues where it ends.
    for (const page of rest) {
      if (total + page.items.length > LIST_CAP) break;
      pages.push({ ...page, items: page.items.filter((item) => !seen.has(item.id)) });
      total += page.items.length;
    }
    return { pages, pageParams: data.pageParams.slice(0, pages.length) };
  });
}
