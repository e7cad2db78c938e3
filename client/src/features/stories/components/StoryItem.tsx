import { memo } from 'react';
import { Highlighted } from '../../../components/Highlighted';
import { TagChip } from '../../../components/TagChip';
import { TimeAgo } from '../../../components/TimeAgo';
import type { TaggedStory } from '../../../lib/story';
import type { TaxonomyNames } from '../../../lib/taxonomy';

interface StoryItemProps {
  story: TaggedStory;
  selected: boolean;
  names: TaxonomyNames;
  /** Search text whose words are marked in the title. */
  query?: string;
  onSelect: (id: number) => void;
}

export const StoryItem = memo(function StoryItem({ story, selected, names, query, onSelect }: StoryItemProps) {
  const sourceCount = story.sources.length;
  return (
    <li className={`story-item${selected ? ' story-item--selected' : ''}`} data-testid="story-item" data-story-id={story.id}>
      <button type="button" className="story-item__open" aria-current={selected ? 'true' : undefined} onClick={() => onSelect(story.id)}>
        <span className="story-item__title" dir="auto">
          <Highlighted text={story.title} query={query} />
        </span>
      </button>
      <div className="story-item__meta">
        <span className="story-item__source">{story.feedTitle}</span>
        {sourceCount > 1 && <span className="story-item__sources">+{sourceCount - 1} more sources</span>}
        <TimeAgo iso={story.publishedAt} />
      </div>
      {(story.regions.length > 0 || story.topics.length > 0) && (
        <div className="story-item__tags">
          {story.regions.map((code) => (
            <TagChip key={`r-${code}`} kind="region" code={code} label={code} title={names.region(code)} />
          ))}
          {story.topics.map((id) => (
            <TagChip key={`t-${id}`} kind="topic" code={id} label={names.topic(id)} />
          ))}
        </div>
      )}
    </li>
  );
});
