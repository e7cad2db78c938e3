import type { PreviewRequest } from '@sentinel/shared';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatCount, formatDateTime, plural } from '../../../lib/format';
import { storyHref } from '../../../lib/url-state';
import { usePreviewRule } from '../api/rules';
import { draftToPreview, PREVIEW_RANGES, type PreviewRangeId, type RuleDraft } from '../hooks/rule-draft';

const SHOWN = 100;

/** What a preview depends on, without `since` (which moves with the clock). */
function previewShape(request: PreviewRequest | null | undefined): string {
  if (!request) return '';
  const { since: _since, ...rest } = request;
  return JSON.stringify(rest);
}

/** The backtest: how often the rule as drafted would have fired over stored stories, and on which. */
export function RulePreview({ draft, queryValid }: { draft: RuleDraft; queryValid: boolean }) {
  const [range, setRange] = useState<PreviewRangeId>('7d');
  const preview = usePreviewRule();
  const current = draftToPreview(draft, range, Date.now());
  const canRun = queryValid && current !== null;
  const stale = preview.isSuccess && previewShape(preview.variables) !== previewShape(current);
  const run = () => {
    const request = draftToPreview(draft, range, Date.now());
    if (request) preview.mutate(request);
  };

  return (
    <section className="rule-preview" data-testid="rule-preview" aria-labelledby="rule-preview-heading">
      <h3 id="rule-preview-heading">Preview on stored stories</h3>
      <p className="hint">Once per event, as live alerts fire. Event conditions such as sources&gt;=3 are checked against each event as it is now.</p>
      <div className="rule-preview__controls">
        <label htmlFor="rule-preview-range">Period</label>
        <select id="rule-preview-range" value={range} onChange={(event) => setRange(event.target.value as PreviewRangeId)}>
          {PREVIEW_RANGES.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={run} disabled={!canRun || preview.isPending}>
          {preview.isPending ? 'Running preview…' : 'Preview'}
        </button>
        {!canRun && <span className="muted">Fix the query and numbers above to preview.</span>}
      </div>
      <div aria-live="polite" className="rule-preview__result">
        {preview.isError && <ErrorMessage error={preview.error} prefix="Preview failed" />}
        {preview.isSuccess && (
          <>
            <p className="rule-preview__summary" data-testid="rule-preview-summary">
              <strong>Would have fired {plural(preview.data.wouldFire, 'time')}</strong>
              {` since ${formatDateTime(preview.variables?.since ?? null)}: `}
              {formatCount(preview.data.matched)} of {plural(preview.data.scanned, 'stored story', 'stored stories')} matched.
            </p>
            {stale && (
              <p className="rule-preview__stale">
                <span aria-hidden="true">↻ </span>The rule has changed since this preview; run it again to see the effect.
              </p>
            )}
            {preview.data.alerts.length > 0 && (
              <ol className="rule-preview__list" aria-label="Alerts the rule would have fired, newest first">
                {preview.data.alerts.slice(0, SHOWN).map((alert) => (
                  <li key={`${alert.storyId}-${alert.firedAt}`}>
                    <time dateTime={alert.firedAt}>{formatDateTime(alert.firedAt)}</time>{' '}
                    <a href={storyHref(alert.storyId)} target="_blank" rel="noopener" dir="auto">
                      {alert.storyTitle}
                      <span className="visually-hidden"> (opens in a new tab)</span>
                    </a>
                    {alert.attached > 0 && <span className="muted"> +{plural(alert.attached, 'later story', 'later stories')} attached</span>}
                  </li>
                ))}
              </ol>
            )}
            {preview.data.alerts.length > SHOWN && <p className="muted">and {formatCount(preview.data.alerts.length - SHOWN)} more.</p>}
          </>
        )}
      </div>
    </section>
  );
}
