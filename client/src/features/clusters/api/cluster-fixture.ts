import type { Cluster, ClusterDetail, ClusterSource } from '@sentinel/shared';
import { storyFixture } from '../../../lib/story-fixture';

const BASE = Date.UTC(2026, 0, 31, 12, 0, 0);
export const minutesAfterBase = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();

export function sourceFixture(storyId: number, overrides: Partial<ClusterSource> = {}): ClusterSource {
  return { outlet: `outlet${storyId}.example`, feedTitle: `Outlet ${storyId} World`, storyId, firstSeenAt: minutesAfterBase(storyId), copyOf: null, ...overrides };
}

/** A realistic event for unit tests: updated `id` minutes after the base time; override what the test is about. */
export function clusterFixture(id: number, overrides: Partial<Cluster> = {}): Cluster {
  return {
    id,
    headline: { storyId: id * 10, title: `Dozens of detainees escape Hasakah prison (${id})`, url: `https://news.example/${id}`, feedTitle: 'Levant Dispatch' },
    headlines: {},
    firstSeenAt: minutesAfterBase(0),
    updatedAt: minutesAfterBase(id),
    storyCount: 1,
    storyIds: [id * 10],
    sources: { outlets: 1, independent: 1, list: [sourceFixture(id * 10, { firstSeenAt: minutesAfterBase(0) })] },
    corroboration: { level: 'single-source', text: 'single source' },
    regions: ['SY'],
    topics: ['prison-break'],
    places: ['Hasakah'],
    breaking: false,
    conflicts: [],
    ...overrides,
  };
}

export function clusterDetailFixture(id: number, overrides: Partial<ClusterDetail> = {}): ClusterDetail {
  const cluster = clusterFixture(id, overrides);
  return { ...cluster, stories: cluster.storyIds.map((storyId) => storyFixture(storyId)), ...overrides };
}
