import { NO_TAG, OTHER_TAGS } from '../../../lib/volume';

/** Okabe–Ito based, distinguishable for the common colour-vision deficiencies; legends carry the names. */
const PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#9AD0C2', '#B07AA1'];
// Two greys that differ in lightness, so "other" and "untagged" stay apart in the stack.
const OTHER_COLOR = '#B8BEC6';
const UNTAGGED_COLOR = '#66707C';

export function seriesColor(key: string, index: number): string {
  if (key === OTHER_TAGS) return OTHER_COLOR;
  if (key === NO_TAG) return UNTAGGED_COLOR;
  return PALETTE[index % PALETTE.length]!;
}
