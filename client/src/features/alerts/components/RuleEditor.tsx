import type { AlertRule, AlertSeverity } from '@sentinel/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { describeError } from '../../../lib/api-client';
import { useCreateRule, useUpdateRule } from '../api/rules';
import { locateServerQueryError } from '../hooks/query-check';
import { changedFields, draftFromRule, draftToRequest, NEW_RULE_DRAFT, type RuleDraft, type RuleDraftProblem } from '../hooks/rule-draft';
import { useRuleQueryCheck } from '../hooks/useRuleQueryCheck';
import { ChannelPicker } from './ChannelPicker';
import { RuleModeFields } from './RuleModeFields';
import { RulePreview } from './RulePreview';
import { focusQueryAt, RuleQueryField } from './RuleQueryField';
import { SEVERITY } from './SeverityLabel';

interface RuleEditorProps {
  /** null: a new rule. */
  rule: AlertRule | null;
  onClose: () => void;
  onSaved: (rule: AlertRule, outcome: 'created' | 'updated' | 'unchanged') => void;
}

/** Creates or edits one rule. The query is checked as it is typed; the server's answer is shown as sent. */
export function RuleEditor({ rule, onClose, onSaved }: RuleEditorProps) {
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftFromRule(rule) : NEW_RULE_DRAFT));
  const [problems, setProblems] = useState<RuleDraftProblem[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const queryRef = useRef<HTMLTextAreaElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const check = useRuleQueryCheck(draft.query);
  const create = useCreateRule();
  const update = useUpdateRule();
  const save = rule ? update : create;

  // Opening the editor moves focus to it, so keyboard and screen-reader users land where they work.
  useEffect(() => headingRef.current?.focus(), []);

  const change = (patch: Partial<RuleDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setProblems((current) => current.filter((problem) => !(problem.field in patch)));
  };
  const problemOf = (field: RuleDraftProblem['field']) => problems.find((problem) => problem.field === field)?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const result = draftToRequest(draft);
    setProblems(result.ok ? [] : result.problems);
    if (check.status !== 'valid') {
      queryRef.current?.focus();
      return;
    }
    if (!result.ok) return;
    if (!rule) {
      create.mutate(result.request, { onSuccess: (saved) => onSaved(saved, 'created') });
      return;
    }
    const changes = changedFields(rule, result.request);
    if (Object.keys(changes).length === 0) onSaved(rule, 'unchanged');
    else update.mutate({ id: rule.id, changes }, { onSuccess: (saved) => onSaved(saved, 'updated') });
  };

  const serverError = save.isError ? describeError(save.error) : null;
  const serverQueryAt = serverError ? locateServerQueryError(serverError) : null;

  return (
    <form className="rule-form" data-testid="rule-form" onSubmit={submit} aria-labelledby="rule-form-heading" noValidate>
      <h2 id="rule-form-heading" ref={headingRef} tabIndex={-1}>
        {rule ? `Edit rule “${rule.name}”` : 'New rule'}
      </h2>
      <div className="rule-form__field">
        <label htmlFor="rule-name">Rule name</label>
        <input
          id="rule-name"
          value={draft.name}
          maxLength={200}
          aria-invalid={problemOf('name') ? true : undefined}
          aria-describedby={problemOf('name') ? 'rule-name-problem' : undefined}
          onChange={(event) => change({ name: event.target.value })}
        />
        {problemOf('name') && (
          <p id="rule-name-problem" className="field-problem">
            <span aria-hidden="true">⚠ </span>
            {problemOf('name')}
          </p>
        )}
      </div>
      <RuleQueryField value={draft.query} onChange={(query) => change({ query })} check={check} submitted={submitted} inputRef={queryRef} />
      <RuleModeFields draft={draft} onChange={change} problemOf={problemOf} />
      <div className="rule-form__row">
        <div className="rule-form__field">
          <label htmlFor="rule-severity">Severity</label>
          <select id="rule-severity" value={draft.severity} onChange={(event) => change({ severity: event.target.value as AlertSeverity })}>
            {(Object.keys(SEVERITY) as AlertSeverity[]).map((severity) => (
              <option key={severity} value={severity}>
                {SEVERITY[severity].label}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={draft.enabled} onChange={(event) => change({ enabled: event.target.checked })} />
          Enabled
        </label>
      </div>
      <div className="rule-form__field">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.followUpOnCorroboration}
            aria-describedby="rule-follow-up-hint"
            onChange={(event) => change({ followUpOnCorroboration: event.target.checked })}
          />
          Follow up when corroborated
        </label>
        <p id="rule-follow-up-hint" className="hint">
          If the rule fires for an event with a single source, send one more alert when other outlets confirm it.
        </p>
      </div>
      <ChannelPicker selected={draft.channels} onChange={(channels) => change({ channels })} />
      <RulePreview draft={draft} queryValid={check.status === 'valid'} />
      <div className="rule-form__actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : rule ? 'Save changes' : 'Create rule'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      <div aria-live="polite">
        {serverError && (
          <div className="error-message" role="alert" data-testid="rule-form-error">
            <span aria-hidden="true">⚠ </span>
            {serverError}
            {serverQueryAt && (
              <button type="button" className="rule-form__goto" onClick={() => focusQueryAt(queryRef.current, serverQueryAt.line, serverQueryAt.column)}>
                Show in query
              </button>
            )}
          </div>
        )}
      </div>
    </form>
  );
}
