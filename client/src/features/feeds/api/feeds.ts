import type { CreateFeedRequest, Feed, FeedPollResult, OpmlImportResult, UpdateFeedRequest } from '@sentinel/shared';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { useConnection } from '../../../lib/realtime';

/** Query hooks for /api/feeds and /api/opml. `feed:health` events keep the list current. */
export function useFeeds() {
  const connection = useConnection();
  return useQuery({
    queryKey: queryKeys.feeds,
    queryFn: ({ signal }) => apiGet<Feed[]>('/api/feeds', undefined, signal),
    // Without the socket, health changes only show up by asking again.
    refetchInterval: connection.status === 'connected' ? false : 30_000,
    staleTime: 30_000,
  });
}

/** Puts a changed feed into the cached list (used by mutations and by `feed:health`). */
export function storeFeed(client: QueryClient, feed: Feed): void {
  client.setQueryData<Feed[]>(queryKeys.feeds, (feeds) => {
    if (!feeds) return feeds;
    const index = feeds.findIndex((item) => item.id === feed.id);
    if (index === -1) return [...feeds, feed];
    const next = feeds.slice();
    next[index] = feed;
    return next;
  });
}

export function useAddFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateFeedRequest) => apiRequest<Feed>('/api/feeds', { method: 'POST', json: request }),
    onSuccess: (feed) => storeFeed(client, feed),
  });
}

export function useUpdateFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: UpdateFeedRequest }) =>
      apiRequest<Feed>(`/api/feeds/${id}`, { method: 'PATCH', json: changes }),
    onSuccess: (feed) => storeFeed(client, feed),
  });
}

export function usePollFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest<FeedPollResult>(`/api/feeds/${id}/poll`, { method: 'POST' }),
    // The poll changed the feed's health and maybe its story count.
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.feeds }),
  });
}

export function useImportOpml() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (opml: string) =>
      apiRequest<OpmlImportResult>('/api/opml', { method: 'POST', text: { body: opml, contentType: 'text/xml' } }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.feeds }),
  });
}

export const OPML_EXPORT_URL = '/api/opml';
