import { useState } from 'react';

interface ConfirmActionProps {
  /** The first button: "Delete…". */
  label: string;
  /** What is at stake, asked before doing it: "Delete this user?" */
  question: string;
  /** The second button, which does it: "Delete". */
  confirmLabel: string;
  /** Read after each button by screen readers, since a list holds many of them: "user ana@example.org". */
  subject: string;
  busy?: boolean;
  onConfirm: () => void;
}

/** A destructive action in two steps, inline: no modal to trap focus, "Keep it" gets focus. */
export function ConfirmAction({ label, question, confirmLabel, subject, busy = false, onConfirm }: ConfirmActionProps) {
  const [confirming, setConfirming] = useState(false);
  const name = <span className="visually-hidden"> {subject}</span>;
  if (!confirming) {
    return (
      <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
        {label}
        {name}
      </button>
    );
  }
  return (
    <span role="group" aria-label={`Confirm: ${question}`} className="confirm-action">
      <span>{question}</span>{' '}
      <button type="button" className="button-danger" disabled={busy} onClick={onConfirm}>
        {confirmLabel}
        {name}
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)} autoFocus>
        Keep it
      </button>
    </span>
  );
}
