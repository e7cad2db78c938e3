import type { AlertRule } from '@sentinel/shared';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useAlertRules } from '../api/rules';
import type { RuleEditTarget } from '../hooks/alerts-page-params';
import { RuleEditor } from './RuleEditor';

interface RuleEditorPanelProps {
  target: Exclude<RuleEditTarget, null>;
  onClose: () => void;
  onSaved: (rule: AlertRule, outcome: 'created' | 'updated' | 'unchanged') => void;
}

/** Finds the rule named in the URL and opens the editor on it; a fresh editor for each rule. */
export function RuleEditorPanel({ target, onClose, onSaved }: RuleEditorPanelProps) {
  const rules = useAlertRules();
  if (target.kind === 'new') {
    return (
      <div className="alerts-panel">
        <RuleEditor key="new" rule={null} onClose={onClose} onSaved={onSaved} />
      </div>
    );
  }
  const rule = rules.data?.find((item) => item.id === target.id);
  return (
    <div className="alerts-panel">
      {rules.isPending && <p className="muted">Loading rule…</p>}
      {rules.isError && <ErrorMessage error={rules.error} prefix="Could not load the rule" />}
      {rules.isSuccess && !rule && (
        <p role="alert">
          Rule #{target.id} does not exist any more. <button type="button" onClick={onClose}>Close</button>
        </p>
      )}
      {/* Keyed by id and not by the cached object: a refetch must not wipe what is being typed. */}
      {rule && <RuleEditor key={rule.id} rule={rule} onClose={onClose} onSaved={onSaved} />}
    </div>
  );
}
