import type { StatsEvent } from '@sentinel/shared';
import { formatCount } from '../../../lib/format';

/** Gateway figures from the `stats` event; nothing is shown until the first one arrives. */
export function FeedsFooter({ stats, coverageNote }: { stats: StatsEvent | undefined; coverageNote: string | null }) {
  return (
    <footer className="wall-footer">
      {stats ? (
        <span>
          Feeds: {formatCount(stats.feeds.ok)} OK · {formatCount(stats.feeds.stale)} stale · {formatCount(stats.feeds.error)} failing
        </span>
      ) : (
        <span>Feed figures appear when the live connection sends them.</span>
      )}
      {coverageNote && <span className="wall-footer__note">{coverageNote}</span>}
    </footer>
  );
}
