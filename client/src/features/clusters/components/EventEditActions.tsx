import type { ClusterDetail } from '@sentinel/shared';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { eventHref, followLink, navigate } from '../../../lib/url-state';
import { useMergeCluster, useSplitCluster } from '../api/clusters';

interface EventEditActionsProps {
  cluster: ClusterDetail;
  /** Stories chosen in the timeline to split out. */
  selected: ReadonlySet<number>;
  onSplitDone: () => void;
}

/** Analysts correct the grouping: merge this event into another, or split chosen stories out. The server keeps the choice and audits it. */
export function EventEditActions({ cluster, selected, onSplitDone }: EventEditActionsProps) {
  const merge = useMergeCluster(cluster.id);
  const split = useSplitCluster(cluster.id);
  const [into, setInto] = useState('');
  const [splitInto, setSplitInto] = useState<number | null>(null);
  const target = Number(into);
  const validTarget = Number.isInteger(target) && target > 0 && target !== cluster.id;
  // Splitting out every story would leave an empty event: the server refuses, so the button does too.
  const canSplit = selected.size > 0 && selected.size < cluster.stories.length;

  const onMerge = (event: FormEvent) => {
    event.preventDefault();
    if (!validTarget) return;
    merge.mutate(target, { onSuccess: (merged) => navigate(eventHref(merged?.id ?? target)) });
  };
  const onSplit = () =>
    split.mutate([...selected], {
      onSuccess: (created) => {
        setSplitInto(created?.id ?? null);
        onSplitDone();
      },
    });

  return (
    <section className="event-edit" aria-labelledby="event-edit-title">
      <h3 id="event-edit-title">Correct the grouping</h3>
      <form className="event-edit__merge" onSubmit={onMerge}>
        <label htmlFor="merge-into">Merge this event into event #</label>
        <input id="merge-into" inputMode="numeric" pattern="[0-9]*" value={into} onChange={(event) => setInto(event.target.value.trim())} size={8} />
        <button type="submit" disabled={!validTarget || merge.isPending}>
          {merge.isPending ? 'Merging…' : 'Merge'}
        </button>
        {into !== '' && !validTarget && <span className="field-problem">Give the number of another event.</span>}
      </form>
      {merge.error && <ErrorMessage error={merge.error} prefix="Could not merge" />}
      <p className="event-edit__split">
        <button type="button" onClick={onSplit} disabled={!canSplit || split.isPending}>
          {split.isPending ? 'Splitting…' : `Split ${selected.size === 1 ? '1 chosen story' : `${selected.size} chosen stories`} into a new event`}
        </button>{' '}
        <span className="muted">Tick “Split out” on the stories below.</span>
      </p>
      {split.error && <ErrorMessage error={split.error} prefix="Could not split" />}
      {splitInto !== null && (
        <p role="status">
          Split into{' '}
          <a href={eventHref(splitInto)} onClick={followLink}>
            event #{splitInto}
          </a>
          .
        </p>
      )}
    </section>
  );
}
