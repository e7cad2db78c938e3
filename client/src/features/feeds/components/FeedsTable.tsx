import type { Feed, FeedStatus } from '@sentinel/shared';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useFeeds } from '../api/feeds';
import { FeedRow } from './FeedRow';

/** Failing feeds first, because that is what someone opening this page needs to act on. */
const STATUS_ORDER: Record<FeedStatus, number> = { error: 0, stale: 1, pending: 2, ok: 3 };

function byAttention(a: Feed, b: Feed): number {
  return (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) || a.title.localeCompare(b.title);
}

/** `canManage`: the poll and enable/disable buttons, for admins. */
export function FeedsTable({ canManage }: { canManage: boolean }) {
  const feeds = useFeeds();
  if (feeds.isPending) return <p className="muted">Loading feeds…</p>;
  if (feeds.isError) return <ErrorMessage error={feeds.error} prefix="Could not load the feeds" />;
  const counts = feeds.data.reduce<Record<string, number>>((acc, feed) => ({ ...acc, [feed.status]: (acc[feed.status] ?? 0) + 1 }), {});
  return (
    <section aria-labelledby="feeds-heading">
      <div className="panel-heading">
        <h2 id="feeds-heading">Feed health</h2>
        <span className="panel-heading__note">
          {feeds.data.length} feeds: {counts.ok ?? 0} OK, {counts.stale ?? 0} stale, {counts.error ?? 0} failing, {counts.pending ?? 0} not polled yet
        </span>
      </div>
      <div className="table-scroll">
        <table className="feeds-table" data-testid="feeds-table">
          <thead>
            <tr>
              <th scope="col">Feed</th>
              <th scope="col">Status</th>
              <th scope="col">Last error</th>
              <th scope="col">Last success</th>
              <th scope="col" className="numeric">Stories a day</th>
              <th scope="col" className="numeric">Stories</th>
              {canManage && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {[...feeds.data].sort(byAttention).map((feed) => (
              <FeedRow key={feed.id} feed={feed} canManage={canManage} />
            ))}
          </tbody>
        </table>
      </div>
      {feeds.data.length === 0 && <p className="muted">No feeds yet.{canManage && ' Add one above or import an OPML file.'}</p>}
    </section>
  );
}
