import type { ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';

/**
 * What a form says after a submit, in one live region: the form's own check (`problem`), the
 * server's refusal (`error`, with what was being done as `errorPrefix`), or the success message.
 */
export function FormOutcome({
  problem,
  error,
  errorPrefix,
  success,
  live = 'polite',
}: {
  problem: string | null;
  /** The mutation's error when it failed, else null or undefined. */
  error?: unknown;
  errorPrefix: string;
  /** Shown when given (the caller passes it only after a success). */
  success?: ReactNode;
  live?: 'polite' | 'assertive';
}) {
  return (
    <div aria-live={live}>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      {error ? <ErrorMessage error={error} prefix={errorPrefix} /> : null}
      {success ? (
        <p className="success-message" role="status">
          <span aria-hidden="true">✓ </span>
          {success}
        </p>
      ) : null}
    </div>
  );
}
