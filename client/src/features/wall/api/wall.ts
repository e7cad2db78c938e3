import type { Feed, StatsEvent } from '@sentinel/shared';
import type { Taxonomy } from '@sentinel/shared/taxonomy';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { useConnection } from '../../../lib/realtime';
import { fetchStoryPage } from '../../../lib/stories-api';
import { mergeStories, replaceStory, type TaggedStory } from '../../../lib/story';
import { canMatchLocally, parseStoryFilter, storyMatchesFilter, type StoryFilter } from '../../../lib/story-filter';
import { addToDigest, buildDigest, HOUR, WINDOW_HOURS, type WallDigest } from './digest';

/** The wall's caches: the newest stories (at most STREAM_SIZE) and the 24-hour digest. */
export const STREAM_SIZE = 50;
const DIGEST_PAGES = 5;
const DIGEST_PAGE_SIZE = 200;
/** Rebuilt from the server now and then, so anything the live path missed is corrected. */
const DIGEST_REFRESH_MS = 15 * 60_000;
const OFFLINE_POLL_MS = 30_000;

export function useWallStream(scope: StoryFilter, scopeKey: string) {
  const connection = useConnection();
  const client = useQueryClient();
  return useQuery({
    queryKey: queryKeys.wall.stream(scopeKey),
    queryFn: async ({ signal }) => {
      const { items } = await fetchStoryPage(scope, { limit: STREAM_SIZE, signal });
      // While the socket is down this poll is the only news; count it (the digest skips ids it has).
      client.setQueryData<WallDigest>(queryKeys.wall.digest(scopeKey), (digest) => (digest ? addToDigest(digest, items, Date.now()) : digest));
      return items;
    },
    staleTime: Infinity,
    // Without the socket the wall still moves, and says it is polling (see WallHeader).
    refetchInterval: connection.status === 'connected' ? false : OFFLINE_POLL_MS,
    refetchOnWindowFocus: false,
  });
}

async function fetchDigest(scope: StoryFilter, signal: AbortSignal): Promise<WallDigest> {
  const now = Date.now();
  const since = new Date(now - WINDOW_HOURS * HOUR).toISOString();
  const windowScope: StoryFilter = { ...scope, range: 'custom', since, until: null };
  const stories: TaggedStory[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < DIGEST_PAGES; page++) {
    const result = await fetchStoryPage(windowScope, { cursor, limit: DIGEST_PAGE_SIZE, signal });
    stories.push(...result.items);
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return buildDigest(stories, now, cursor === null);
}

export function useWallDigest(scope: StoryFilter, scopeKey: string) {
  return useQuery({
    queryKey: queryKeys.wall.digest(scopeKey),
    queryFn: ({ signal }) => fetchDigest(scope, signal),
    staleTime: DIGEST_REFRESH_MS,
    refetchInterval: DIGEST_REFRESH_MS,
    refetchOnWindowFocus: false,
  });
}

export function useGatewayStats(): StatsEvent | undefined {
  return useQuery<StatsEvent | undefined>({
    queryKey: queryKeys.stats,
    queryFn: () => undefined,
    enabled: false,
    staleTime: Infinity,
  }).data;
}

function scopeOf(queryKey: readonly unknown[]): StoryFilter {
  return parseStoryFilter(new URLSearchParams(String(queryKey[2] ?? '')));
}

/** `story:new`: to the top of every wall stream and into every digest whose scope it matches. */
export function receiveWallStory(client: QueryClient, story: TaggedStory): void {
  const taxonomy = client.getQueryData<Taxonomy | null>(queryKeys.taxonomy) ?? null;
  const feeds = client.getQueryData<Feed[]>(queryKeys.feeds) ?? null;
  const now = Date.now();
  // What cannot be judged here (a group before the feed list loads) was judged by the socket's subscription.
  const matches = (key: readonly unknown[]) => !canMatchLocally(scopeOf(key), { taxonomy, feeds }) || storyMatchesFilter(scopeOf(key), story, { taxonomy, feeds, now });
  for (const query of client.getQueryCache().findAll({ queryKey: queryKeys.wall.streams })) {
    if (!query.state.data || !matches(query.queryKey)) continue;
    client.setQueryData<TaggedStory[]>(query.queryKey, (stream = []) => mergeStories([story], stream, STREAM_SIZE));
  }
  for (const query of client.getQueryCache().findAll({ queryKey: queryKeys.wall.digests })) {
    if (!query.state.data || !matches(query.queryKey)) continue;
    client.setQueryData<WallDigest>(query.queryKey, (digest) => (digest ? addToDigest(digest, [story], now) : digest));
  }
}

/** `story:updated`: a changed title or summary shows in place; counts wait for the next rebuild. */
export function receiveWallUpdate(client: QueryClient, story: TaggedStory): void {
  for (const query of client.getQueryCache().findAll({ queryKey: queryKeys.wall.streams })) {
    client.setQueryData<TaggedStory[]>(query.queryKey, (stream) => (stream ? (replaceStory(stream, story) as TaggedStory[]) : stream));
  }
}
