import type { AlertSeverity } from '@sentinel/shared';

/** Severity as a symbol and a word; the colour from `severity--<level>` only repeats what they say. */
export const SEVERITY: Record<AlertSeverity, { symbol: string; label: string }> = {
  critical: { symbol: '‼', label: 'Critical' },
  warning: { symbol: '!', label: 'Warning' },
  info: { symbol: 'i', label: 'Info' },
};

export function SeverityLabel({ severity, className = '' }: { severity: AlertSeverity; className?: string }) {
  const text = SEVERITY[severity] ?? SEVERITY.info;
  return (
    <span className={`severity severity--${severity} ${className}`.trim()}>
      <span aria-hidden="true">{text.symbol} </span>
      {text.label}
    </span>
  );
}
