import type { RefObject } from 'react';
import { offsetOf, queryErrorExcerpt, type QueryCheck } from '../hooks/query-check';

interface RuleQueryFieldProps {
  value: string;
  onChange: (query: string) => void;
  check: QueryCheck;
  /** After a save attempt an empty query is an error, not a blank slate. */
  submitted: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/** Puts the cursor on a line and column of the query, for "Go to error" and the server's messages. */
export function focusQueryAt(input: HTMLTextAreaElement | null, line: number, column: number): void {
  if (!input) return;
  const offset = offsetOf(input.value, line, column);
  input.focus();
  input.setSelectionRange(offset, Math.min(offset + 1, input.value.length));
}

/** The query textarea with its live check: the parser's message, the line with a caret under the column. */
export function RuleQueryField({ value, onChange, check, submitted, inputRef }: RuleQueryFieldProps) {
  const showEmpty = check.status === 'empty' && submitted;
  const invalid = check.status === 'invalid' || showEmpty;
  const excerpt = check.status === 'invalid' ? queryErrorExcerpt(value, check.error.line, check.error.column) : null;
  return (
    <div className="rule-query">
      <label htmlFor="rule-query">Query</label>
      <textarea
        id="rule-query"
        ref={inputRef}
        data-testid="rule-query-input"
        className="rule-query__input"
        value={value}
        rows={3}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        placeholder={'"prison break" OR (escape* NEAR/5 prison) region:middle-east'}
        aria-invalid={invalid}
        aria-describedby="rule-query-status"
        onChange={(event) => onChange(event.target.value)}
      />
      <div id="rule-query-status" className="rule-query__status">
        {check.status === 'invalid' && excerpt && (
          <div className="rule-query__error" data-testid="rule-query-error" data-line={check.error.line} data-column={check.error.column}>
            <p className="field-problem">
              <span aria-hidden="true">⚠ </span>
              {check.error.message}
            </p>
            <pre className="rule-query__excerpt" aria-hidden="true">
              {excerpt.text}
              {'\n'}
              {excerpt.caretIndent}^
            </pre>
            <button type="button" onClick={() => focusQueryAt(inputRef.current, check.error.line, check.error.column)}>
              Go to line {check.error.line}, column {check.error.column}
            </button>
          </div>
        )}
        {showEmpty && (
          <p className="field-problem" data-testid="rule-query-error">
            <span aria-hidden="true">⚠ </span>Write a query: a word, a "phrase" or a field such as topic:prison-break.
          </p>
        )}
        {check.status === 'valid' && (
          <p className="success-message rule-query__ok">
            <span aria-hidden="true">✓ </span>The query is valid.
          </p>
        )}
      </div>
      <QuerySyntaxHelp />
    </div>
  );
}

function QuerySyntaxHelp() {
  return (
    <details id="rule-query-help" className="rule-query__help">
      <summary>How to write a query</summary>
      <ul>
        <li>
          <code>prison escape</code> both words (AND is implied); <code>prison OR jail</code> either; <code>NOT hoax</code> or{' '}
          <code>-hoax</code> excludes.
        </li>
        <li>
          <code>"prison break"</code> exact phrase; <code>escap*</code> any word starting with “escap”; <code>( … )</code> groups.
        </li>
        <li>
          <code>detainees NEAR/5 transfer</code> the two within 5 words of each other.
        </li>
        <li>
          Fields: <code>region:SY</code>, <code>region:middle-east</code>, <code>topic:prison-break</code>,{' '}
          <code>source:"Feed title"</code>, <code>title:escape</code> (title only).
        </li>
        <li>Case and accents do not matter: <code>hassakeh</code> matches “Hassakéh”.</li>
      </ul>
    </details>
  );
}
