import { describeError } from '../lib/api-client';

export function ErrorMessage({ error, prefix, testId }: { error: unknown; prefix?: string; testId?: string }) {
  return (
    <p className="error-message" role="alert" data-testid={testId}>
      <span aria-hidden="true">⚠ </span>
      {prefix ? `${prefix}: ` : ''}
      {describeError(error)}
    </p>
  );
}
