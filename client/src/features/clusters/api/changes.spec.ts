import { clusterFixture, minutesAfterBase, sourceFixture } from './cluster-fixture';
import { figuresKey, groupChanges, rememberSeen, seenEventOf } from './changes';

const LAST_VISIT = minutesAfterBase(30);
const ids = (changes: { cluster: { id: number } }[]) => changes.map((change) => change.cluster.id);

describe('since my last visit', () => {
  const brandNew = clusterFixture(1, { firstSeenAt: minutesAfterBase(40), updatedAt: minutesAfterBase(40) });
  const gained = clusterFixture(2, {
    updatedAt: minutesAfterBase(45),
    sources: { outlets: 2, independent: 2, list: [sourceFixture(20, { firstSeenAt: minutesAfterBase(0) }), sourceFixture(21, { outlet: 'wire.example', firstSeenAt: minutesAfterBase(45) })] },
  });
  const refigured = clusterFixture(3, {
    updatedAt: minutesAfterBase(50),
    sources: { outlets: 2, independent: 2, list: [sourceFixture(30, { firstSeenAt: minutesAfterBase(0) }), sourceFixture(31, { firstSeenAt: minutesAfterBase(5) })] },
    conflicts: [{ what: 'escaped', values: [{ value: 40, text: 'dozens', sources: [30] }, { value: 281, text: '281 inmates', sources: [31] }] }],
  });

  it('groups by what happened, judging from first-seen times when the browser never saw the event', () => {
    const groups = groupChanges([brandNew, gained, refigured], LAST_VISIT, {});
    expect(ids(groups.newEvents)).toEqual([1]);
    expect(ids(groups.gainedSources)).toEqual([2]);
    expect(groups.gainedSources[0].newOutlets).toEqual(['wire.example']);
    // Its figures came from stories seen before the last visit: nothing new there.
    expect(ids(groups.changedFigures)).toEqual([]);
    expect(ids(groups.otherChanges)).toEqual([3]);
  });

  it('compares with what it saw last time when it can', () => {
    const seen = { 3: { ...seenEventOf(refigured), figures: figuresKey([{ what: 'escaped', values: [{ value: 40, text: 'dozens', sources: [30] }] }]) } };
    const groups = groupChanges([refigured], LAST_VISIT, seen);
    expect(ids(groups.changedFigures)).toEqual([3]);
    expect(groups.changedFigures[0].before?.figures).toBe('escaped:40');
  });

  it('remembers the newest events first within a bound', () => {
    const seen = rememberSeen({ 9: seenEventOf(clusterFixture(9)), 8: seenEventOf(clusterFixture(8)) }, [brandNew], 2);
    expect(Object.keys(seen).sort()).toEqual(['1', '9']);
  });
});
