import type { Story } from './api';
import {
  intersectStoryFilters,
  isEmptyStoryFilter,
  parseStoryFilter,
  parseStoryFilterLeniently,
  storyFilterOfScope,
  storyFilterParams,
  storyFilterWords,
  storyMatchesFilter,
  type StoryFilter,
  type StoryMatchContext,
} from './story-filter';

const resolveRegion = (id: string) => (id === 'middle-east' ? ['SY', 'IQ', 'LB'] : /^[A-Z]{2}$/.test(id) ? [id] : null);
const taxonomy = { resolveRegion, isTopic: (id: string) => ['prison-break', 'airstrike'].includes(id) };
const context: StoryMatchContext = { resolveRegion, groupOf: (feedId) => ({ 1: 'Arabic', 2: null })[feedId] };

function story(overrides: Partial<Story> = {}): Story {
  return {
    id: 1,
    title: 'Détenus évadés à Hassaké',
    summary: "L'évasion de la prison de Ghwayran",
    url: null,
    publishedAt: '2026-01-31T12:00:00.000Z',
    firstSeenAt: '2026-01-31T12:01:00.000Z',
    updatedAt: '2026-01-31T12:01:00.000Z',
    feedId: 2,
    feedTitle: 'Desk',
    sources: [{ feedId: 2, feedTitle: 'Desk', url: null }],
    regions: ['SY'],
    topics: ['prison-break'],
    places: [],
    why: [],
    clusterId: null,
    ...overrides,
  };
}

const parse = (input: unknown) => {
  const parsed = parseStoryFilter(input, { taxonomy });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.filter;
};

describe('parseStoryFilter', () => {
  it('reads a query string, a socket payload and a URL into the same filter', () => {
    const expected: StoryFilter = { regions: ['SY', 'middle-east'], topics: ['airstrike'], q: 'al-Hol', feedId: 7, group: 'Arabic', since: '2026-01-01T00:00:00.000Z', until: '2026-01-31T12:00:00.000Z' };
    const query = { region: ['SY', 'middle-east'], topic: 'airstrike', q: ' al-Hol ', feedId: '7', group: 'Arabic', since: '2026-01-01', until: '2026-01-31T13:00:00+01:00' };
    const socket = { regions: ['SY', 'middle-east'], topics: ['airstrike'], q: 'al-Hol', feedId: 7, group: 'Arabic', since: '2026-01-01T00:00:00Z', until: '2026-01-31T12:00:00.000Z' };
    const url = Object.fromEntries(new URLSearchParams('regions=SY,middle-east&topics=airstrike&q=al-Hol&feedId=7&group=Arabic&since=2026-01-01T00:00&until=2026-01-31T12:00:00Z'));
    expect(parse(query)).toEqual(expected);
    expect(parse(socket)).toEqual(expected);
    expect(parse(url)).toEqual(expected);
  });

  it('reads back what storyFilterParams writes', () => {
    const filter: StoryFilter = { regions: ['IQ'], topics: ['prison-break', 'airstrike'], q: 'Hassaké', feedId: 3, group: 'Levant desk', since: '2026-01-01T00:00:00.000Z' };
    expect(parse(storyFilterParams(filter))).toEqual(filter);
  });

  it('treats blank values as absent and merges both spellings of a list, without repeats', () => {
    expect(parse({ q: '  ', group: '', feedId: '', regions: ',,' })).toEqual({});
    expect(parse({ region: 'SY', regions: ['IQ', 'SY'] })).toEqual({ regions: ['SY', 'IQ'] });
  });

  it.each([
    [{ sort: 'asc' }, 'sort', /property sort should not exist; the fields are regions, topics, q, feedId, group, since, until$/],
    [{ regions: 'atlantis' }, 'regions', /region "atlantis" is not known: use an ISO country code \(SY\) or a macro-region id/],
    [{ topics: ['football'] }, 'topics', /topic "football" is not known/],
    [{ regions: [{ code: 'SY' }] }, 'regions', /regions must be a list of region ids/],
    [{ regions: ['x'.repeat(65)] }, 'regions', /region values are ISO country codes or macro-region ids/],
    [{ q: '!!' }, 'q', /q must contain at least one letter or digit/],
    [{ q: 'x'.repeat(201) }, 'q', /q must be at most 200 characters/],
    [{ q: ['a', 'b'] }, 'q', /q must be given once/],
    [{ feedId: '0' }, 'feedId', /feedId must be a whole number from 1 to 2147483647/],
    [{ feedId: 1.5 }, 'feedId', /feedId must be a whole number/],
    [{ feedId: '2147483648' }, 'feedId', /feedId must be a whole number/],
    [{ group: 'g'.repeat(201) }, 'group', /group must be at most 200 characters/],
    [{ since: 'yesterday' }, 'since', /since must be an ISO 8601 date such as 2026-01-31T12:00:00Z/],
    [{ until: '2026-02-30' }, 'until', /until must be an ISO 8601 date/],
    [{ since: '2026-02-01', until: '2026-01-01' }, 'until', /since must be earlier than until/],
  ])('refuses %j, naming the field', (input, field, message) => {
    const parsed = parseStoryFilter(input, { taxonomy });
    expect(parsed).toEqual({ ok: false, field, error: expect.stringMatching(message) });
  });

  it('refuses what is not an object', () => {
    expect(parseStoryFilter('regions=SY')).toEqual({ ok: false, field: '', error: expect.stringMatching(/a story filter is an object/) });
  });

  it('accepts fields the caller reads itself, and names them when refusing another', () => {
    expect(parseStoryFilter({ limit: '5', cursor: 'x' }, { otherFields: ['limit', 'cursor'] })).toEqual({ ok: true, filter: {} });
    expect(parseStoryFilter({ page: '2' }, { otherFields: ['limit', 'cursor'] })).toMatchObject({ error: expect.stringMatching(/the fields are .*until, limit, cursor$/) });
  });

  it('checks only the form of regions and topics without a taxonomy', () => {
    expect(parseStoryFilter({ regions: 'atlantis' })).toEqual({ ok: true, filter: { regions: ['atlantis'] } });
  });

  it('leaves out what does not parse in a hand-edited link', () => {
    expect(parseStoryFilterLeniently({ feedId: 'abc', since: 'yesterday', regions: 'SY', story: '12', q: '!!' })).toEqual({ regions: ['SY'] });
  });
});

describe('storyMatchesFilter', () => {
  const matches = (filter: StoryFilter, s = story()) => storyMatchesFilter(filter, s, context);

  it('passes every story with an empty filter', () => expect(matches({})).toBe(true));

  it('matches any country of the regions asked, macro-regions expanded', () => {
    expect(matches({ regions: ['middle-east'] }, story({ regions: ['LB'] }))).toBe(true);
    expect(matches({ regions: ['UA', 'SY'] })).toBe(true);
    expect(matches({ regions: ['UA'] })).toBe(false);
    expect(matches({ regions: ['atlantis'] })).toBe(false);
  });

  it('matches any of the topics asked', () => {
    expect(matches({ topics: ['airstrike', 'prison-break'] })).toBe(true);
    expect(matches({ topics: ['airstrike'] })).toBe(false);
  });

  it('needs every search word, folded the way search folds them', () => {
    expect(matches({ q: 'hassake EVADES' })).toBe(true);
    expect(matches({ q: 'évasion ghwayran' })).toBe(true);
    expect(matches({ q: 'hassake airstrike' })).toBe(false);
    // Whole words: "tenus" is not "Détenus".
    expect(matches({ q: 'tenus' })).toBe(false);
  });

  it('matches a feed or a group through any source of a merged story', () => {
    const merged = story({ sources: [{ feedId: 2, feedTitle: 'Desk', url: null }, { feedId: 1, feedTitle: 'Arabic desk', url: null }] });
    expect(matches({ feedId: 1 }, merged)).toBe(true);
    expect(matches({ feedId: 1 })).toBe(false);
    expect(matches({ group: 'Arabic' }, merged)).toBe(true);
    expect(matches({ group: 'Arabic' })).toBe(false);
    // A feed the lookup does not know is in no group.
    expect(matches({ group: 'Arabic' }, story({ feedId: 9, sources: [{ feedId: 9, feedTitle: 'New', url: null }] }))).toBe(false);
  });

  it('takes since as inclusive and until as exclusive', () => {
    expect(matches({ since: '2026-01-31T12:00:00.000Z' })).toBe(true);
    expect(matches({ since: '2026-01-31T12:00:00.001Z' })).toBe(false);
    expect(matches({ until: '2026-01-31T12:00:00.000Z' })).toBe(false);
    expect(matches({ until: '2026-01-31T12:00:00.001Z' })).toBe(true);
  });

  it('needs every field of a combined filter', () => {
    expect(matches({ regions: ['middle-east'], topics: ['prison-break'], q: 'hassake', feedId: 2 })).toBe(true);
    expect(matches({ regions: ['middle-east'], topics: ['prison-break'], q: 'hassake', feedId: 1 })).toBe(false);
  });
});

describe('storyFilterWords', () => {
  it('keeps at most 12 distinct words', () => {
    expect(storyFilterWords({ q: 'a b a c' })).toEqual(['a', 'b', 'c']);
    expect(storyFilterWords({ q: Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ') })).toHaveLength(12);
    expect(storyFilterWords({})).toEqual([]);
  });
});

describe('intersectStoryFilters', () => {
  const scope = storyFilterOfScope({ regions: ['middle-east'], topics: [] });

  it('narrows a request to a scope, and passes exactly the stories both pass', () => {
    const both = intersectStoryFilters({ regions: ['SY', 'UA'], q: 'prison' }, scope, resolveRegion);
    expect(both).toEqual({ regions: ['SY'], q: 'prison' });
    expect(intersectStoryFilters({}, scope, resolveRegion)).toEqual(scope);
  });

  it('is null when nothing can pass both', () => {
    expect(intersectStoryFilters({ regions: ['UA'] }, scope, resolveRegion)).toBeNull();
    expect(intersectStoryFilters({ topics: ['airstrike'] }, { topics: ['prison-break'] }, resolveRegion)).toBeNull();
    expect(intersectStoryFilters({ feedId: 1 }, { feedId: 2 }, resolveRegion)).toBeNull();
    expect(intersectStoryFilters({ group: 'a' }, { group: 'b' }, resolveRegion)).toBeNull();
    expect(intersectStoryFilters({ since: '2026-02-01T00:00:00.000Z' }, { until: '2026-01-01T00:00:00.000Z' }, resolveRegion)).toBeNull();
  });

  it('keeps the later since, the earlier until and every word', () => {
    const both = intersectStoryFilters({ since: '2026-01-01T00:00:00.000Z', until: '2026-03-01T00:00:00.000Z', q: 'a' }, { since: '2026-02-01T00:00:00.000Z', until: '2026-04-01T00:00:00.000Z', q: 'b' }, resolveRegion);
    expect(both).toEqual({ since: '2026-02-01T00:00:00.000Z', until: '2026-03-01T00:00:00.000Z', q: 'a b' });
  });

  it('makes an empty scope no filter at all', () => {
    expect(isEmptyStoryFilter(storyFilterOfScope({ regions: [], topics: [] }))).toBe(true);
  });
});
