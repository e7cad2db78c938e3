import type { Cluster } from '@sentinel/shared';
import { corroborationBadge } from '../api/corroboration';

/** Words and a shape; the colour (by level, in CSS) only repeats them. */
export function CorroborationBadge({ cluster }: { cluster: Pick<Cluster, 'corroboration' | 'sources'> }) {
  const badge = corroborationBadge(cluster);
  return (
    <span className={`corroboration corroboration--${badge.level}`} title={badge.description} data-testid="corroboration-badge" data-level={badge.level}>
      <span aria-hidden="true">{badge.shape} </span>
      {badge.label}
      {badge.description.toLowerCase() !== badge.label.toLowerCase() && <span className="visually-hidden">: {badge.description}</span>}
    </span>
  );
}

/** "BREAKING" in words with a triangle, never a colour alone. */
export function BreakingMark() {
  return (
    <span className="event-mark event-mark--breaking" data-testid="breaking-mark">
      <span aria-hidden="true">▲ </span>BREAKING
    </span>
  );
}

/** Sources give different numbers for the same thing (killed, escaped…). */
export function FigureConflictMark() {
  return (
    <span className="event-mark event-mark--conflict" data-testid="figure-conflict-mark">
      <span aria-hidden="true">≠ </span>figures differ
    </span>
  );
}
