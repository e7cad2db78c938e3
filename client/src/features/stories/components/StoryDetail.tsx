import { ErrorMessage } from '../../../components/ErrorMessage';
import { Highlighted } from '../../../components/Highlighted';
import { formatDateTime } from '../../../lib/format';
import { storyPlaces } from '../../../lib/story';
import { eventHref, followLink } from '../../../lib/url-state';
import { useTaxonomy } from '../../../lib/taxonomy';
import { useStory } from '../api/queries';
import { TagList } from './TagList';

export function StoryDetail({ storyId, query, onClose }: { storyId: number | null; query?: string; onClose: () => void }) {
  const { data: story, error, isPending } = useStory(storyId);
  const names = useTaxonomy();
  if (storyId === null) {
    return (
      <aside className="story-detail story-detail--empty" aria-label="Story detail">
        <p className="muted">Select a story to see its summary, sources and tags.</p>
      </aside>
    );
  }
  return (
    <aside className="story-detail" aria-labelledby="story-detail-title" data-testid="story-detail">
      <div className="story-detail__bar">
        <button type="button" onClick={onClose}>
          Close<span className="visually-hidden"> story detail</span>
        </button>
      </div>
      {isPending && !story && <p className="muted">Loading story…</p>}
      {error && !story && <ErrorMessage error={error} prefix="Could not load the story" />}
      {story && (
        <article>
          <h2 id="story-detail-title" dir="auto">
            <Highlighted text={story.title} query={query} />
          </h2>
          <p className="story-detail__meta">
            {story.feedTitle} · published {formatDateTime(story.publishedAt)} · first seen {formatDateTime(story.firstSeenAt)}
            {story.updatedAt !== story.firstSeenAt && ` · updated ${formatDateTime(story.updatedAt)}`}
          </p>
          {story.url && (
            <p>
              <a href={story.url} target="_blank" rel="noopener noreferrer" className="story-detail__link">
                Read the original article<span className="visually-hidden"> (opens in a new tab)</span> ↗
              </a>
            </p>
          )}
          {typeof story.clusterId === 'number' && (
            <p>
              <a href={eventHref(story.clusterId)} onClick={followLink} data-testid="story-event-link">
                Open its event: timeline, all sources, figures
              </a>
            </p>
          )}
          <h3>Summary</h3>
          <p className="story-detail__summary" dir="auto">
            {story.summary ? <Highlighted text={story.summary} query={query} /> : <span className="muted">The feed gave no summary.</span>}
          </p>
          <h3>Sources ({story.sources.length})</h3>
          <ul className="story-detail__sources">
            {story.sources.map((source, index) => (
              <li key={`${source.feedId ?? 'x'}-${index}`}>
                {source.url ? (
                  <a href={source.url} target="_blank" rel="noopener noreferrer">
                    {source.feedTitle}
                  </a>
                ) : (
                  source.feedTitle
                )}
              </li>
            ))}
          </ul>
          <h3>Regions</h3>
          <TagList story={story} kind="region" nameOf={names.region} />
          <h3>Topics</h3>
          <TagList story={story} kind="topic" nameOf={names.topic} />
          {storyPlaces(story).length > 0 && (
            <>
              <h3>Places</h3>
              <ul className="story-detail__places">
                {storyPlaces(story).map((place) => (
                  <li key={`${place.name}-${place.country}`}>
                    {place.name} ({place.country}, {place.kind})
                  </li>
                ))}
              </ul>
            </>
          )}
        </article>
      )}
    </aside>
  );
}
