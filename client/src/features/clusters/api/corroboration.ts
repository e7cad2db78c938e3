import type { Cluster, CorroborationLevel } from '@sentinel/shared';
import { plural } from '../../../lib/format';

/**
 * How an event's confirmation reads on a badge. Words first and a shape second, so it reads the
 * same from across a room and in greyscale; colour (by `level`, in CSS) only repeats it.
 */
export interface CorroborationBadgeText {
  level: CorroborationLevel;
  /** The short words on the badge: "Single source", "Wire + 4". */
  label: string;
  /** A shape that differs per level: hollow for one voice, filled for many. */
  shape: string;
  /** The server's explanation in full, for a title and screen readers. */
  description: string;
}

const SHAPES: Record<CorroborationLevel, string> = {
  'single-source': '○',
  'official-only': '□',
  corroborated: '◆',
  'wire-and-others': '◆',
  'widely-reported': '★',
};

export function corroborationBadge(cluster: Pick<Cluster, 'corroboration' | 'sources'>): CorroborationBadgeText {
  const { level, text } = cluster.corroboration;
  return { level, label: badgeLabel(level, cluster.sources.independent), shape: SHAPES[level], description: text };
}

function badgeLabel(level: CorroborationLevel, independent: number): string {
  switch (level) {
    case 'single-source':
      return 'Single source';
    case 'official-only':
      return 'Official only';
    case 'corroborated':
      return 'Corroborated';
    case 'wire-and-others':
      // The wire is one of the independent voices; the others are the rest.
      return independent > 1 ? `Wire + ${independent - 1}` : 'Wire only';
    case 'widely-reported':
      return 'Widely reported';
  }
}

/** "5 sources · 3 independent": outlets (publisher families once), then those that are not copies. */
export function sourceCountText(sources: Pick<Cluster['sources'], 'outlets' | 'independent'>): string {
  return `${plural(sources.outlets, 'source')} · ${sources.independent} independent`;
}
