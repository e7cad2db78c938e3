import { CountSwitch } from '../../../components/CountSwitch';
import type { StoryFilter } from '../../../lib/story-filter';
import { useTaxonomy } from '../../../lib/taxonomy';
import { VOLUME_COUNT_WORDS } from '../../../lib/volume';
import { useStoryVolume } from '../hooks/useStoryVolume';
import { useVolumeCount } from '../hooks/useVolumeCount';
import { StackedVolumeChart } from './StackedVolumeChart';

/** The workspace's charts for the current filter; they count stories unless the reader switches to events. */
export function VolumeCharts({ filter }: { filter: StoryFilter }) {
  const [count, setCount] = useVolumeCount('stories');
  const volume = useStoryVolume(filter, count);
  const names = useTaxonomy();
  const words = VOLUME_COUNT_WORDS[count];
  const note = volume.isError
    ? 'Could not load the volume figures; retrying.'
    : volume.isPending
      ? `Counting ${words.many}…`
      : count === 'events'
        ? `Events with a matching story, per ${volume.bucket}; an event counts in each ${volume.bucket} it gained a story`
        : `Every matching story, per ${volume.bucket}`;
  return (
    <section className="volume-charts" aria-labelledby="volume-heading" data-testid="volume-charts">
      <div className="panel-heading">
        <h2 id="volume-heading">Volume</h2>
        <CountSwitch value={count} onChange={setCount} label="Count in the volume charts" />
        <span className="panel-heading__note">{note}</span>
      </div>
      {!volume.isPending && (
        <div className="volume-charts__grid">
          <StackedVolumeChart title={`${words.label} by topic`} series={volume.byTopic} labelOf={names.topic} />
          <StackedVolumeChart title={`${words.label} by region`} series={volume.byRegion} labelOf={(code) => (code === 'none' ? 'No region' : names.region(code))} />
        </div>
      )}
    </section>
  );
}
