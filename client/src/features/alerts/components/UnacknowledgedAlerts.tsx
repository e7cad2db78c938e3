import { ErrorMessage } from '../../../components/ErrorMessage';
import { TimeAgo } from '../../../components/TimeAgo';
import { ApiRequestError } from '../../../lib/api-client';
import { followLink } from '../../../lib/url-state';
import { useAlertHistory } from '../api/alerts';
import { AcknowledgeButton } from './AlertRow';
import { SeverityLabel } from './SeverityLabel';

const UNACKNOWLEDGED = { ruleId: null, acknowledged: false } as const;
const SHOWN = 5;

/** The workspace's compact view of alerts nobody has acknowledged yet; a story opens in the detail pane. Viewers read, without the Acknowledge buttons. */
export function UnacknowledgedAlerts({ onOpenStory, canAcknowledge }: { onOpenStory: (storyId: number) => void; canAcknowledge: boolean }) {
  const history = useAlertHistory(UNACKNOWLEDGED);
  // An older server without the alerts API: no panel rather than an error on every page load.
  if (history.error instanceof ApiRequestError && history.error.isNotFound) return null;
  // Acknowledged here, still in the cached page until the next fetch.
  const open = history.alerts.filter((alert) => alert.acknowledgedAt === null);
  const more = open.length > SHOWN || history.hasNextPage;
  return (
    <section className="unacked-alerts" aria-labelledby="unacked-alerts-heading" data-testid="unacked-alerts">
      <div className="unacked-alerts__heading">
        <h2 id="unacked-alerts-heading">Unacknowledged alerts</h2>
        {open.length > 0 && (
          <span className="unacked-alerts__count" data-testid="unacked-count">
            {open.length}
            {more ? '+' : ''}
          </span>
        )}
        <a href="/alerts" onClick={followLink}>
          All alerts<span className="visually-hidden"> and rules</span>
        </a>
      </div>
      {history.isError && <ErrorMessage error={history.error} prefix="Could not load alerts" />}
      {history.isSuccess && open.length === 0 && <p className="muted unacked-alerts__none">No unacknowledged alerts.</p>}
      {open.length > 0 && (
        <ul className="unacked-alerts__list">
          {open.slice(0, SHOWN).map((alert) => (
            <li key={alert.id} className={`unacked-alert unacked-alert--${alert.severity}`} data-testid="unacked-alert">
              <div className="unacked-alert__meta">
                <SeverityLabel severity={alert.severity} />
                <span className="unacked-alert__rule">{alert.ruleName}</span>
                <TimeAgo iso={alert.firedAt} />
              </div>
              <button type="button" className="unacked-alert__story" dir="auto" onClick={() => onOpenStory(alert.storyId)}>
                {alert.storyTitle}
              </button>
              {canAcknowledge && <AcknowledgeButton alert={alert} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
