import { ErrorMessage } from '../../../components/ErrorMessage';
import { plural } from '../../../lib/format';
import { useAlertChannels } from '../api/channels';
import { useAlertRules } from '../api/rules';
import { RuleRow } from './RuleRow';

interface RuleListProps {
  onNew: () => void;
  onEdit: (id: number) => void;
  onShowAlerts: (id: number) => void;
  /** A sentence about the last save, announced politely. */
  notice: string | null;
}

export function RuleList({ onNew, onEdit, onShowAlerts, notice }: RuleListProps) {
  const rules = useAlertRules();
  const channels = useAlertChannels();
  return (
    <section className="alerts-panel rule-list" aria-labelledby="rule-list-heading">
      <div className="panel-heading">
        <h2 id="rule-list-heading">Rules</h2>
        <span className="panel-heading__note">{rules.data ? plural(rules.data.length, 'rule') : ''}</span>
        <button type="button" className="panel-heading__action" onClick={onNew}>
          New rule
        </button>
      </div>
      <p className="success-message" role="status" aria-live="polite">
        {notice && (
          <>
            <span aria-hidden="true">✓ </span>
            {notice}
          </>
        )}
      </p>
      {rules.isPending && <p className="muted">Loading rules…</p>}
      {rules.isError && <ErrorMessage error={rules.error} prefix="Could not load alert rules" />}
      {rules.data?.length === 0 && <p className="muted">No rules yet. A rule watches every new story for the words, places and topics you name.</p>}
      {rules.data && rules.data.length > 0 && (
        <ul className="rule-list__items">
          {rules.data.map((rule) => (
            <RuleRow key={rule.id} rule={rule} channels={channels.data} onEdit={onEdit} onShowAlerts={onShowAlerts} />
          ))}
        </ul>
      )}
    </section>
  );
}
