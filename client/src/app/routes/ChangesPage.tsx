import { ChangesView } from '../../features/clusters/components/ChangesView';

/** `/changes`: what happened to events since the reader last left this page. */
export function ChangesPage() {
  return <ChangesView />;
}
