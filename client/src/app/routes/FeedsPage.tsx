import { PublisherFamiliesPanel } from '../../features/admin/components/PublisherFamiliesPanel';
import { AddFeedForm } from '../../features/feeds/components/AddFeedForm';
import { FeedsTable } from '../../features/feeds/components/FeedsTable';
import { OpmlPanel } from '../../features/feeds/components/OpmlPanel';

/** `/feeds`: health first-class, then (for admins) the ways to add and change feeds. */
export function FeedsPage({ canManage }: { canManage: boolean }) {
  return (
    <div className="feeds-page">
      <h1>Feeds</h1>
      {canManage && (
        <div className="feeds-page__forms">
          <AddFeedForm />
          <OpmlPanel />
        </div>
      )}
      <FeedsTable canManage={canManage} />
      <PublisherFamiliesPanel canManage={canManage} />
    </div>
  );
}
