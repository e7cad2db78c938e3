import { storyFixture } from '../../../lib/story-fixture';
import { addToDigest, buildDigest, digestPlaces, HOUR } from './digest';

const noon = Date.parse('2026-01-31T12:30:00Z');
const at = (offsetMinutes: number) => new Date(noon + offsetMinutes * 60_000).toISOString();

describe('wall 24-hour map digest', () => {
  it('counts the places of the stories of the last 24 hours', () => {
    const digest = buildDigest([storyFixture(1, { publishedAt: at(-5) }), storyFixture(2, { publishedAt: at(-65) })], noon, true);
    expect(digestPlaces(digest, noon)).toEqual([expect.objectContaining({ name: 'al-Hol camp', count: 2 })]);
  });

  it('lets hours older than 24 h fall off as time passes', () => {
    const digest = buildDigest([storyFixture(1, { publishedAt: at(-60 * 23) })], noon, true);
    expect(digestPlaces(digest, noon)).toHaveLength(1);
    const later = noon + 2 * HOUR;
    const advanced = addToDigest(digest, [storyFixture(2, { publishedAt: new Date(later).toISOString(), places: [] })], later);
    expect(digestPlaces(advanced, later)).toEqual([]);
  });

  it('counts a story that arrives twice (fetch and socket, or a replay) once', () => {
    const story = storyFixture(7, { publishedAt: at(-1) });
    const digest = addToDigest(addToDigest(buildDigest([story], noon, true), [story], noon), [story], noon);
    expect(digestPlaces(digest, noon)).toEqual([expect.objectContaining({ name: 'al-Hol camp', count: 1 })]);
  });

  it('says from when it is complete when the first load was capped', () => {
    const digest = buildDigest([storyFixture(1, { publishedAt: at(-150) }), storyFixture(2, { publishedAt: at(-10) })], noon, false);
    expect(digest.coveredFrom).toBe(Date.parse(at(-150)));
    expect(buildDigest([], noon, true).coveredFrom).toBe(Date.parse('2026-01-30T13:00:00Z'));
  });
});
