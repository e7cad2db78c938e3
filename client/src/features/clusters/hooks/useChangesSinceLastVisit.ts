import type { Cluster } from '@sentinel/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { groupChanges, rememberSeen, type SeenEvents } from '../api/changes';
import type { ClusterListParams } from '../api/cluster-cache';
import { useClusterList } from '../api/clusters';
import { readLastVisit, readSeenEvents, writeVisit } from './last-visit';

/** Events changed since the reader last left this view; fixed for as long as it is open. */
const CHANGES_LIMIT = 200;

export function useChangesSinceLastVisit() {
  // Read once: the view compares against the visit before this one while it is open.
  const [lastVisit] = useState(readLastVisit);
  const [seen] = useState<SeenEvents>(readSeenEvents);
  const params = useMemo<ClusterListParams>(() => ({ changedSince: lastVisit, limit: CHANGES_LIMIT }), [lastVisit]);
  const list = useClusterList(params);
  const groups = useMemo(() => groupChanges(list.data ?? [], lastVisit, seen), [list.data, lastVisit, seen]);

  // Leaving the view (another page, or closing the tab) marks everything on it as seen.
  const shown = useRef<Cluster[] | undefined>(undefined);
  shown.current = list.data;
  useEffect(() => {
    const leave = () => {
      if (shown.current) writeVisit(new Date().toISOString(), rememberSeen(readSeenEvents(), shown.current));
    };
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, []);

  return { lastVisit, groups, list, truncated: (list.data?.length ?? 0) >= CHANGES_LIMIT };
}
