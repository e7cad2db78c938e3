import { formatShortAge } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { useFiredAlerts } from '../api/alerts';
import { SeverityLabel } from './SeverityLabel';

/** Alerts from the last `windowMinutes`; older ones drop off so the banner means "now". */
export function AlertsBanner({ windowMinutes = 60, max = 3 }: { windowMinutes?: number; max?: number }) {
  const alerts = useFiredAlerts();
  const now = useNow(30_000);
  const recent = alerts.filter((alert) => now - Date.parse(alert.firedAt) < windowMinutes * 60_000).slice(0, max);
  if (recent.length === 0) {
    return (
      <div className="alerts-banner alerts-banner--empty" data-testid="alerts-banner" role="status">
        No alerts in the last {windowMinutes} minutes
      </div>
    );
  }
  return (
    <div className="alerts-banner" data-testid="alerts-banner" role="alert">
      <ul>
        {recent.map((alert) => (
          <li key={alert.id} className={`alert alert--${alert.severity}`}>
            <SeverityLabel severity={alert.severity} className="alert__severity" />
            <span className="alert__rule">{alert.ruleName}</span>
            <span className="alert__story" dir="auto">{alert.storyTitle}</span>
            <span className="alert__age">{formatShortAge(alert.firedAt, now)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
