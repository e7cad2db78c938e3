import type { Cluster } from '@sentinel/shared';
import { useEffect, useRef } from 'react';
import { useNow } from '../../../lib/use-now';
import { EventLine } from './EventLine';

/** The wall's stream of events, newest activity first, in the wall's panel. Clipped: the wall never scrolls. */
export function WallEventStream({ clusters, loading, failed }: { clusters: Cluster[]; loading: boolean; failed: boolean }) {
  const now = useNow(30_000);
  const firstRenderDone = useRef(false);
  useEffect(() => {
    if (!loading) firstRenderDone.current = true;
  }, [loading]);

  return (
    <section className="wall-panel wall-stream-panel" aria-labelledby="wall-stream-heading">
      <h2 id="wall-stream-heading" className="wall-panel__title">
        Latest events
      </h2>
      {loading && <p className="wall-muted">Loading events…</p>}
      {failed && clusters.length === 0 && <p className="wall-muted">Could not load events; retrying.</p>}
      {!loading && !failed && clusters.length === 0 && <p className="wall-muted">No events yet in this scope.</p>}
      {/* No aria-live: at an update a second, announcements would drown everything else. */}
      <ol className="wall-stream" data-testid="wall-events">
        {clusters.map((cluster) => (
          <EventLine key={cluster.id} cluster={cluster} now={now} variant="wall" arrivedLive={firstRenderDone.current} />
        ))}
      </ol>
    </section>
  );
}
