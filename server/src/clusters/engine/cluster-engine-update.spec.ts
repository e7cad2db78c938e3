import { ClusterEngine, type ClusterInput } from './cluster-engine';

const T0 = Date.parse('2025-03-01T08:00:00Z');
const MINUTE = 60_000;

function story(partial: Partial<ClusterInput> & Pick<ClusterInput, 'id' | 'title'>): ClusterInput {
  return { summary: '', regions: ['SY'], topics: ['prison-break'], places: [], firstSeenAt: T0, outlet: 'example.com', figures: [], ...partial };
}

describe('ClusterEngine.update (a placed story edited or re-tagged)', () => {
  const first = story({ id: 1, outlet: 'reuters.com', title: 'Attack on a prison in northeast Syria', places: ['SY:Ghwayran prison'] });
  const edited = story({ id: 1, outlet: 'reuters.com', title: 'Attack on a prison in northeast Syria: inmates flee Hasakah', places: ['SY:Ghwayran prison', 'SY:Hasakah'] });
  const followUp = story({ id: 2, outlet: 'bbc.co.uk', firstSeenAt: T0 + 30 * MINUTE, title: 'Curfew imposed across Hasakah city', places: ['SY:Hasakah'] });

  it('places later stories by what the story says now, not by what it said when it was placed', () => {
    const stale = new ClusterEngine();
    const a = stale.add(first);
    expect(stale.add(followUp).clusterId).not.toBe(a.clusterId);

    const engine = new ClusterEngine();
    const placed = engine.add(first);
    expect(engine.update(edited, placed.clusterId)).toBe(true);
    expect(engine.add(followUp)).toEqual({ clusterId: placed.clusterId, created: false, copyOf: null });
  });

  it('finds the story through a merge, and answers false for a story it does not hold', () => {
    const engine = new ClusterEngine();
    const a = engine.add(first);
    const b = engine.add(story({ id: 3, regions: ['HT'], places: ['HT:Port-au-Prince'], title: 'Haiti prison break' }));
    engine.merge(a.clusterId, b.clusterId);
    expect(engine.update(edited, a.clusterId)).toBe(true);
    expect(engine.update(story({ id: 99, title: 'Never placed' }), a.clusterId)).toBe(false);
    expect(engine.update(edited, 12345)).toBe(false);
  });
});
