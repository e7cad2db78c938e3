import { useEffect, useRef } from 'react';
import type { TaggedStory } from '../../../lib/story';
import { useTaxonomy } from '../../../lib/taxonomy';
import { useNow } from '../../../lib/use-now';
import { WallStory } from './WallStory';

/** Newest stories first. The list is clipped by the panel: the wall never scrolls. */
export function WallStream({ stories, loading }: { stories: TaggedStory[]; loading: boolean }) {
  const now = useNow(30_000);
  const names = useTaxonomy();
  const firstRenderDone = useRef(false);
  useEffect(() => {
    if (!loading) firstRenderDone.current = true;
  }, [loading]);

  return (
    <section className="wall-panel wall-stream-panel" aria-labelledby="wall-stream-heading">
      <h2 id="wall-stream-heading" className="wall-panel__title">
        Latest stories
      </h2>
      {loading && <p className="wall-muted">Loading stories…</p>}
      {!loading && stories.length === 0 && <p className="wall-muted">No stories yet in this scope.</p>}
      {/* No aria-live: at a story a second, announcements would drown everything else. */}
      <ol className="wall-stream" data-testid="wall-stream">
        {stories.map((story) => (
          <WallStory key={story.id} story={story} now={now} names={names} arrivedLive={firstRenderDone.current} />
        ))}
      </ol>
    </section>
  );
}
