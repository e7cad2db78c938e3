/**
 * Greedy label placement: the biggest markers are labelled first, each at the first of a few
 * positions around its circle that overlaps no earlier label; a label that fits nowhere is left
 * out (its marker keeps a tooltip). Sizes are estimates in SVG units, good enough for a wall.
 */
export interface LabelCandidate {
  key: string;
  x: number;
  y: number;
  r: number;
  text: string;
}

export interface PlacedLabel {
  key: string;
  x: number;
  y: number;
  anchor: 'start' | 'end' | 'middle';
  text: string;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

export function placeLabels(candidates: LabelCandidate[], fontSize: number, max: number, bounds: { width: number; height: number }): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const boxes: Box[] = [];
  for (const candidate of candidates) {
    if (placed.length >= max) break;
    const width = candidate.text.length * fontSize * 0.58;
    const gap = candidate.r + 3;
    const options: PlacedLabel[] = [
      { key: candidate.key, x: candidate.x + gap, y: candidate.y + fontSize * 0.35, anchor: 'start', text: candidate.text },
      { key: candidate.key, x: candidate.x - gap, y: candidate.y + fontSize * 0.35, anchor: 'end', text: candidate.text },
      { key: candidate.key, x: candidate.x, y: candidate.y - gap - 2, anchor: 'middle', text: candidate.text },
      { key: candidate.key, x: candidate.x, y: candidate.y + gap + fontSize * 0.8, anchor: 'middle', text: candidate.text },
    ];
    for (const option of options) {
      const left = option.anchor === 'start' ? option.x : option.anchor === 'end' ? option.x - width : option.x - width / 2;
      const box = { left, right: left + width, top: option.y - fontSize * 0.8, bottom: option.y + fontSize * 0.2 };
      const inside = box.left >= 0 && box.right <= bounds.width && box.top >= 0 && box.bottom <= bounds.height;
      if (inside && !boxes.some((other) => overlaps(box, other))) {
        placed.push(option);
        boxes.push(box);
        break;
      }
    }
  }
  return placed;
}
