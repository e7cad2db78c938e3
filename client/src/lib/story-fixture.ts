import type { TaggedStory } from './story';

/** A realistic story for unit tests; override what the test is about. */
export function storyFixture(id: number, overrides: Partial<TaggedStory> = {}): TaggedStory {
  const at = overrides.publishedAt ?? new Date(Date.UTC(2026, 0, 31, 12, 0, 0) + id * 60_000).toISOString();
  return {
    id,
    title: `Detainees transferred from al-Hol camp to Iraq, batch ${id}`,
    url: `https://news.example.org/story/${id}`,
    summary: 'Officials said the transfer was the largest this year.',
    publishedAt: at,
    firstSeenAt: at,
    updatedAt: at,
    feedId: 3,
    feedTitle: 'Levant Dispatch',
    sources: [{ feedId: 3, feedTitle: 'Levant Dispatch', url: `https://news.example.org/story/${id}` }],
    regions: ['SY', 'IQ'],
    topics: ['detainee-transfer'],
    places: [{ name: 'al-Hol camp', country: 'SY', lat: 36.38, lon: 41.15, kind: 'camp' }],
    why: [],
    clusterId: null,
    ...overrides,
  };
}
