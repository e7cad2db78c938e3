import type { Alert } from '@sentinel/shared';
import { memo } from 'react';
import { TimeAgo } from '../../../components/TimeAgo';
import { describeError } from '../../../lib/api-client';
import { plural } from '../../../lib/format';
import { followLink, storyHref } from '../../../lib/url-state';
import { useAcknowledgeAlert } from '../api/alerts';
import { AlertSources } from './AlertSources';
import { DeliveryList } from './DeliveryList';
import { SeverityLabel } from './SeverityLabel';

export function AcknowledgeButton({ alert }: { alert: Alert }) {
  const acknowledge = useAcknowledgeAlert();
  return (
    <>
      <button type="button" data-testid="ack-button" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate(alert.id)}>
        {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}
        <span className="visually-hidden"> alert: {alert.storyTitle}</span>
      </button>
      {acknowledge.isError && (
        <span className="field-problem" role="alert">
          Could not acknowledge: {describeError(acknowledge.error)}
        </span>
      )}
    </>
  );
}

export const AlertRow = memo(function AlertRow({ alert, canAcknowledge }: { alert: Alert; canAcknowledge: boolean }) {
  const acknowledged = alert.acknowledgedAt !== null;
  return (
    <li
      className={`alert-row alert-row--${alert.severity}${acknowledged ? ' alert-row--acknowledged' : ''}`}
      data-testid="alert-row"
      data-alert-id={alert.id}
      data-acknowledged={acknowledged}
    >
      <div className="alert-row__head">
        <SeverityLabel severity={alert.severity} />
        <span className="alert-row__rule">{alert.ruleName}</span>
        {alert.followUpOf !== null && (
          <span className="alert-row__follow-up" data-testid="alert-follow-up">
            <span aria-hidden="true">↻ </span>Follow-up: now corroborated<span className="visually-hidden"> (to alert #{alert.followUpOf})</span>
          </span>
        )}
        <TimeAgo iso={alert.firedAt} />
      </div>
      <p className="alert-row__story">
        <a href={storyHref(alert.storyId)} onClick={followLink} dir="auto">
          {alert.storyTitle}
        </a>
        {alert.storyUrl && (
          <>
            {' '}
            <a href={alert.storyUrl} target="_blank" rel="noopener noreferrer" className="alert-row__original">
              original<span className="visually-hidden"> article (opens in a new tab)</span> ↗
            </a>
          </>
        )}
        {alert.attachedStoryIds.length > 0 && (
          <span className="muted"> · +{plural(alert.attachedStoryIds.length, 'later story', 'later stories')} attached</span>
        )}
      </p>
      <AlertSources alert={alert} />
      <DeliveryList deliveries={alert.deliveries} />
      <div className="alert-row__ack">
        {acknowledged ? (
          <span className="alert-row__acknowledged">
            <span aria-hidden="true">✓ </span>Acknowledged <TimeAgo iso={alert.acknowledgedAt} />
          </span>
        ) : canAcknowledge ? (
          <AcknowledgeButton alert={alert} />
        ) : (
          <span className="muted">Not acknowledged</span>
        )}
      </div>
    </li>
  );
});
