import { memo, useState } from 'react';
import { formatShortAge } from '../../../lib/format';
import type { TaggedStory } from '../../../lib/story';
import type { TaxonomyNames } from '../../../lib/taxonomy';

interface WallStoryProps {
  story: TaggedStory;
  now: number;
  names: TaxonomyNames;
  /** True for stories that arrive after the wall first rendered: only those slide in. */
  arrivedLive: boolean;
}

export const WallStory = memo(function WallStory({ story, now, names, arrivedLive }: WallStoryProps) {
  // Fixed at mount, so a later re-render (the clock) does not restart or cut the animation.
  const [animate] = useState(arrivedLive);
  const extraSources = story.sources.length - 1;
  return (
    <li className={`wall-story${animate ? ' wall-story--new' : ''}`} data-testid="wall-story" data-story-id={story.id}>
      <div className="wall-story__meta">
        <span className="wall-story__age">{formatShortAge(story.publishedAt, now)}</span>
        <span className="wall-story__source">
          {story.feedTitle}
          {extraSources > 0 && ` +${extraSources}`}
        </span>
        {story.regions.length > 0 && (
          <span className="wall-story__regions" aria-label={`Regions: ${story.regions.map(names.region).join(', ')}`}>
            {story.regions.slice(0, 4).join(' · ')}
          </span>
        )}
      </div>
      <p className="wall-story__title" dir="auto">{story.title}</p>
      {story.topics.length > 0 && (
        <ul className="wall-story__topics" aria-label="Topics">
          {story.topics.slice(0, 3).map((topic) => (
            <li key={topic} className="chip chip--topic">
              {names.topic(topic)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
});
