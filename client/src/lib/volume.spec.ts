import type { VolumeResponse } from '@sentinel/shared';
import { QueryClient } from '@tanstack/react-query';
import { queryKeys } from './query-keys';
import { storyFixture } from './story-fixture';
import { EMPTY_FILTER, storyFilterKey } from './story-filter';
import { addStoryToVolume, formatCounted, OTHER_TAGS, seriesFromVolume, volumeBucketFor, volumeTotals } from './volume';
import { EVENT_VOLUME_REFRESH_MS, EventVolumeRefresh, receiveVolumeStory, volumeQuery } from './volume-api';

const HOUR = 3_600_000;
const now = Date.parse('2026-01-31T12:30:00Z');

function series(counts: Record<string, number>[], asOf = 10): VolumeResponse {
  const totals: Record<string, number> = {};
  for (const bucket of counts) for (const [tag, n] of Object.entries(bucket)) totals[tag] = (totals[tag] ?? 0) + n;
  return { by: 'topic', bucket: 'hour', count: 'stories', asOf, totals, buckets: counts.map((c, i) => ({ start: new Date(Date.parse('2026-01-31T10:00:00Z') + i * HOUR).toISOString(), counts: c })) };
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

/** An event series: Ghwayran (SY) active in all three hours, two Iraqi events in the last one. */
function eventSeries(): VolumeResponse {
  return { ...series([{ SY: 1 }, { SY: 1 }, { SY: 1, IQ: 2 }]), count: 'events', totals: { SY: 1, IQ: 2 } };
}

describe('event series (count=events)', () => {
  it('draws the buckets as counted and gives each tag the server total, where an event active for hours counts once', () => {
    const drawn = seriesFromVolume(eventSeries());
    expect(drawn.count).toBe('events');
    expect(drawn.keys).toEqual(['IQ', 'SY']);
    expect(drawn.rows.map((row) => row.SY)).toEqual([1, 1, 1]);
    // Summed over the hours Syria would show 3 events; it is one.
    expect(drawn.totals).toEqual({ IQ: 2, SY: 1 });
    expect(volumeTotals(eventSeries())).toEqual([{ key: 'IQ', count: 2 }, { key: 'SY', count: 1 }]);
  });

  it('folds the smaller tags into "other" with their totals, and leaves out tags whose buckets were cut', () => {
    const volume: VolumeResponse = { ...series([{ UA: 1 }, { SY: 1, IQ: 1, LB: 1 }, { SY: 1 }]), count: 'events', totals: { UA: 1, SY: 1, IQ: 1, LB: 1 } };
    const drawn = seriesFromVolume(volume, { maxKeys: 2 });
    expect(drawn.keys).toEqual(['IQ', OTHER_TAGS]);
    expect(drawn.totals).toEqual({ IQ: 1, [OTHER_TAGS]: 3 });
    expect(seriesFromVolume(volume, { from: Date.parse('2026-01-31T11:00:00Z') }).totals).toEqual({ IQ: 1, LB: 1, SY: 1 });
  });

  it('keeps a story series\' totals live with its buckets', () => {
    const before = series([{ airstrike: 2 }, {}, {}]);
    const after = addStoryToVolume(before, { eventId: 11, story: storyFixture(1, { publishedAt: '2026-01-31T12:10:00Z' }) }, 'topic', now);
    expect(after.totals).toEqual({ airstrike: 2, 'detainee-transfer': 1 });
    expect(seriesFromVolume(after).totals).toEqual({ airstrike: 2, 'detainee-transfer': 1 });
  });

  it('names what it counts', () => {
    expect(formatCounted('events', 1)).toBe('1 event');
    expect(formatCounted('stories', 1204)).toMatch(/^1.?204 stories$/);
  });
});

describe('keeping event series live', () => {
  const everything = storyFilterKey(EMPTY_FILTER);

  it('asks the server for events and caches them apart from stories', () => {
    expect(volumeQuery(EMPTY_FILTER, 'topic', 'hour', 'events').queryKey).toEqual(['volume', everything, 'topic', 'hour', 'events']);
    expect(volumeQuery(EMPTY_FILTER, 'topic', 'hour').queryKey).toEqual(['volume', everything, 'topic', 'hour', 'stories']);
  });

  it('leaves event series alone on story:new: a new story has no event yet', () => {
    const client = new QueryClient();
    const events = queryKeys.volume.series(everything, 'topic', 'hour', 'events');
    const stories = queryKeys.volume.series(everything, 'topic', 'hour', 'stories');
    client.setQueryData(events, eventSeries());
    client.setQueryData(stories, series([{}, {}, {}]));
    receiveVolumeStory(client, { eventId: 11, story: storyFixture(1, { publishedAt: '2026-01-31T12:20:00Z' }) }, now);
    expect(client.getQueryData(events)).toEqual(eventSeries());
    expect(client.getQueryData<VolumeResponse>(stories)!.buckets[2]!.counts).toEqual({ 'detainee-transfer': 1 });
  });

  describe('after cluster:new and cluster:updated', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('fetches the event series again once per burst of changes, and not the story series', () => {
      const client = new QueryClient();
      const events = queryKeys.volume.series(everything, 'region', 'hour', 'events');
      const stories = queryKeys.volume.series(everything, 'region', 'hour', 'stories');
      client.setQueryData(events, eventSeries());
      client.setQueryData(stories, series([{}, {}, {}]));
      const refresh = new EventVolumeRefresh(client);
      let invalidations = 0;
      const unsubscribe = client.getQueryCache().subscribe((change) => {
        if (change.type === 'updated' && change.action.type === 'invalidate') invalidations++;
      });
      for (let i = 0; i < 30; i++) refresh.eventChanged();
      jest.advanceTimersByTime(EVENT_VOLUME_REFRESH_MS - 1);
      expect(client.getQueryState(events)!.isInvalidated).toBe(false);
      jest.advanceTimersByTime(1);
      expect(client.getQueryState(events)!.isInvalidated).toBe(true);
      expect(client.getQueryState(stories)!.isInvalidated).toBe(false);
      expect(invalidations).toBe(1);
      // The fetched series arrives; the next change starts the next gathering.
      client.setQueryData(events, eventSeries());
      refresh.eventChanged();
      jest.advanceTimersByTime(EVENT_VOLUME_REFRESH_MS);
      expect(invalidations).toBe(2);
      unsubscribe();
    });

    it('fetches nothing after it is stopped', () => {
      const client = new QueryClient();
      const events = queryKeys.volume.series(everything, 'topic', 'hour', 'events');
      client.setQueryData(events, eventSeries());
      const refresh = new EventVolumeRefresh(client);
      refresh.eventChanged();
      refresh.stop();
      jest.advanceTimersByTime(EVENT_VOLUME_REFRESH_MS * 2);
      expect(client.getQueryState(events)!.isInvalidated).toBe(false);
    });
  });
});
