import type { Taxonomy } from '@sentinel/shared/taxonomy';
import { buildUrl } from './api-client';
import { storyFixture } from './story-fixture';
import { EMPTY_FILTER, parseStoryFilter, storyMatchesFilter, storyQueryParams, writeStoryFilter, type StoryFilter } from './story-filter';

const taxonomy: Taxonomy = {
  regions: [{ code: 'SY', name: 'Syria', macroRegion: 'middle-east', centroid: [35, 38] }],
  macroRegions: [{ id: 'middle-east', name: 'Middle East', countries: ['SY', 'IQ', 'LB'] }],
  topics: [],
};
const now = Date.parse('2026-01-31T13:00:00Z');
const context = { taxonomy, groupFeedIds: null, now };

describe('story filter', () => {
  it('survives a round trip through a shared link', () => {
    const filter: StoryFilter = {
      ...EMPTY_FILTER,
      q: 'al-Hol',
      regions: ['SY', 'middle-east'],
      topics: ['prison-break'],
      feedId: 7,
      range: 'custom',
      since: '2026-01-01T00:00:00.000Z',
      until: '2026-01-31T00:00:00.000Z',
    };
    const link = writeStoryFilter(filter, new URLSearchParams('story=12')).toString();
    expect(link).toContain('story=12');
    expect(parseStoryFilter(new URLSearchParams(link))).toEqual({ ...filter, regions: ['SY', 'middle-east'].sort() });
  });

  it('ignores nonsense in a hand-edited link instead of failing', () => {
    const filter = parseStoryFilter(new URLSearchParams('feed=abc&range=forever&since=yesterday&regions=,,SY,SY'));
    expect(filter).toEqual({ ...EMPTY_FILTER, regions: ['SY'] });
  });

  it('asks the API for regions and topics as repeated region= and topic= parameters', () => {
    const filter = { ...EMPTY_FILTER, regions: ['IQ', 'SY'], topics: ['airstrike'], range: '24h' as const };
    const url = new URL(buildUrl('/api/stories', storyQueryParams(filter, now)), 'http://localhost');
    expect(url.searchParams.getAll('region')).toEqual(['IQ', 'SY']);
    expect(url.searchParams.getAll('topic')).toEqual(['airstrike']);
    expect(url.searchParams.get('since')).toBe('2026-01-30T13:00:00.000Z');
    expect(url.searchParams.has('q')).toBe(false);
  });

  it('matches a live story to a macro-region through its countries', () => {
    const filter = { ...EMPTY_FILTER, regions: ['middle-east'] };
    expect(storyMatchesFilter(filter, storyFixture(1, { regions: ['LB'] }), context)).toBe(true);
    expect(storyMatchesFilter(filter, storyFixture(2, { regions: ['UA'] }), context)).toBe(false);
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
    expect(storyMatchesFilter(filter, storyFixture(2, { publishedAt: '2026-01-31T12:15:00.000Z' }), context)).toBe(true);
  });
});
