import type { CreatedToken, TokenRole } from '@sentinel/shared';
import { useEffect, useRef } from 'react';
import { wallLink } from '../api/tokens';
import { CopyField } from './CopyField';

/** The secret, shown once right after creation: the server keeps only its hash. */
export function NewTokenSecret({ created, name, role, onDismiss }: { created: CreatedToken; name: string; role: TokenRole; onDismiss: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus moves here once, so a screen reader announces the one-time secret.
  useEffect(() => heading.current?.focus(), [created.id]);
  return (
    <section className="panel new-token" aria-labelledby="new-token-heading" data-testid="new-token">
      <h2 id="new-token-heading" tabIndex={-1} ref={heading}>
        Token “{name}” created
      </h2>
      <p className="new-token__warning">
        <span aria-hidden="true">⚠ </span>Copy it now: it is shown only this once. If it is lost, revoke it and create another.
      </p>
      <CopyField id="new-token-secret" label="Token" value={created.token} testId="new-token-secret" />
      {role === 'wall' && (
        <CopyField id="new-token-link" label="Wall link (open it on the screen)" value={wallLink(window.location.origin, created.token)} testId="new-token-link" />
      )}
      {role !== 'wall' && <p className="hint">Send it as the header “Authorization: Bearer &lt;token&gt;”.</p>}
      <button type="button" onClick={onDismiss}>
        Done: I have copied it
      </button>
    </section>
  );
}
