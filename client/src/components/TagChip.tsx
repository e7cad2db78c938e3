/** A region or topic label. The text is always there; colour only groups chips of one kind. */
export function TagChip({ kind, label, code, title }: { kind: 'region' | 'topic'; label: string; code?: string; title?: string }) {
  return (
    <span className={`chip chip--${kind}`} title={title ?? label} data-tag={code ?? label}>
      {label}
    </span>
  );
}
