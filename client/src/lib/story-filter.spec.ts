import type { Feed } from '@sentinel/shared';
import type { Taxonomy } from '@sentinel/shared/taxonomy';
import { buildUrl } from './api-client';
import { storyFixture } from './story-fixture';
import { canMatchLocally, EMPTY_FILTER, parseStoryFilter, storyMatchesFilter, storyQueryParams, subscriptionOf, writeStoryFilter, type StoryFilter } from './story-filter';

const taxonomy: Taxonomy = {
  regions: [{ code: 'SY', name: 'Syria', macroRegion: 'middle-east', centroid: [35, 38] }],
  macroRegions: [{ id: 'middle-east', name: 'Middle East', countries: ['SY', 'IQ', 'LB'] }],
  topics: [],
};
const now = Date.parse('2026-01-31T13:00:00Z');
const context = { taxonomy, feeds: null, now };

describe('story filter', () => {
  it('survives a round trip through a shared link', () => {
    const filter: StoryFilter = {
      ...EMPTY_FILTER,
      q: 'al-Hol',
      regions: ['SY', 'middle-east'],
      topics: ['prison-break'],
      feedId: 7,
      group: 'Levant desk',
      range: 'custom',
      since: '2026-01-01T00:00:00.000Z',
      until: '2026-01-31T00:00:00.000Z',
    };
    const link = writeStoryFilter(filter, new URLSearchParams('story=12')).toString();
    expect(link).toContain('story=12');
    expect(parseStoryFilter(new URLSearchParams(link))).toEqual({ ...filter, regions: ['SY', 'middle-east'].sort() });
  });

  it('ignores nonsense in a hand-edited link instead of failing', () => {
    const filter = parseStoryFilter(new URLSearchParams('feedId=abc&range=forever&since=yesterday&regions=,,SY,SY&q=%21%21'));
    expect(filter).toEqual({ ...EMPTY_FILTER, regions: ['SY'] });
  });

  it('still opens a link written before feedId had its name', () => {
    expect(parseStoryFilter(new URLSearchParams('feed=7')).feedId).toBe(7);
    expect(writeStoryFilter({ ...EMPTY_FILTER, feedId: 8 }, new URLSearchParams('feed=7')).toString()).toBe('feedId=8');
  });

  it('asks the API with the shared filter: lists repeated, group and feed included, the range made absolute', () => {
    const filter = { ...EMPTY_FILTER, regions: ['IQ', 'SY'], topics: ['airstrike'], group: 'Arabic', feedId: 4, range: '24h' as const };
    const url = new URL(buildUrl('/api/stories', storyQueryParams(filter, now)), 'http://localhost');
    expect(url.searchParams.getAll('regions')).toEqual(['IQ', 'SY']);
    expect(url.searchParams.getAll('topics')).toEqual(['airstrike']);
    expect(url.searchParams.get('group')).toBe('Arabic');
    expect(url.searchParams.get('feedId')).toBe('4');
    expect(url.searchParams.get('since')).toBe('2026-01-30T13:00:00.000Z');
    expect(url.searchParams.has('q')).toBe(false);
  });

  it('subscribes the socket to the whole filter but a range that moves with the clock', () => {
    const filter = { ...EMPTY_FILTER, q: 'Hassaké', group: 'Arabic', range: '24h' as const };
    expect(subscriptionOf(filter)).toEqual({ q: 'Hassaké', group: 'Arabic' });
    const custom = { ...EMPTY_FILTER, range: 'custom' as const, since: '2026-01-01T00:00:00.000Z', until: null };
    expect(subscriptionOf(custom)).toEqual({ since: '2026-01-01T00:00:00.000Z' });
  });

  it('matches a live story to a macro-region through its countries', () => {
    const filter = { ...EMPTY_FILTER, regions: ['middle-east'] };
    expect(storyMatchesFilter(filter, storyFixture(1, { regions: ['LB'] }), context)).toBe(true);
    expect(storyMatchesFilter(filter, storyFixture(2, { regions: ['UA'] }), context)).toBe(false);
  });

  it('matches a group through the feed list, and says when it cannot judge without it', () => {
    const filter = { ...EMPTY_FILTER, group: 'Arabic' };
    const feeds = [{ id: 3, group: 'Arabic' }, { id: 9, group: null }] as Feed[];
    expect(canMatchLocally(filter, { taxonomy, feeds: null })).toBe(false);
    expect(canMatchLocally({ ...EMPTY_FILTER, regions: ['SY'] }, { taxonomy: null, feeds: null })).toBe(true);
    expect(canMatchLocally({ ...EMPTY_FILTER, regions: ['middle-east'] }, { taxonomy: null, feeds: null })).toBe(false);
    expect(storyMatchesFilter(filter, storyFixture(1), { ...context, feeds })).toBe(true);
    expect(storyMatchesFilter(filter, storyFixture(2, { feedId: 9, sources: [] }), { ...context, feeds })).toBe(false);
  });

  it('matches a search by whole words, accents folded', () => {
    const filter = { ...EMPTY_FILTER, q: 'DÉTAINEES hol' };
    expect(storyMatchesFilter(filter, storyFixture(1), context)).toBe(true);
    expect(storyMatchesFilter({ ...filter, q: 'detain' }, storyFixture(1), context)).toBe(false);
  });

  it('matches a feed filter through any source of a merged story', () => {
    const filter = { ...EMPTY_FILTER, feedId: 9 };
    const merged = storyFixture(1, { sources: [{ feedId: 3, feedTitle: 'A', url: null }, { feedId: 9, feedTitle: 'B', url: null }] });
    expect(storyMatchesFilter(filter, merged, context)).toBe(true);
    expect(storyMatchesFilter(filter, storyFixture(2), context)).toBe(false);
  });

  it('keeps a live story out of a list whose time range ended before it', () => {
    const filter = { ...EMPTY_FILTER, range: 'custom' as const, since: null, until: '2026-01-31T12:30:00.000Z' };
    expect(storyMatchesFilter(filter, storyFixture(1, { publishedAt: '2026-01-31T12:45:00.000Z' }), context)).toBe(false);
    expect(storyMatchesFilter(filter, storyFixture(3, { publishedAt: '2026-01-31T12:30:00.000Z' }), context)).toBe(false);
    expect(storyMatchesFilter(filter, storyFixture(2, { publishedAt: '2026-01-31T12:15:00.000Z' }), context)).toBe(true);
  });
});
