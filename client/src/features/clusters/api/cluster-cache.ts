import type { Cluster, ClusterDetail, ClusterMergedEvent } from '@sentinel/shared';
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';

/**
 * The order and identity rules of every event cache, and what `cluster:new` / `cluster:updated` /
 * `cluster:merged` do to them. Lists hold `Cluster[]`, newest activity (`updatedAt`) first, each
 * id once.
 */

/** What a list of events asks the API for (`GET /api/clusters`); also the last part of its query key. */
export interface ClusterListParams {
  region?: string[];
  topic?: string[];
  q?: string;
  minSources?: number;
  breaking?: boolean;
  since?: string;
  changedSince?: string;
  limit?: number;
}

export function newestActivityFirst(a: Cluster, b: Cluster): number {
  return Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || b.id - a.id;
}

/**
 * Puts `cluster` where its activity places it, replacing an older copy of the same id. A copy that
 * is older than the one held (a replay arriving after a fetch) is ignored.
 */
export function upsertCluster(list: readonly Cluster[], cluster: Cluster, max = Infinity): Cluster[] {
  const held = list.find((item) => item.id === cluster.id);
  if (held && Date.parse(held.updatedAt) > Date.parse(cluster.updatedAt)) return list as Cluster[];
  const rest = list.filter((item) => item.id !== cluster.id);
  const at = rest.findIndex((item) => newestActivityFirst(cluster, item) < 0);
  const next = at === -1 ? [...rest, cluster] : [...rest.slice(0, at), cluster, ...rest.slice(at)];
  return next.slice(0, max);
}

/** Replaces a held event (moving it by its new activity); a list without it is returned as it was. */
export function replaceCluster(list: readonly Cluster[], cluster: Cluster): readonly Cluster[] {
  return list.some((item) => item.id === cluster.id) ? upsertCluster(list, cluster) : list;
}

/**
 * Whether an event belongs in a list with these params: true or false when the browser can tell,
 * null when it cannot (a text search), and the caller must leave the list to its next fetch.
 */
export function clusterMatchesParams(params: ClusterListParams, cluster: Cluster): boolean | null {
  if (params.region?.length && !params.region.some((region) => cluster.regions.includes(region))) return false;
  if (params.topic?.length && !params.topic.some((topic) => cluster.topics.includes(topic))) return false;
  if (params.minSources !== undefined && cluster.sources.independent < params.minSources) return false;
  if (params.breaking && !cluster.breaking) return false;
  if (params.since && Date.parse(cluster.updatedAt) < Date.parse(params.since)) return false;
  if (params.changedSince && Date.parse(cluster.updatedAt) <= Date.parse(params.changedSince)) return false;
  // A macro-region id (not a country code) needs the taxonomy; the server judged it for the socket.
  if (params.region?.some((region) => !/^[A-Z]{2}$/.test(region))) return null;
  if (params.q) return null;
  return true;
}

/** How many events a list keeps when live events add to it (its fetch limit, or a sane bound). */
const LIVE_LIST_MAX = 200;

/** `cluster:new` and `cluster:updated`: into every list it matches, and over its detail when open. */
export function receiveCluster(client: QueryClient, cluster: Cluster): void {
  for (const query of client.getQueryCache().findAll({ queryKey: queryKeys.clusters.lists })) {
    const list = query.state.data as Cluster[] | undefined;
    if (!list) continue;
    const params = (query.queryKey[2] ?? {}) as ClusterListParams;
    const matches = clusterMatchesParams(params, cluster);
    const max = params.limit ?? LIVE_LIST_MAX;
    if (matches === true) client.setQueryData<Cluster[]>(query.queryKey, upsertCluster(list, cluster, max));
    else if (matches === false) client.setQueryData<Cluster[]>(query.queryKey, list.filter((item) => item.id !== cluster.id));
    else client.setQueryData<Cluster[]>(query.queryKey, replaceCluster(list, cluster) as Cluster[]);
  }
  const detailKey = queryKeys.clusters.detail(cluster.id);
  const detail = client.getQueryData<ClusterDetail>(detailKey);
  if (!detail) return;
  const sameStories = detail.stories.length === cluster.storyIds.length && cluster.storyIds.every((id) => detail.stories.some((story) => story.id === id));
  client.setQueryData<ClusterDetail>(detailKey, { ...detail, ...cluster, stories: sameStories ? detail.stories : detail.stories.filter((story) => cluster.storyIds.includes(story.id)) });
  // New stories joined: the timeline needs them, which only the detail endpoint sends.
  if (!sameStories) void client.invalidateQueries({ queryKey: detailKey });
}

/** Where a merged-away event went, as the socket told this tab; never fetched (the API has no such route). */
export function mergedIntoKey(id: number) {
  return [...queryKeys.clusters.all, 'merged-into', id] as const;
}

/**
 * `cluster:merged`: the merged-away event leaves every list, an open page of it learns where it
 * went (see useMergedInto in clusters.ts), and the event it went into is received as any update.
 */
export function receiveMergedCluster(client: QueryClient, event: Pick<ClusterMergedEvent, 'id' | 'into' | 'cluster'>): void {
  for (const query of client.getQueryCache().findAll({ queryKey: queryKeys.clusters.lists })) {
    const list = query.state.data as Cluster[] | undefined;
    if (list?.some((item) => item.id === event.id)) client.setQueryData<Cluster[]>(query.queryKey, list.filter((item) => item.id !== event.id));
  }
  client.setQueryData<number>(mergedIntoKey(event.id), event.into);
  receiveCluster(client, event.cluster);
}
