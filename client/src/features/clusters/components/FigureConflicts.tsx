import type { Cluster, ClusterSource, FigureConflict } from '@sentinel/shared';
import { formatCount, formatDateTime } from '../../../lib/format';

const WHAT: Record<FigureConflict['what'], string> = {
  killed: 'Killed',
  wounded: 'Wounded',
  escaped: 'Escaped',
  detained: 'Detained',
  displaced: 'Displaced',
  transferred: 'Transferred',
};

/**
 * Figures the sources disagree on, shown, not resolved: for each quantity, every value side by
 * side with the words used and who said it when.
 */
export function FigureConflicts({ cluster }: { cluster: Pick<Cluster, 'conflicts' | 'sources'> }) {
  if (cluster.conflicts.length === 0) return <p className="muted">The sources give no conflicting figures.</p>;
  const sourceOf = new Map<number, ClusterSource>(cluster.sources.list.map((source) => [source.storyId, source]));
  return (
    <div className="figure-conflicts" data-testid="figure-conflicts">
      {cluster.conflicts.map((conflict) => (
        <section key={conflict.what} className="figure-conflict" aria-labelledby={`figure-${conflict.what}`}>
          <h4 id={`figure-${conflict.what}`}>
            <span aria-hidden="true">≠ </span>
            {WHAT[conflict.what]}: {conflict.values.length} different figures
          </h4>
          <ul className="figure-conflict__values">
            {conflict.values.map((value) => (
              <li key={`${value.value}-${value.text}`} className="figure-value">
                <mark className="figure-value__number">{formatCount(value.value)}</mark>
                <q className="figure-value__words" dir="auto">
                  {value.text}
                </q>
                <ul className="figure-value__sources" aria-label="Said by">
                  {value.sources.map((storyId) => {
                    const source = sourceOf.get(storyId);
                    return (
                      <li key={storyId}>
                        {source ? `${source.outlet} (${source.feedTitle})` : `story ${storyId}`}
                        {source && <span className="muted">, {formatDateTime(source.firstSeenAt)}</span>}
                      </li>
                    );
                  })}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
