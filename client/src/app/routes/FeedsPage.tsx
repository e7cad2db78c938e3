import { AddFeedForm } from '../../features/feeds/components/AddFeedForm';
import { FeedsTable } from '../../features/feeds/components/FeedsTable';
import { OpmlPanel } from '../../features/feeds/components/OpmlPanel';

/** `/feeds`: health first-class, then the ways to add feeds. */
export function FeedsPage() {
  return (
    <div className="feeds-page">
      <h1>Feeds</h1>
      <div className="feeds-page__forms">
        <AddFeedForm />
        <OpmlPanel />
      </div>
      <FeedsTable />
    </div>
  );
}
