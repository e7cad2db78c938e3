import { plural } from '../../../lib/format';

/** Appears above the list when live stories wait; the list itself stays where the reader left it. */
export function NewStoriesBar({ count, overflowed, onReveal }: { count: number; overflowed: boolean; onReveal: () => void }) {
  if (count === 0) return null;
  const label = overflowed ? `More than ${plural(count, 'new story', 'new stories')}` : plural(count, 'new story', 'new stories');
  return (
    <div className="new-stories-bar" role="status" aria-live="polite">
      <button type="button" data-testid="new-stories-bar" onClick={onReveal}>
        <span aria-hidden="true">↑ </span>
        {label}: show
      </button>
    </div>
  );
}
