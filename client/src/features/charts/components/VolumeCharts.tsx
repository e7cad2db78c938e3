import type { StoryFilter } from '../../../lib/story-filter';
import { useTaxonomy } from '../../../lib/taxonomy';
import { useStoryVolume } from '../hooks/useStoryVolume';
import { StackedVolumeChart } from './StackedVolumeChart';

/** The workspace's charts for the current filter. */
export function VolumeCharts({ filter }: { filter: StoryFilter }) {
  const volume = useStoryVolume(filter);
  const names = useTaxonomy();
  if (volume.isPending && !volume.isError) return null;
  return (
    <section className="volume-charts" aria-labelledby="volume-heading" data-testid="volume-charts">
      <div className="panel-heading">
        <h2 id="volume-heading">Volume</h2>
        <span className="panel-heading__note">
          {volume.isError ? 'Could not load the volume figures; retrying.' : `Every matching story, per ${volume.bucket}`}
        </span>
      </div>
      <div className="volume-charts__grid">
        <StackedVolumeChart title="By topic" series={volume.byTopic} labelOf={names.topic} />
        <StackedVolumeChart title="By region" series={volume.byRegion} labelOf={(code) => (code === 'none' ? 'No region' : names.region(code))} />
      </div>
    </section>
  );
}
