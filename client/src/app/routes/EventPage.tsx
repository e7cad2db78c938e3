import { EventView } from '../../features/clusters/components/EventView';
import { followLink } from '../../lib/url-state';

/** `/events/:id`: one event, its timeline, all sources side by side and the figures they disagree on. */
export function EventPage({ clusterId, canEdit }: { clusterId: number; canEdit: boolean }) {
  return (
    <div className="event-page">
      <p>
        <a href="/" onClick={followLink}>
          ← Workspace
        </a>{' '}
        ·{' '}
        <a href="/changes" onClick={followLink}>
          Since my last visit
        </a>
      </p>
      <EventView key={clusterId} clusterId={clusterId} canEdit={canEdit} />
    </div>
  );
}
