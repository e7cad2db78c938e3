import type { VolumeResponse } from '@sentinel/shared';
import { QueryClient } from '@tanstack/react-query';
import { queryKeys } from './query-keys';
import { storyFixture } from './story-fixture';
import { EMPTY_FILTER, storyFilterKey } from './story-filter';
import { addStoryToVolume, seriesFromVolume, volumeBucketFor, volumeTotals } from './volume';
import { receiveVolumeStory } from './volume-api';

const HOUR = 3_600_000;
const now = Date.parse('2026-01-31T12:30:00Z');

function series(counts: Record<string, number>[], asOf = 10): VolumeResponse {
  return { by: 'topic', bucket: 'hour', asOf, buckets: counts.map((c, i) => ({ start: new Date(Date.parse('2026-01-31T10:00:00Z') + i * HOUR).toISOString(), counts: c })) };
}

describe('server volume series, kept live', () => {
  it('adds a new story to the bucket it was published in, once per tag', () => {
    const before = series([{ airstrike: 2 }, {}, { airstrike: 1 }]);
    const story = storyFixture(1, { publishedAt: '2026-01-31T12:10:00Z', topics: ['airstrike', 'detainee-transfer'] });
    const after = addStoryToVolume(before, { eventId: 11, story }, 'topic', now);
    expect(after.buckets.map((b) => b.counts)).toEqual([{ airstrike: 2 }, {}, { airstrike: 2, 'detainee-transfer': 1 }]);
    expect(after.asOf).toBe(11);
    expect(before.buckets[2]!.counts).toEqual({ airstrike: 1 });
  });

  it('counts by region when the series is by region, and an untagged story as "none"', () => {
    const byRegion: VolumeResponse = { ...series([{}, {}, {}]), by: 'region' };
    const tagged = addStoryToVolume(byRegion, { eventId: 11, story: storyFixture(1, { publishedAt: '2026-01-31T12:00:00Z' }) }, 'region', now);
    expect(tagged.buckets[2]!.counts).toEqual({ SY: 1, IQ: 1 });
    const untagged = addStoryToVolume(series([{}, {}, {}]), { eventId: 11, story: storyFixture(2, { publishedAt: '2026-01-31T12:00:00Z', topics: [] }) }, 'topic', now);
    expect(untagged.buckets[2]!.counts).toEqual({ none: 1 });
  });

  it('opens new buckets when the hour has moved on since the fetch', () => {
    const later = Date.parse('2026-01-31T14:05:00Z');
    const after = addStoryToVolume(series([{}, {}, {}]), { eventId: 11, story: storyFixture(1, { publishedAt: '2026-01-31T14:01:00Z' }) }, 'topic', later);
    expect(after.buckets.map((b) => b.start)).toEqual(['2026-01-31T10:00:00.000Z', '2026-01-31T11:00:00.000Z', '2026-01-31T12:00:00.000Z', '2026-01-31T13:00:00.000Z', '2026-01-31T14:00:00.000Z']);
    expect(after.buckets[4]!.counts).toEqual({ 'detainee-transfer': 1 });
  });

  it('puts a story dated a little in the future in the current bucket', () => {
    const after = addStoryToVolume(series([{}, {}, {}]), { eventId: 11, story: storyFixture(1, { publishedAt: '2026-01-31T13:20:00Z' }) }, 'topic', now);
    expect(after.buckets).toHaveLength(3);
    expect(after.buckets[2]!.counts).toEqual({ 'detainee-transfer': 1 });
  });

  it('ignores an event the fetch already counted, and a replay of one it added', () => {
    const before = series([{}, {}, {}], 10);
    const story = storyFixture(1, { publishedAt: '2026-01-31T12:00:00Z' });
    expect(addStoryToVolume(before, { eventId: 9, story }, 'topic', now)).toBe(before);
    const once = addStoryToVolume(before, { eventId: 11, story }, 'topic', now);
    expect(addStoryToVolume(once, { eventId: 11, story }, 'topic', now)).toBe(once);
  });

  it('leaves a story older than the series out', () => {
    const after = addStoryToVolume(series([{}, {}, {}]), { eventId: 11, story: storyFixture(1, { publishedAt: '2026-01-30T01:00:00Z' }) }, 'topic', now);
    expect(after.buckets.every((b) => Object.keys(b.counts).length === 0)).toBe(true);
  });

  it('draws the series with the biggest tags and totals, from a given time', () => {
    const volume = series([{ airstrike: 5 }, { 'prison-break': 1 }, { airstrike: 1, none: 2 }]);
    const drawn = seriesFromVolume(volume);
    expect(drawn.keys).toEqual(['airstrike', 'none', 'prison-break']);
    expect(drawn.rows[0]).toEqual({ start: Date.parse('2026-01-31T10:00:00Z'), airstrike: 5, none: 0, 'prison-break': 0 });
    expect(seriesFromVolume(volume, { from: Date.parse('2026-01-31T11:30:00Z') }).rows).toHaveLength(2);
    expect(volumeTotals(volume)).toEqual([{ key: 'airstrike', count: 6 }, { key: 'none', count: 2 }, { key: 'prison-break', count: 1 }]);
  });

  it('asks for hours up to ten days and days beyond', () => {
    expect(volumeBucketFor({ ...EMPTY_FILTER, range: '7d' }, now)).toBe('hour');
    expect(volumeBucketFor({ ...EMPTY_FILTER, range: '30d' }, now)).toBe('day');
    expect(volumeBucketFor(EMPTY_FILTER, now)).toBe('day');
  });
});

describe('story:new into the cached volume series', () => {
  it('increments the current bucket of every series whose filter the story matches, and no other', () => {
    const client = new QueryClient();
    const everything = queryKeys.volume.series(storyFilterKey(EMPTY_FILTER), 'topic', 'hour');
    const ukraine = queryKeys.volume.series(storyFilterKey({ ...EMPTY_FILTER, regions: ['UA'] }), 'topic', 'hour');
    client.setQueryData(everything, series([{}, {}, { airstrike: 1 }]));
    client.setQueryData(ukraine, series([{}, {}, {}]));
    const story = storyFixture(1, { publishedAt: '2026-01-31T12:20:00Z' });
    receiveVolumeStory(client, { eventId: 11, story }, now);
    receiveVolumeStory(client, { eventId: 11, story }, now);
    expect(client.getQueryData<VolumeResponse>(everything)!.buckets[2]!.counts).toEqual({ airstrike: 1, 'detainee-transfer': 1 });
    expect(client.getQueryData<VolumeResponse>(ukraine)!.buckets[2]!.counts).toEqual({});
  });
});
