import { WordCounts } from './word-counts';

/** Deterministic pseudo-random numbers, so that a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('WordCounts', () => {
  it('counts, finds and forgets words as a Map does', () => {
    const counts = new WordCounts();
    counts.set(7, 1).set(0, 2);
    counts.set(7, (counts.get(7) ?? 0) + 1);
    expect(counts.get(7)).toBe(2);
    expect(counts.has(0)).toBe(true);
    expect(counts.has(1)).toBe(false);
    expect(counts.get(1)).toBeUndefined();
    expect(counts.delete(7)).toBe(true);
    expect(counts.delete(7)).toBe(false);
    expect([...counts]).toEqual([[0, 2]]);
    expect([...counts.keys()]).toEqual([0]);
    expect(counts.size).toBe(1);
  });

  it('agrees with a Map through growth and deletions in the middle of probe runs', () => {
    const random = rng(20261206);
    const disagreements: string[] = [];
    for (let round = 0; round < 50; round++) {
      const counts = new WordCounts();
      const expected = new Map<number, number>();
      // Small ranges crowd the table (long probe runs, deletions inside them); large ones make it grow.
      const range = 1 + Math.floor(random() * (round % 2 ? 40 : 2000));
      for (let step = 0; step < 2000; step++) {
        const id = Math.floor(random() * range);
        const action = random();
        if (action < 0.5) {
          const count = (expected.get(id) ?? 0) + 1;
          expected.set(id, count);
          counts.set(id, count);
        } else if (action < 0.8) {
          if (counts.delete(id) !== expected.delete(id)) disagreements.push(`round ${round} step ${step}: delete ${id}`);
        } else if (counts.get(id) !== expected.get(id)) {
          disagreements.push(`round ${round} step ${step}: get ${id}`);
        }
        if (counts.size !== expected.size) disagreements.push(`round ${round} step ${step}: size`);
      }
      for (let id = 0; id < range; id++) if (counts.has(id) !== expected.has(id)) disagreements.push(`round ${round}: has ${id}`);
      expect([...counts].sort((a, b) => a[0] - b[0])).toEqual([...expected].sort((a, b) => a[0] - b[0]));
    }
    expect(disagreements).toEqual([]);
  });
});
