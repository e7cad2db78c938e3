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
