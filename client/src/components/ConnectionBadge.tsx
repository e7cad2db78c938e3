import type { Freshness } from '../lib/freshness';

/** The connection and freshness line. The symbol and the words carry the state, not only the colour. */
const SYMBOL: Record<Freshness['level'], string> = {
  live: '●',
  quiet: '◐',
  connecting: '◌',
  offline: '✕',
};

export function ConnectionBadge({ freshness, className = '' }: { freshness: Freshness; className?: string }) {
  return (
    <div
      className={`connection connection--${freshness.level} ${className}`}
      data-testid="connection-state"
      data-level={freshness.level}
      role="status"
      aria-live="polite"
      title={freshness.detail}
    >
      <span className="connection__symbol" aria-hidden="true">
        {SYMBOL[freshness.level]}
      </span>
      <span className="connection__label">{freshness.label}</span>
      <span className="connection__detail">{freshness.detail}</span>
    </div>
  );
}
