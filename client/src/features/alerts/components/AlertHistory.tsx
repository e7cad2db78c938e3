import type { AlertRule } from '@sentinel/shared';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { plural } from '../../../lib/format';
import type { AlertHistoryFilter } from '../api/alert-cache';
import { useAlertHistory } from '../api/alerts';
import { AlertRow } from './AlertRow';

interface AlertHistoryProps {
  filter: AlertHistoryFilter;
  onFilterChange: (filter: AlertHistoryFilter) => void;
  /** Undefined when the reader may not list rules (viewers): no rule picker then. */
  rules: AlertRule[] | undefined;
  /** Analysts and admins acknowledge; viewers read. */
  canAcknowledge: boolean;
}

const ACK_OPTIONS = [
  { value: '', label: 'All alerts' },
  { value: 'false', label: 'Not acknowledged' },
  { value: 'true', label: 'Acknowledged' },
];

/** Every alert fired, newest first, one keyset page at a time; new ones appear on top as they fire. */
export function AlertHistory({ filter, onFilterChange, rules, canAcknowledge }: AlertHistoryProps) {
  const history = useAlertHistory(filter);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = history;
  const ruleMissing = filter.ruleId !== null && rules !== undefined && !rules.some((rule) => rule.id === filter.ruleId);
  return (
    <section className="alerts-panel alert-history" aria-labelledby="alert-history-heading" data-testid="alert-history">
      <div className="panel-heading">
        <h2 id="alert-history-heading">Alert history</h2>
        <span className="panel-heading__note" aria-live="polite">
          {history.isSuccess ? `${plural(history.alerts.length, 'alert')} shown${hasNextPage ? ', more below' : ''}` : ''}
        </span>
      </div>
      <div className="alert-history__filters">
        {(rules !== undefined || filter.ruleId !== null) && (
          <>
            <label htmlFor="alert-history-rule">Rule</label>
            <select
              id="alert-history-rule"
              value={filter.ruleId ?? ''}
              onChange={(event) => onFilterChange({ ...filter, ruleId: event.target.value ? Number(event.target.value) : null })}
            >
              <option value="">All rules</option>
              {rules?.map((rule) => (
                <option key={rule.id} value={rule.id}>
                  {rule.name}
                </option>
              ))}
              {(ruleMissing || (rules === undefined && filter.ruleId !== null)) && (
                <option value={filter.ruleId ?? ''}>Rule #{filter.ruleId}{ruleMissing ? ' (deleted)' : ''}</option>
              )}
            </select>
          </>
        )}
        <label htmlFor="alert-history-ack">Status</label>
        <select
          id="alert-history-ack"
          value={filter.acknowledged === null ? '' : String(filter.acknowledged)}
          onChange={(event) => onFilterChange({ ...filter, acknowledged: event.target.value === '' ? null : event.target.value === 'true' })}
        >
          {ACK_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      {history.isPending && <p className="muted">Loading alerts…</p>}
      {history.isError && !history.isFetchNextPageError && <ErrorMessage error={history.error} prefix="Could not load alerts" />}
      {history.isSuccess && history.alerts.length === 0 && <p className="muted">No alerts match.</p>}
      <ol className="alert-history__list" aria-label="Alerts, newest first">
        {history.alerts.map((alert) => (
          <AlertRow key={alert.id} alert={alert} canAcknowledge={canAcknowledge} />
        ))}
      </ol>
      <div className="alert-history__end">
        {hasNextPage && (
          <button type="button" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? 'Loading older alerts…' : 'Load older alerts'}
          </button>
        )}
        {history.isFetchNextPageError && <ErrorMessage error={history.error} prefix="Could not load older alerts" />}
      </div>
    </section>
  );
}
