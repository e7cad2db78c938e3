import type { AlertRule } from '@sentinel/shared';
import { useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { useDeleteRule, useMuteRule, useSnoozeRule, useUpdateRule } from '../api/rules';

const SNOOZES = [
  { minutes: 60, label: '1 h', spoken: '1 hour' },
  { minutes: 8 * 60, label: '8 h', spoken: '8 hours' },
  { minutes: 24 * 60, label: '24 h', spoken: '24 hours' },
];

interface RuleActionsProps {
  rule: AlertRule;
  onEdit: () => void;
  onShowAlerts: () => void;
}

/**
 * A rule's buttons. Each names its rule for screen readers, since a list holds many "Mute" buttons.
 * Snoozing again replaces the end time; the API has no way to end a snooze early yet.
 */
export function RuleActions({ rule, onEdit, onShowAlerts }: RuleActionsProps) {
  const update = useUpdateRule();
  const mute = useMuteRule();
  const snooze = useSnoozeRule();
  const remove = useDeleteRule();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const busy = update.isPending || mute.isPending || snooze.isPending || remove.isPending;
  const failure = update.error ?? mute.error ?? snooze.error ?? remove.error;
  const name = <span className="visually-hidden"> rule {rule.name}</span>;

  return (
    <div className="rule-row__actions">
      <button type="button" onClick={onEdit}>
        Edit{name}
      </button>
      <button type="button" onClick={onShowAlerts}>
        Show alerts<span className="visually-hidden"> of rule {rule.name}</span>
      </button>
      <button type="button" disabled={busy} onClick={() => update.mutate({ id: rule.id, changes: { enabled: !rule.enabled } })}>
        {rule.enabled ? 'Disable' : 'Enable'}
        {name}
      </button>
      <button type="button" disabled={busy} onClick={() => mute.mutate({ id: rule.id, muted: !rule.muted })}>
        {rule.muted ? 'Unmute' : 'Mute'}
        {name}
      </button>
      <div role="group" aria-label={`Snooze rule ${rule.name}`} className="rule-row__snooze">
        <span aria-hidden="true">Snooze:</span>
        {SNOOZES.map((option) => (
          <button key={option.minutes} type="button" disabled={busy} onClick={() => snooze.mutate({ id: rule.id, minutes: option.minutes })}>
            <span aria-hidden="true">{option.label}</span>
            <span className="visually-hidden">for {option.spoken}</span>
          </button>
        ))}
      </div>
      {confirmingDelete ? (
        <div role="group" aria-label={`Confirm deleting rule ${rule.name}`} className="rule-row__confirm">
          <span>Delete this rule and stop its alerts?</span>
          <button type="button" className="button-danger" disabled={busy} onClick={() => remove.mutate(rule.id)}>
            Delete{name}
          </button>
          <button type="button" onClick={() => setConfirmingDelete(false)} autoFocus>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" className="button-danger" onClick={() => setConfirmingDelete(true)}>
          Delete…{name}
        </button>
      )}
      <p className="rule-row__result" role="status" aria-live="polite">
        {failure && `Could not change the rule: ${describeError(failure)}`}
      </p>
    </div>
  );
}
