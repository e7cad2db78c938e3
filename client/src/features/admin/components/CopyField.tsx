import { useRef, useState } from 'react';

/** A read-only value with a Copy button; says in words whether copying worked. */
export function CopyField({ id, label, value, testId }: { id: string; label: string; value: string; testId?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // No clipboard access (plain http, a policy): select it so Ctrl-C works.
      input.current?.select();
      setCopied('no');
    }
  };
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <input id={id} ref={input} readOnly value={value} data-testid={testId} onFocus={(event) => event.target.select()} spellCheck={false} />
        <button type="button" onClick={() => void copy()}>
          Copy<span className="visually-hidden"> {label}</span>
        </button>
      </div>
      <p className="hint" role="status" aria-live="polite">
        {copied === 'yes' && 'Copied.'}
        {copied === 'no' && 'Could not copy by itself: the text is selected, press Ctrl-C (⌘-C).'}
      </p>
    </div>
  );
}
