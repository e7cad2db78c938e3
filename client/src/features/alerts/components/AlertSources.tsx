import type { Alert } from '@sentinel/shared';
import { describeAlertSources } from '../hooks/alert-sources';

/** The event behind an alert: how many outlets and which, and how corroborated it was when the alert fired. */
export function AlertSources({ alert }: { alert: Alert }) {
  const text = describeAlertSources(alert);
  if (!text) return null;
  return (
    <p className="alert-row__sources" data-testid="alert-sources">
      {text.outlets && (
        <span title={text.detail}>
          <span className="alert-row__source-count">{text.count}</span>: {text.outlets}
          <span className="visually-hidden"> ({text.detail})</span>
        </span>
      )}
      {text.corroboration && <span className="alert-row__corroboration"> · {text.corroboration}</span>}
    </p>
  );
}
