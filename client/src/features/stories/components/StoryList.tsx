import { useEffect, useRef } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { plural } from '../../../lib/format';
import type { StoryFilter } from '../../../lib/story-filter';
import { useTaxonomy } from '../../../lib/taxonomy';
import { useStoryList } from '../api/queries';
import { useNewStories } from '../hooks/useNewStories';
import { NewStoriesBar } from './NewStoriesBar';
import { StoryItem } from './StoryItem';

interface StoryListProps {
  filter: StoryFilter;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

export function StoryList({ filter, selectedId, onSelect }: StoryListProps) {
  const list = useStoryList(filter);
  const names = useTaxonomy();
  const fresh = useNewStories(filter, list.isSuccess);
  const sentinelRef = useRef<HTMLDivElement | null>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;

  // Loads the next (older) page when the end of the list scrolls into view.
  useEffect(() => {
    const sentinel = sentinelRef.current;
    if (!sentinel || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { root: fresh.scrollRef.current, rootMargin: '400px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, fresh.scrollRef]);

  return (
    <section className="story-list-panel" aria-labelledby="story-list-heading">
      <div className="panel-heading">
        <h2 id="story-list-heading">Stories</h2>
        <span className="panel-heading__note" aria-live="polite">
          {list.isSuccess ? `${plural(list.stories.length, 'story', 'stories')} loaded${hasNextPage ? ', more below' : ''}` : ''}
        </span>
      </div>
      <NewStoriesBar count={fresh.count} overflowed={fresh.overflowed} onReveal={() => void fresh.reveal()} />
      <div className="story-list-scroll" ref={fresh.scrollRef} tabIndex={-1}>
        {list.isPending && <p className="muted">Loading stories…</p>}
        {list.isError && !list.isFetchNextPageError && <ErrorMessage error={list.error} prefix="Could not load stories" />}
        {list.isSuccess && list.stories.length === 0 && <p className="muted">No stories match these filters yet.</p>}
        <ol className="story-list" data-testid="story-list" aria-label="Stories, newest first">
          {list.stories.map((story) => (
            <StoryItem key={story.id} story={story} selected={story.id === selectedId} names={names} query={filter.q} onSelect={onSelect} />
          ))}
        </ol>
        <div ref={sentinelRef} className="story-list__end">
          {hasNextPage && (
            <button type="button" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
              {isFetchingNextPage ? 'Loading older stories…' : 'Load older stories'}
            </button>
          )}
          {list.isSuccess && !hasNextPage && list.stories.length > 0 && <p className="muted">End of the list.</p>}
          {list.isFetchNextPageError && <ErrorMessage error={list.error} prefix="Could not load older stories" />}
        </div>
      </div>
    </section>
  );
}
