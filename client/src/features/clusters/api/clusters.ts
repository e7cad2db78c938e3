import type { Cluster, ClusterDetail, Page } from '@sentinel/shared';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, ApiRequestError, buildUrl, type QueryParams } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { useConnection } from '../../../lib/realtime';
import { type ClusterListParams, mergedIntoKey } from './cluster-cache';
import { headlineLanguageRequest, readHeadlineLanguage } from './headline-language';

/** GET /api/clusters (a list, newest activity first), GET /api/clusters/:id, merge and split. */
export type ClusterPage = Page<Cluster>;

const DEFAULT_LIMIT = 50;
const OFFLINE_POLL_MS = 30_000;

function listQueryParams(params: ClusterListParams): QueryParams {
  return {
    region: params.region,
    topic: params.topic,
    q: params.q,
    minSources: params.minSources,
    breaking: params.breaking ? 'true' : undefined,
    since: params.since,
    changedSince: params.changedSince,
    limit: params.limit ?? DEFAULT_LIMIT,
  };
}

/**
 * GET of events with headlines in the reader's language, read when the request is made: changing
 * the setting refetches every event cache (useChooseHeadlineLanguage), so the query keys need not
 * carry it, and live events keep finding their lists and detail by the keys they always had.
 */
function getInReaderLanguage<T>(path: string, params: QueryParams, signal?: AbortSignal): Promise<T> {
  const { lang, headers } = headlineLanguageRequest(readHeadlineLanguage());
  return apiRequest<T>(buildUrl(path, { ...params, lang }), { headers, signal });
}

export function fetchClusterPage(params: ClusterListParams, options: { cursor?: string | null; signal?: AbortSignal } = {}): Promise<ClusterPage> {
  return getInReaderLanguage<ClusterPage>('/api/clusters', { ...listQueryParams(params), cursor: options.cursor ?? undefined }, options.signal);
}

/** A server from before events answers 404 here: no point asking three times. */
function retryUnlessMissing(failures: number, error: Error): boolean {
  return !(error instanceof ApiRequestError && error.isNotFound) && failures < 3;
}

/** True when the error says this server has no events API (an older server). */
export function isClustersApiMissing(error: unknown): boolean {
  return error instanceof ApiRequestError && error.isNotFound;
}

/**
 * One page of events for these params; live events keep it current (see cluster-cache.ts), and
 * while the socket is down it polls. `params` should be stable (memoised) by the caller.
 */
export function useClusterList(params: ClusterListParams, options: { enabled?: boolean } = {}) {
  const connection = useConnection();
  return useQuery({
    queryKey: queryKeys.clusters.list(params),
    queryFn: async ({ signal }) => (await fetchClusterPage(params, { signal })).items,
    enabled: options.enabled ?? true,
    staleTime: Infinity,
    refetchInterval: (query) => (connection.status === 'connected' || isClustersApiMissing(query.state.error) ? false : OFFLINE_POLL_MS),
    refetchOnWindowFocus: false,
    retry: retryUnlessMissing,
  });
}

export function useClusterDetail(id: number | null) {
  return useQuery({
    queryKey: queryKeys.clusters.detail(id ?? 0),
    queryFn: ({ signal }) => getInReaderLanguage<ClusterDetail>(`/api/clusters/${id}`, {}, signal),
    enabled: id !== null,
    staleTime: 60_000,
    retry: retryUnlessMissing,
  });
}

/** The event `id` was merged into while this tab was open (a `cluster:merged` arrived), or undefined. */
export function useMergedInto(id: number): number | undefined {
  return useQuery<number>({ queryKey: mergedIntoKey(id), queryFn: skipToken }).data;
}

/** After a merge or split the server has rewritten events: every event cache is fetched again. */
function useClusterEdit<T>(run: (input: T) => Promise<Cluster>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.clusters.all }),
  });
}

/** `POST /api/clusters/:id/merge {into}`: the event `id` joins `into`. */
export function useMergeCluster(id: number) {
  return useClusterEdit((into: number) => apiRequest<Cluster>(`/api/clusters/${id}/merge`, { method: 'POST', json: { into } }));
}

/** `POST /api/clusters/:id/split {storyIds}`: those stories leave the event and form a new one. */
export function useSplitCluster(id: number) {
  return useClusterEdit((storyIds: number[]) => apiRequest<Cluster>(`/api/clusters/${id}/split`, { method: 'POST', json: { storyIds } }));
}
