import { describeFreshness, type Freshness } from '../../../lib/freshness';
import { useConnection } from '../../../lib/realtime';
import { useNow } from '../../../lib/use-now';

/** Live, quiet or offline, judged from the socket and from when data last arrived by any path. */
export function useWallFreshness(lastFetchAt: number): Freshness {
  const connection = useConnection();
  const now = useNow(10_000);
  const lastDataAt = Math.max(lastFetchAt, connection.lastEventAt ?? 0) || null;
  return describeFreshness(connection, lastDataAt, now);
}
