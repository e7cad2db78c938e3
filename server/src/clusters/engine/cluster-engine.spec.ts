import { ClusterEngine, type ClusterInput } from './cluster-engine';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2025-03-01T08:00:00Z');

let nextId = 1;
function story(partial: Partial<ClusterInput> & Pick<ClusterInput, 'title'>): ClusterInput {
  return { id: nextId++, summary: '', regions: [], topics: [], places: [], firstSeenAt: T0, outlet: 'example.com', figures: [], ...partial };
}

const ghwayran = { regions: ['SY'], topics: ['prison-break'], places: ['SY:Ghwayran prison', 'SY:Hasakah'] };

describe('ClusterEngine', () => {
  beforeEach(() => {
    nextId = 1;
  });

  it('puts two outlets reporting one prison break in different words into one event', () => {
    const engine = new ClusterEngine();
    const a = engine.add(story({ ...ghwayran, outlet: 'bbc.co.uk', title: 'Gunmen storm Ghwayran prison in Hasakah, dozens of inmates escape', figures: [{ what: 'escaped', value: 36, text: 'dozens' }] }));
    const b = engine.add(story({ ...ghwayran, outlet: 'aljazeera.com', firstSeenAt: T0 + 40 * 60_000, title: 'Mass jailbreak after attack on Hasakah jail; Kurdish forces hunt escapees', summary: 'Officials said 281 inmates fled the Ghwayran facility.' }));
    expect(a.created).toBe(true);
    expect(b).toEqual({ clusterId: a.clusterId, created: false, copyOf: null });
  });

  it('keeps two prison breaks in different countries on the same day apart', () => {
    const engine = new ClusterEngine();
    const syria = engine.add(story({ ...ghwayran, title: 'Prison break: hundreds of inmates escape after attack on prison' }));
    const haiti = engine.add(story({ regions: ['HT'], topics: ['prison-break'], places: ['HT:Port-au-Prince'], firstSeenAt: T0 + HOUR, title: 'Prison break: hundreds of inmates escape after attack on prison' }));
    expect(haiti.created).toBe(true);
    expect(haiti.clusterId).not.toBe(syria.clusterId);
  });

  it('starts a new event for the same place a week later', () => {
    const engine = new ClusterEngine();
    const first = engine.add(story({ ...ghwayran, title: 'Inmates escape Ghwayran prison in Hasakah after attack' }));
    const later = engine.add(story({ ...ghwayran, firstSeenAt: T0 + 7 * DAY, title: 'Inmates escape Ghwayran prison in Hasakah after new attack' }));
    expect(later.created).toBe(true);
    expect(later.clusterId).not.toBe(first.clusterId);
  });

  it('joins an Arabic and a French story to the English event when places, topic, time and figures agree', () => {
    const engine = new ClusterEngine();
    const english = engine.add(story({ ...ghwayran, outlet: 'reuters.com', title: 'Islamic State fighters attack Ghwayran prison in Syria\'s Hasakah', summary: 'At least 281 inmates escaped, officials said.', figures: [{ what: 'escaped', value: 281, text: '281 inmates' }] }));
    const arabic = engine.add(story({ ...ghwayran, outlet: 'aljazeera.net', firstSeenAt: T0 + 2 * HOUR, title: 'هروب 281 سجينا من سجن غويران في الحسكة', figures: [{ what: 'escaped', value: 281, text: '281 سجينا' }] }));
    const french = engine.add(story({ ...ghwayran, outlet: 'france24.com', firstSeenAt: T0 + 3 * HOUR, title: 'Évasion massive à la prison de Ghwayran à Hassaké' }));
    expect(arabic.clusterId).toBe(english.clusterId);
    expect(french.clusterId).toBe(english.clusterId);
  });

  it('keeps a story about the same town but another topic apart', () => {
    const engine = new ClusterEngine();
    const breakout = engine.add(story({ ...ghwayran, title: 'Dozens escape Ghwayran prison in Hasakah' }));
    const flood = engine.add(story({ regions: ['SY'], topics: ['disaster'], places: ['SY:Hasakah'], firstSeenAt: T0 + HOUR, title: 'Floods cut roads around Hasakah' }));
    expect(flood.clusterId).not.toBe(breakout.clusterId);
  });

  it('marks a syndicated copy from another outlet as copyOf the original and joins its event', () => {
    const engine = new ClusterEngine();
    const text = { title: 'Gunmen free hundreds of inmates in attack on Nigerian prison', summary: 'Armed men stormed the Kuje medium security prison near Abuja late on Tuesday, freeing hundreds of inmates, a prison service spokesman said on Wednesday.' };
    const original = engine.add(story({ ...text, regions: ['NG'], topics: ['prison-break'], places: ['NG:Kuje'], outlet: 'reuters.com' }));
    const copy = engine.add(story({ ...text, title: `UPDATE 1-${text.title}`, regions: ['NG'], topics: ['prison-break'], places: ['NG:Kuje'], outlet: 'dailypost.ng', firstSeenAt: T0 + HOUR }));
    const sameOutlet = engine.add(story({ ...text, regions: ['NG'], topics: ['prison-break'], places: ['NG:Kuje'], outlet: 'reuters.com', firstSeenAt: T0 + 2 * HOUR }));
    expect(copy).toEqual({ clusterId: original.clusterId, created: false, copyOf: 1 });
    // The same outlet repeating itself is not a copy of another voice.
    expect(sameOutlet.copyOf).toBeNull();
    expect(sameOutlet.clusterId).toBe(original.clusterId);
  });

  it('compares a story with a bounded number of candidates however many stories are in the window', () => {
    const comparisonsPerAdd = (storiesInWindow: number) => {
      const engine = new ClusterEngine();
      const countries = ['SY', 'IQ', 'YE', 'SD', 'NG', 'ML', 'CD', 'SO', 'AF', 'UA'];
      const topics = ['prison-break', 'airstrike', 'protest', 'armed-clash', 'displacement'];
      const span = DAY; // all within one window
      // Events of three stories each, in ten countries and five topics, all within one window.
      for (let i = 0; i < storiesInWindow; i++) {
        const event = Math.floor(i / 3);
        const country = countries[event % countries.length];
        engine.add(story({ regions: [country], topics: [topics[event % topics.length]], places: [`${country}:town${event}`], firstSeenAt: T0 + Math.floor((i / storiesInWindow) * span), title: `Report from town${event} about event${event} and crowd${event % 29}`, outlet: `o${i % 50}.com` }));
      }
      const before = engine.stats();
      const probes = 200;
      for (let i = 0; i < probes; i++) {
        engine.add(story({ regions: ['SY'], topics: ['airstrike'], places: [`SY:probe${i}`], firstSeenAt: T0 + span, title: `Report from probe${i} about crowd${i % 29}`, outlet: 'probe.com' }));
      }
      const after = engine.stats();
      expect(after.activeStories).toBeGreaterThanOrEqual(storiesInWindow);
      return (after.comparisons - before.comparisons) / probes;
    };
    // Once the index keys are full (a few thousand stories), more stories in the window add no comparisons.
    const small = comparisonsPerAdd(3_000);
    const large = comparisonsPerAdd(20_000);
    expect(large).toBeLessThanOrEqual(8 * 24);
    expect(large).toBeLessThanOrEqual(small * 1.2);
  });

  it('forgets clusters and stories that left the window', () => {
    const engine = new ClusterEngine();
    for (let i = 0; i < 50; i++) engine.add(story({ ...ghwayran, firstSeenAt: T0 + i * 60_000, title: `Story ${i}` }));
    engine.add(story({ regions: ['IQ'], topics: ['airstrike'], firstSeenAt: T0 + 5 * DAY, title: 'Airstrike near Mosul' }));
    expect(engine.stats()).toMatchObject({ activeClusters: 1, activeStories: 1 });
  });

  it('sends a story that would join a merged-away cluster to the merge target', () => {
    const engine = new ClusterEngine();
    const a = engine.add(story({ ...ghwayran, title: 'Inmates escape Ghwayran prison in Hasakah' }));
    const other = engine.add(story({ regions: ['SY'], topics: ['airstrike'], places: ['SY:Idlib'], firstSeenAt: T0 + HOUR, title: 'Airstrikes hit Idlib market' }));
    engine.merge(a.clusterId, other.clusterId);
    const follow = engine.add(story({ ...ghwayran, firstSeenAt: T0 + 2 * HOUR, title: 'Manhunt after inmates escape Ghwayran prison in Hasakah' }));
    expect(follow).toMatchObject({ clusterId: other.clusterId, created: false });
  });

  it('keeps follow-ups of split stories with the split cluster', () => {
    const engine = new ClusterEngine();
    const main = engine.add(story({ ...ghwayran, title: 'Inmates escape Ghwayran prison in Hasakah' }));
    const strayInput = story({ regions: ['SY'], topics: ['prison-break'], places: ['SY:Hasakah'], firstSeenAt: T0 + HOUR, title: 'Hasakah court sentences escaped Adra inmates returned from Lebanon', summary: 'Adra court verdict' });
    const stray = engine.add(strayInput);
    expect(stray.clusterId).toBe(main.clusterId);
    const splitId = engine.reserveId();
    engine.split([strayInput], splitId);
    const follow = engine.add(story({ regions: ['SY'], topics: ['prison-break'], places: ['SY:Hasakah'], firstSeenAt: T0 + 2 * HOUR, title: 'Adra inmates court verdict appealed', summary: 'Adra court sentences appealed' }));
    expect(follow.clusterId).toBe(splitId);
  });
});
