import { placeLabels } from './labelPlacement';

const bounds = { width: 1000, height: 480 };

describe('map label placement', () => {
  it('moves a label to the other side when the first choice would cover a bigger place’s label', () => {
    const labels = placeLabels(
      [
        { key: 'hasakah', x: 500, y: 200, r: 10, text: 'Al Hasakah 12' },
        { key: 'qamishli', x: 505, y: 205, r: 6, text: 'Qamishli 4' },
      ],
      26,
      6,
      bounds,
    );
    expect(labels.map((label) => [label.key, label.anchor])).toEqual([
      ['hasakah', 'start'],
      ['qamishli', 'end'],
    ]);
  });

  it('keeps labels inside the map and stops at the requested number', () => {
    const candidates = Array.from({ length: 10 }, (_, i) => ({ key: `p${i}`, x: 990, y: 40 + i * 40, r: 5, text: `Place ${i}` }));
    const labels = placeLabels(candidates, 26, 3, bounds);
    expect(labels).toHaveLength(3);
    expect(labels.every((label) => label.anchor === 'end')).toBe(true);
  });
});
