import type { ClusterDetail, ClusterSource } from '@sentinel/shared';
import { formatDateTime } from '../../../lib/format';
import { followLink, storyHref } from '../../../lib/url-state';

interface EventTimelineProps {
  cluster: ClusterDetail;
  /** When given, each story has a checkbox (choosing stories to split out). */
  selected?: ReadonlySet<number>;
  onToggle?: (storyId: number) => void;
}

/** The event's stories, oldest first, side by side: outlet, feed, when, and whose copy it is. */
export function EventTimeline({ cluster, selected, onToggle }: EventTimelineProps) {
  const sourceOf = new Map<number, ClusterSource>(cluster.sources.list.map((source) => [source.storyId, source]));
  const stories = [...cluster.stories].sort((a, b) => Date.parse(a.firstSeenAt) - Date.parse(b.firstSeenAt) || a.id - b.id);
  const outletOf = (storyId: number) => sourceOf.get(storyId)?.outlet ?? stories.find((story) => story.id === storyId)?.feedTitle ?? `story ${storyId}`;
  return (
    <ol className="event-timeline" data-testid="event-timeline">
      {stories.map((story) => {
        const source = sourceOf.get(story.id);
        const copyOf = source?.copyOf ?? null;
        const checkboxId = `split-story-${story.id}`;
        return (
          <li key={story.id} className={`event-source${copyOf !== null ? ' event-source--copy' : ''}`} data-testid="event-source">
            <p className="event-source__outlet">
              <strong>{source?.outlet ?? story.feedTitle}</strong> · {story.feedTitle}
            </p>
            <p className="event-source__time">
              <time dateTime={story.firstSeenAt}>{formatDateTime(story.firstSeenAt)}</time>
            </p>
            {copyOf !== null && (
              <p className="event-source__copy">
                <span aria-hidden="true">⧉ </span>copy of {outletOf(copyOf)}
              </p>
            )}
            <p className="event-source__title" dir="auto">
              <a href={storyHref(story.id)} onClick={followLink}>
                {story.title}
              </a>
            </p>
            {story.url && (
              <a href={story.url} target="_blank" rel="noopener noreferrer" className="event-source__original">
                Original<span className="visually-hidden"> of “{story.title}” (opens in a new tab)</span> ↗
              </a>
            )}
            {selected && onToggle && (
              <p className="event-source__select">
                <input id={checkboxId} type="checkbox" checked={selected.has(story.id)} onChange={() => onToggle(story.id)} />
                <label htmlFor={checkboxId}>
                  Split out<span className="visually-hidden"> “{story.title}”</span>
                </label>
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
