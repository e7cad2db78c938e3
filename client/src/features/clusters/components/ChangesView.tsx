import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDateTime, plural } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import type { EventChange } from '../api/changes';
import { isClustersApiMissing } from '../api/clusters';
import { useChangesSinceLastVisit } from '../hooks/useChangesSinceLastVisit';
import { EventLine } from './EventLine';
import { HeadlineLanguagePicker } from './HeadlineLanguagePicker';

function ChangeGroup({ title, changes, describe, now, id }: { id: string; title: string; changes: EventChange[]; describe: (change: EventChange) => string; now: number }) {
  return (
    <section className="changes-group" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>
        {title} ({changes.length})
      </h2>
      {changes.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="event-list">
          {changes.map((change) => (
            <EventLine key={change.cluster.id} cluster={change.cluster} now={now} variant="workspace" note={describe(change)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function sourcesChange({ cluster, before, newOutlets }: EventChange): string {
  const was = before ? `was ${plural(before.outlets, 'source')}, now ${cluster.sources.outlets}` : `now ${plural(cluster.sources.outlets, 'source')}`;
  return newOutlets.length > 0 ? `${was}; new: ${newOutlets.join(', ')}` : was;
}

function figuresChange({ cluster, before }: EventChange): string {
  const now = cluster.conflicts.map((conflict) => `${conflict.what} ${conflict.values.map((value) => value.text).join(' / ')}`).join('; ');
  return before?.figures ? `was ${before.figures.replace(/\|/g, '; ')}; now ${now || 'no conflict'}` : `now ${now}`;
}

const otherChange = ({ cluster }: EventChange) => `updated ${formatDateTime(cluster.updatedAt)} · ${plural(cluster.storyCount, 'story', 'stories')}`;
const newEvent = ({ cluster }: EventChange) => `first seen ${formatDateTime(cluster.firstSeenAt)}`;

/** `/changes`: new events, events that gained sources, events whose figures changed, since the reader last left this view. */
export function ChangesView() {
  const { lastVisit, groups, list, truncated } = useChangesSinceLastVisit();
  const now = useNow(30_000);
  return (
    <div className="changes" data-testid="changes">
      <h1>Since my last visit</h1>
      <p className="muted">
        Changes since {formatDateTime(lastVisit)}. Leaving this page marks them as seen.
      </p>
      <HeadlineLanguagePicker />
      {list.isPending && <p className="muted">Loading changes…</p>}
      {list.error && (
        <ErrorMessage error={list.error} prefix={isClustersApiMissing(list.error) ? 'This server does not group stories into events yet' : 'Could not load the changes'} />
      )}
      {list.data && (
        <>
          {truncated && <p className="muted">Showing the {list.data.length} most recently changed events.</p>}
          <ChangeGroup id="changes-new" title="New events" changes={groups.newEvents} describe={newEvent} now={now} />
          <ChangeGroup id="changes-sources" title="Gained sources" changes={groups.gainedSources} describe={sourcesChange} now={now} />
          <ChangeGroup id="changes-figures" title="Figures changed" changes={groups.changedFigures} describe={figuresChange} now={now} />
          <ChangeGroup id="changes-other" title="Other updates" changes={groups.otherChanges} describe={otherChange} now={now} />
        </>
      )}
    </div>
  );
}
