import type { Feed } from '@sentinel/shared';
import { EMPTY_FILTER, isFilterActive, type StoryFilter } from '../../../lib/story-filter';
import { useTaxonomy } from '../../../lib/taxonomy';
import { RegionFilter } from './RegionFilter';
import { SearchBox } from './SearchBox';
import { SourceFilter } from './SourceFilter';
import { TimeRangeFilter } from './TimeRangeFilter';
import { TopicFilter } from './TopicFilter';

interface StoryFiltersProps {
  filter: StoryFilter;
  feeds: Feed[] | undefined;
  onChange: (filter: StoryFilter) => void;
}

export function StoryFilters({ filter, feeds, onChange }: StoryFiltersProps) {
  const names = useTaxonomy();
  return (
    <section className="story-filters" aria-label="Filters">
      <SearchBox value={filter.q} onSearch={(q) => onChange({ ...filter, q })} />
      <RegionFilter value={filter.regions} names={names} onChange={(regions) => onChange({ ...filter, regions })} />
      <TopicFilter value={filter.topics} names={names} onChange={(topics) => onChange({ ...filter, topics })} />
      <SourceFilter feedId={filter.feedId} group={filter.group} feeds={feeds} onChange={(source) => onChange({ ...filter, ...source })} />
      <TimeRangeFilter
        value={{ range: filter.range, since: filter.since, until: filter.until }}
        onChange={(range) => onChange({ ...filter, ...range })}
      />
      {isFilterActive(filter) && (
        <button type="button" className="story-filters__clear" onClick={() => onChange(EMPTY_FILTER)}>
          Clear all filters
        </button>
      )}
    </section>
  );
}
