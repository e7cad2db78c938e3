import type { FeedStatus } from '@sentinel/shared';

/** Status in words with a symbol, so it reads without colour. */
const LABEL: Record<FeedStatus, { symbol: string; text: string }> = {
  ok: { symbol: '✓', text: 'OK' },
  stale: { symbol: '◷', text: 'Stale' },
  error: { symbol: '✕', text: 'Failing' },
  pending: { symbol: '…', text: 'Not polled yet' },
};

export function FeedStatusBadge({ status, enabled }: { status: FeedStatus; enabled: boolean }) {
  const label = LABEL[status] ?? { symbol: '?', text: status };
  return (
    <span className={`feed-status feed-status--${status}${enabled ? '' : ' feed-status--disabled'}`} data-status={status}>
      <span aria-hidden="true">{label.symbol} </span>
      {label.text}
      {!enabled && <span className="feed-status__off"> (disabled)</span>}
    </span>
  );
}
