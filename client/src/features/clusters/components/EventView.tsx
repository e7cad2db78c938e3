import { useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDateTime, plural } from '../../../lib/format';
import { eventHref, followLink } from '../../../lib/url-state';
import { useClusterDetail, isClustersApiMissing, useMergedInto } from '../api/clusters';
import { sourceCountText } from '../api/corroboration';
import { headlineFor, useHeadlineLanguage } from '../api/headline-language';
import { BreakingMark, CorroborationBadge, FigureConflictMark } from './CorroborationBadge';
import { EventEditActions } from './EventEditActions';
import { EventTimeline } from './EventTimeline';
import { FigureConflicts } from './FigureConflicts';

/** One event: how well it is confirmed, where the sources disagree, and all its stories side by side. */
export function EventView({ clusterId, canEdit }: { clusterId: number; canEdit: boolean }) {
  const { data: cluster, error, isPending } = useClusterDetail(clusterId);
  const mergedInto = useMergedInto(clusterId);
  const language = useHeadlineLanguage();
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const toggle = (storyId: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(storyId)) next.add(storyId);
      return next;
    });

  if (mergedInto !== undefined) {
    return (
      <p role="status" data-testid="event-merged">
        Event #{clusterId} was merged into{' '}
        <a href={eventHref(mergedInto)} onClick={followLink}>
          event #{mergedInto}
        </a>
        .
      </p>
    );
  }
  if (isPending) return <p className="muted page-loading">Loading event…</p>;
  if (!cluster) {
    const missing = isClustersApiMissing(error);
    return <ErrorMessage error={error} prefix={missing ? `No event #${clusterId} (or this server does not group stories into events)` : 'Could not load the event'} />;
  }
  return (
    <article className="event-view" aria-labelledby="event-title" data-testid="event-view">
      <header className="event-view__header">
        <p className="event-view__kicker">Event #{cluster.id}</p>
        <h1 id="event-title" dir="auto">
          {headlineFor(cluster, language).title}
        </h1>
        <p className="event-view__marks">
          {cluster.breaking && <BreakingMark />} <CorroborationBadge cluster={cluster} /> <span>{sourceCountText(cluster.sources)}</span>{' '}
          {cluster.conflicts.length > 0 && <FigureConflictMark />}
        </p>
        <p className="muted">
          {cluster.corroboration.text} · {plural(cluster.storyCount, 'story', 'stories')} · first seen {formatDateTime(cluster.firstSeenAt)}
          {cluster.sources.list[0] && ` from ${cluster.sources.list[0].outlet}`} · last source {formatDateTime(cluster.updatedAt)}
        </p>
        {(cluster.regions.length > 0 || cluster.places.length > 0) && (
          <p className="muted">
            {[...cluster.regions, ...cluster.places].join(' · ')}
          </p>
        )}
      </header>
      <section aria-labelledby="event-figures-title">
        <h2 id="event-figures-title">Figures</h2>
        <FigureConflicts cluster={cluster} />
      </section>
      <section aria-labelledby="event-sources-title">
        <h2 id="event-sources-title">Sources, oldest first</h2>
        <EventTimeline cluster={cluster} selected={canEdit ? selected : undefined} onToggle={canEdit ? toggle : undefined} />
      </section>
      {canEdit && <EventEditActions cluster={cluster} selected={selected} onSplitDone={() => setSelected(new Set())} />}
    </article>
  );
}
