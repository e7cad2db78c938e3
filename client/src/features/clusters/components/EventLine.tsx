import type { Cluster } from '@sentinel/shared';
import { memo, useState } from 'react';
import { formatDateTime, formatShortAge } from '../../../lib/format';
import { eventHref, followLink } from '../../../lib/url-state';
import { sourceCountText } from '../api/corroboration';
import { headlineFor, useHeadlineLanguage } from '../api/headline-language';
import { BreakingMark, CorroborationBadge, FigureConflictMark } from './CorroborationBadge';

interface EventLineProps {
  cluster: Cluster;
  now: number;
  /** `wall`: read from across the room, no links. `workspace`: the headline opens the event. */
  variant: 'wall' | 'workspace';
  /** True for events that arrive after the list first rendered: only those slide in. */
  arrivedLive?: boolean;
  /** What changed, under the headline ("was 1 source, now 3"). */
  note?: string;
}

/** One line per event: age, headline, how many sources and how well confirmed, breaking, figures that differ. */
export const EventLine = memo(function EventLine({ cluster, now, variant, arrivedLive = false, note }: EventLineProps) {
  // Fixed at mount, so a later re-render (the clock) does not restart or cut the animation.
  const [animate] = useState(arrivedLive);
  const headline = headlineFor(cluster, useHeadlineLanguage());
  // dir="auto": an Arabic headline reads right to left inside a left-to-right page.
  const title = <span dir="auto">{headline.title}</span>;
  return (
    <li
      className={`event-line event-line--${variant}${animate ? ' event-line--new' : ''}${cluster.breaking ? ' event-line--breaking' : ''}`}
      data-testid="event-line"
      data-cluster-id={cluster.id}
    >
      <div className="event-line__meta">
        <time className="event-line__age" dateTime={cluster.updatedAt} title={`Last source ${formatDateTime(cluster.updatedAt)}`}>
          {formatShortAge(cluster.updatedAt, now)}
        </time>
        {cluster.breaking && <BreakingMark />}
        <CorroborationBadge cluster={cluster} />
        <span className="event-line__sources" data-testid="event-sources">
          {sourceCountText(cluster.sources)}
        </span>
        {cluster.conflicts.length > 0 && <FigureConflictMark />}
        <span className="event-line__feed">{headline.feedTitle}</span>
        {cluster.regions.length > 0 && <span className="event-line__regions">{cluster.regions.slice(0, 4).join(' · ')}</span>}
      </div>
      <p className="event-line__title">
        {variant === 'workspace' ? (
          <a href={eventHref(cluster.id)} onClick={followLink}>
            {title}
          </a>
        ) : (
          title
        )}
      </p>
      {note && <p className="event-line__note">{note}</p>}
    </li>
  );
});
