import { storyFixture } from '../../../lib/story-fixture';
import { addToDigest, buildDigest, digestPlaces, digestRegionTotals, digestTopicSeries, HOUR } from './digest';

const noon = Date.parse('2026-01-31T12:30:00Z');
const at = (offsetMinutes: number) => new Date(noon + offsetMinutes * 60_000).toISOString();

describe('wall 24-hour digest', () => {
  it('counts each story in the hour it was published', () => {
    const digest = buildDigest([storyFixture(1, { publishedAt: at(-5) }), storyFixture(2, { publishedAt: at(-65), topics: ['airstrike'] })], noon, true);
    const series = digestTopicSeries(digest, noon);
    expect(series.rows).toHaveLength(24);
    expect(series.rows.at(-1)).toMatchObject({ 'detainee-transfer': 1 });
    expect(series.rows.at(-2)).toMatchObject({ airstrike: 1 });
    expect(series.total).toBe(2);
  });

  it('lets hours older than 24 h fall off as time passes', () => {
    const digest = buildDigest([storyFixture(1, { publishedAt: at(-60 * 23) })], noon, true);
    expect(digestRegionTotals(digest, noon)).toEqual([
      { code: 'IQ', count: 1 },
      { code: 'SY', count: 1 },
    ]);
    const later = noon + 2 * HOUR;
    const advanced = addToDigest(digest, [storyFixture(2, { publishedAt: new Date(later).toISOString(), regions: ['UA'] })], later);
    expect(digestRegionTotals(advanced, later)).toEqual([{ code: 'UA', count: 1 }]);
  });

  it('counts a story that arrives twice (fetch and socket, or a replay) once', () => {
    const story = storyFixture(7, { publishedAt: at(-1) });
    const digest = addToDigest(addToDigest(buildDigest([story], noon, true), [story], noon), [story], noon);
    expect(digestTopicSeries(digest, noon).total).toBe(1);
    expect(digestPlaces(digest, noon)).toEqual([expect.objectContaining({ name: 'al-Hol camp', count: 1 })]);
  });

  it('leaves out hours it never fetched when the first load was capped, instead of showing them as empty', () => {
    const digest = buildDigest([storyFixture(1, { publishedAt: at(-150) }), storyFixture(2, { publishedAt: at(-10) })], noon, false);
    const series = digestTopicSeries(digest, noon);
    expect(series.rows).toHaveLength(3);
    expect(series.rows[0]!.start).toBe(Date.parse('2026-01-31T10:00:00Z'));
  });

  it('shows an untagged story as "no topic" so the total volume stays true', () => {
    const digest = buildDigest([storyFixture(1, { publishedAt: at(-1), topics: [] })], noon, true);
    expect(digestTopicSeries(digest, noon).keys).toEqual(['none']);
  });
});
