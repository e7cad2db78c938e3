import type { AlertMode } from '@sentinel/shared';
import type { RuleDraft, RuleDraftField } from '../hooks/rule-draft';
import { modeUsesWindow } from '../hooks/rule-draft';

const MODES: { id: AlertMode; label: string; hint: string }[] = [
  { id: 'each', label: 'Each event', hint: 'The first matching story of each event fires; later reports of that event attach to its alert.' },
  { id: 'threshold', label: 'Threshold', hint: 'Fires when this many matching stories arrive within the window.' },
  { id: 'spike', label: 'Spike', hint: 'Fires when matching volume in the window is well above its own recent baseline, with at least this many stories.' },
];

interface RuleModeFieldsProps {
  draft: RuleDraft;
  onChange: (patch: Partial<RuleDraft>) => void;
  problemOf: (field: RuleDraftField) => string | undefined;
}

function NumberField(props: { id: string; label: string; value: string; onChange: (value: string) => void; problem?: string; min: number; step: string }) {
  const problemId = `${props.id}-problem`;
  return (
    <div className="rule-form__field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="decimal"
        min={props.min}
        step={props.step}
        value={props.value}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={props.problem ? problemId : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.problem && (
        <p id={problemId} className="field-problem">
          <span aria-hidden="true">⚠ </span>
          {props.problem}
        </p>
      )}
    </div>
  );
}

/** Mode, and for threshold and spike the count and window they need; the cooldown applies to all. */
export function RuleModeFields({ draft, onChange, problemOf }: RuleModeFieldsProps) {
  return (
    <>
      <fieldset className="rule-form__modes">
        <legend>Fires on</legend>
        {MODES.map((mode) => (
          <div key={mode.id} className="rule-form__mode">
            <input
              type="radio"
              id={`rule-mode-${mode.id}`}
              name="rule-mode"
              value={mode.id}
              checked={draft.mode === mode.id}
              aria-describedby={`rule-mode-${mode.id}-hint`}
              onChange={() => onChange({ mode: mode.id })}
            />
            <label htmlFor={`rule-mode-${mode.id}`}>{mode.label}</label>
            <span id={`rule-mode-${mode.id}-hint`} className="muted">
              {mode.hint}
            </span>
          </div>
        ))}
      </fieldset>
      <div className="rule-form__numbers">
        {modeUsesWindow(draft.mode) && (
          <>
            <NumberField
              id="rule-threshold"
              label={draft.mode === 'spike' ? 'At least this many stories' : 'Number of stories'}
              value={draft.threshold}
              min={1}
              step="1"
              problem={problemOf('threshold')}
              onChange={(threshold) => onChange({ threshold })}
            />
            <NumberField
              id="rule-window"
              label="Window (minutes)"
              value={draft.windowMinutes}
              min={1}
              step="any"
              problem={problemOf('windowMinutes')}
              onChange={(windowMinutes) => onChange({ windowMinutes })}
            />
          </>
        )}
        <NumberField
          id="rule-cooldown"
          label="Cooldown (minutes)"
          value={draft.cooldownMinutes}
          min={0}
          step="any"
          problem={problemOf('cooldownMinutes')}
          onChange={(cooldownMinutes) => onChange({ cooldownMinutes })}
        />
        <p className="hint">After the rule fires, matching stories of other events within the cooldown attach to that alert instead of firing again.</p>
      </div>
    </>
  );
}
