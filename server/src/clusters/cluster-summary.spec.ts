import type { Place } from '@sentinel/shared';
import { BREAKING_OUTLETS, type ClusterMember, earlyIndependentOutlets, summariseCluster } from './cluster-summary';

const T0 = Date.parse('2025-03-01T08:00:00Z');
const MINUTE = 60_000;

let nextId = 1;
function member(outlet: string, minutesAfter: number, partial: Partial<ClusterMember> = {}): ClusterMember {
  return {
    id: nextId++,
    title: `Prison break in Hasakah, says ${outlet}`,
    url: null,
    feedTitle: `${outlet} desk`,
    firstSeenAt: T0 + minutesAfter * MINUTE,
    outlet,
    tier: 'regional',
    copyOf: null,
    regions: ['SY'],
    topics: ['prison-break'],
    places: [],
    figures: [],
    english: true,
    language: 'en',
    ...partial,
  };
}

describe('summariseCluster: breaking', () => {
  beforeEach(() => {
    nextId = 1;
  });

  const rush = () => [member('reuters.com', 0), member('bbc.co.uk', 10), member('aljazeera.com', 25)];

  it('is breaking with three independent outlets in 30 minutes when no bar is given (the fixed rule)', () => {
    expect(BREAKING_OUTLETS).toBe(3);
    expect(summariseCluster(rush()).breaking).toBe(true);
  });

  it('is not breaking when the bar of its region and topic is higher than what arrived', () => {
    expect(summariseCluster(rush(), 4).breaking).toBe(false);
    expect(summariseCluster([...rush(), member('dw.com', 29)], 4).breaking).toBe(true);
  });

  it('counts neither copies, nor an outlet twice, nor outlets after the first 30 minutes', () => {
    const first = member('reuters.com', 0);
    const members = [first, member('reuters.com', 5), member('dailynews.example.net', 6, { copyOf: first.id }), member('bbc.co.uk', 20), member('aljazeera.com', 31)];
    expect(earlyIndependentOutlets(members)).toBe(2);
    expect(summariseCluster(members, 2).breaking).toBe(true);
    expect(summariseCluster(members).breaking).toBe(false);
    expect(summariseCluster(members).sources).toMatchObject({ outlets: 4, independent: 3 });
  });

  it('measures the 30 minutes from the first story, whatever order the members come in', () => {
    expect(earlyIndependentOutlets([member('bbc.co.uk', 30), member('aljazeera.com', 45), member('reuters.com', 0)])).toBe(2);
    expect(earlyIndependentOutlets([])).toBe(0);
  });
});

describe('summariseCluster: headlines', () => {
  beforeEach(() => {
    nextId = 1;
  });

  const hasakah: Place = { name: 'Hasakah', country: 'SY', lat: 36.5, lon: 40.75, kind: 'city' };
  const ghwayran: Place = { name: 'Ghwayran prison', country: 'SY', lat: 36.48, lon: 40.72, kind: 'prison' };
  const arabic = { english: false, language: 'ar' } as const;
  const french = { language: 'fr' } as const;

  it('keeps the default headline as before (Latin script first), and gives each language present its most representative story', () => {
    const members = [
      member('sana.sy', 0, { ...arabic, title: 'هجوم على سجن في الحسكة', places: [hasakah] }),
      member('aljazeera.net', 5, { ...arabic, title: 'فرار سجناء من سجن غويران في الحسكة', places: [hasakah, ghwayran] }),
      member('lemonde.fr', 40, { ...french, title: 'Évasion de la prison de Ghwayran à Hassaké', places: [hasakah, ghwayran] }),
      member('reuters.com', 20, { title: 'Inmates escape Syrian prison', places: [] }),
      member('bbc.co.uk', 30, { title: 'Dozens escape Ghwayran prison in Hasakah', places: [hasakah, ghwayran] }),
    ];
    const summary = summariseCluster(members);
    expect(summary.headline.title).toBe('Dozens escape Ghwayran prison in Hasakah');
    expect(summary.headlines).toEqual({
      en: summary.headline,
      fr: { storyId: members[2].id, title: 'Évasion de la prison de Ghwayran à Hassaké', url: null, feedTitle: 'lemonde.fr desk' },
      ar: { storyId: members[1].id, title: 'فرار سجناء من سجن غويران في الحسكة', url: null, feedTitle: 'aljazeera.net desk' },
    });
  });

  it('prefers, within a language, the independent story over a copy and then the earliest', () => {
    const original = member('afp.com', 0, { ...french, title: 'Évasion à Hassaké' });
    const copy = member('lorientlejour.com', 1, { ...french, title: 'Évasion à Hassaké (AFP)', copyOf: original.id });
    const later = member('rfi.fr', 2, { ...french, title: 'Des détenus évadés à Hassaké' });
    expect(summariseCluster([copy, later, original]).headlines.fr?.storyId).toBe(original.id);
  });

  it('lists only the languages among its stories, and none for stories whose language cannot be told', () => {
    const summary = summariseCluster([member('reuters.com', 0), member('sana.sy', 5, { english: false, language: null, title: '281' })]);
    expect(Object.keys(summary.headlines)).toEqual(['en']);
    const only = member('sana.sy', 0, { ...arabic });
    expect(summariseCluster([only]).headlines).toEqual({ ar: expect.objectContaining({ storyId: only.id }) });
  });
});
