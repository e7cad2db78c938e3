import type { Cluster, ClusterDetail } from '@sentinel/shared';
import { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { clusterDetailFixture, clusterFixture, minutesAfterBase } from './cluster-fixture';
import { clusterMatchesParams, mergedIntoKey, receiveCluster, receiveMergedCluster, upsertCluster, type ClusterListParams } from './cluster-cache';

const ids = (list: readonly Cluster[] | undefined) => list?.map((cluster) => cluster.id);

describe('upsertCluster', () => {
  const list = [clusterFixture(3), clusterFixture(2), clusterFixture(1)];

  it('puts a new event first when its activity is newest', () => {
    expect(ids(upsertCluster(list, clusterFixture(4)))).toEqual([4, 3, 2, 1]);
  });

  it('moves an updated event to where its new activity places it, keeping each id once', () => {
    const updated = clusterFixture(1, { updatedAt: minutesAfterBase(10), storyCount: 2 });
    const next = upsertCluster(list, updated);
    expect(ids(next)).toEqual([1, 3, 2]);
    expect(next[0].storyCount).toBe(2);
  });

  it('slots an event between others by updatedAt, not at the top', () => {
    expect(ids(upsertCluster([clusterFixture(5), clusterFixture(1)], clusterFixture(3)))).toEqual([5, 3, 1]);
  });

  it('ignores a copy older than the one it holds (a replay after a fetch)', () => {
    const stale = clusterFixture(3, { updatedAt: minutesAfterBase(-5), headline: { ...clusterFixture(3).headline, title: 'old' } });
    expect(upsertCluster(list, stale)).toBe(list);
  });

  it('keeps at most max events', () => {
    expect(ids(upsertCluster(list, clusterFixture(4), 2))).toEqual([4, 3]);
  });
});

describe('clusterMatchesParams', () => {
  it.each<[string, ClusterListParams, boolean | null]>([
    ['no params', {}, true],
    ['its region', { region: ['SY', 'IQ'] }, true],
    ['another region', { region: ['SD'] }, false],
    ['another topic', { topic: ['airstrike'] }, false],
    ['more sources than it has', { minSources: 3 }, false],
    ['breaking only', { breaking: true }, false],
    ['a text search', { q: 'prison' }, null],
    ['a macro-region', { region: ['SY', 'middle-east'] }, null],
  ])('%s', (_name, params, expected) => {
    expect(clusterMatchesParams(params, clusterFixture(1))).toBe(expected);
  });
});

describe('an event arriving over the socket', () => {
  let client: QueryClient;
  beforeEach(() => {
    client = new QueryClient();
  });
  afterEach(() => client.clear());

  const listOf = (params: ClusterListParams) => client.getQueryData<Cluster[]>(queryKeys.clusters.list(params));

  it('goes into lists it matches and stays out of the others', () => {
    client.setQueryData(queryKeys.clusters.list({}), [clusterFixture(2)]);
    client.setQueryData(queryKeys.clusters.list({ region: ['SD'] }), [clusterFixture(1, { regions: ['SD'] })]);
    receiveCluster(client, clusterFixture(3));
    expect(ids(listOf({}))).toEqual([3, 2]);
    expect(ids(listOf({ region: ['SD'] }))).toEqual([1]);
  });

  it('replaces an event in a search list but adds none there, since the browser cannot judge the text', () => {
    client.setQueryData(queryKeys.clusters.list({ q: 'prison' }), [clusterFixture(2)]);
    receiveCluster(client, clusterFixture(3));
    receiveCluster(client, clusterFixture(2, { updatedAt: minutesAfterBase(9), storyCount: 4 }));
    expect(listOf({ q: 'prison' })?.map((cluster) => [cluster.id, cluster.storyCount])).toEqual([[2, 4]]);
  });

  it('leaves a list it no longer matches (no longer breaking)', () => {
    client.setQueryData(queryKeys.clusters.list({ breaking: true }), [clusterFixture(2, { breaking: true })]);
    receiveCluster(client, clusterFixture(2, { breaking: false, updatedAt: minutesAfterBase(9) }));
    expect(ids(listOf({ breaking: true }))).toEqual([]);
  });

  it('updates an open detail, keeping its stories, and refetches it when stories joined', () => {
    const detail = clusterDetailFixture(2);
    client.setQueryData(queryKeys.clusters.detail(2), detail);
    receiveCluster(client, clusterFixture(2, { breaking: true, updatedAt: minutesAfterBase(9) }));
    const kept = client.getQueryData<ClusterDetail>(queryKeys.clusters.detail(2));
    expect(kept?.breaking).toBe(true);
    expect(kept?.stories).toBe(detail.stories);
    expect(client.getQueryState(queryKeys.clusters.detail(2))?.isInvalidated).toBe(false);

    receiveCluster(client, clusterFixture(2, { storyIds: [20, 21], storyCount: 2, updatedAt: minutesAfterBase(10) }));
    expect(client.getQueryData<ClusterDetail>(queryKeys.clusters.detail(2))?.storyCount).toBe(2);
    expect(client.getQueryState(queryKeys.clusters.detail(2))?.isInvalidated).toBe(true);
  });
});

describe('an event merged into another (cluster:merged)', () => {
  let client: QueryClient;
  beforeEach(() => {
    client = new QueryClient();
  });
  afterEach(() => client.clear());

  const listOf = (params: ClusterListParams) => client.getQueryData<Cluster[]>(queryKeys.clusters.list(params));

  it('leaves every list, including a search list the browser cannot judge, and the event it went into takes its place', () => {
    client.setQueryData(queryKeys.clusters.list({}), [clusterFixture(3), clusterFixture(2), clusterFixture(1)]);
    client.setQueryData(queryKeys.clusters.list({ q: 'prison' }), [clusterFixture(3), clusterFixture(1)]);
    const into = clusterFixture(1, { storyIds: [10, 30], storyCount: 2, updatedAt: minutesAfterBase(10) });
    receiveMergedCluster(client, { id: 3, into: 1, cluster: into });
    expect(ids(listOf({}))).toEqual([1, 2]);
    expect(listOf({})?.[0].storyCount).toBe(2);
    expect(ids(listOf({ q: 'prison' }))).toEqual([1]);
  });

  it('remembers where the merged event went, for a page of it that is open', () => {
    client.setQueryData(queryKeys.clusters.detail(3), clusterDetailFixture(3));
    receiveMergedCluster(client, { id: 3, into: 1, cluster: clusterFixture(1, { updatedAt: minutesAfterBase(10) }) });
    expect(client.getQueryData(mergedIntoKey(3))).toBe(1);
    expect(client.getQueryData(mergedIntoKey(1))).toBeUndefined();
  });
});
