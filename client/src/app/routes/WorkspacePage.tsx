import { UnacknowledgedAlerts } from '../../features/alerts/components/UnacknowledgedAlerts';
import { VolumeCharts } from '../../features/charts/components/VolumeCharts';
import { useFeeds } from '../../features/feeds/api/feeds';
import { StoryDetail } from '../../features/stories/components/StoryDetail';
import { StoryFilters } from '../../features/stories/components/StoryFilters';
import { StoryList } from '../../features/stories/components/StoryList';
import { useLiveStoryFilter } from '../../features/stories/hooks/useLiveStoryFilter';
import { useStoryFilterState } from '../../features/stories/hooks/useStoryFilterState';

/** `/`: unacknowledged alerts and filters on the left, the list in the middle, the selected story on the right, charts above. */
export function WorkspacePage({ canAcknowledge }: { canAcknowledge: boolean }) {
  const { filter, setFilter, selectedId, selectStory } = useStoryFilterState();
  const feeds = useFeeds();
  useLiveStoryFilter(filter);
  return (
    <div className="workspace">
      <h1 className="visually-hidden">Analyst workspace</h1>
      <div className="workspace__side">
        <UnacknowledgedAlerts onOpenStory={selectStory} canAcknowledge={canAcknowledge} />
        <StoryFilters filter={filter} feeds={feeds.data} onChange={setFilter} />
      </div>
      <div className="workspace__main">
        <VolumeCharts filter={filter} />
        <div className="workspace__split">
          <StoryList filter={filter} selectedId={selectedId} onSelect={selectStory} />
          <StoryDetail storyId={selectedId} query={filter.q} onClose={() => selectStory(null)} />
        </div>
      </div>
    </div>
  );
}
