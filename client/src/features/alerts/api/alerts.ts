import type { AlertFiredEvent } from '@sentinel/shared';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';

/**
 * Alerts fired while this page is open, from `alert:fired`. The alert history endpoint belongs to
 * the alerts issue; until then the banner shows only what the socket announced.
 */
export type FiredAlert = AlertFiredEvent['alert'];

const KEEP = 20;
const EMPTY: FiredAlert[] = [];

export function receiveFiredAlert(client: QueryClient, event: AlertFiredEvent): void {
  client.setQueryData<FiredAlert[]>(queryKeys.firedAlerts, (alerts = EMPTY) => {
    if (alerts.some((alert) => alert.id === event.alert.id)) return alerts;
    return [event.alert, ...alerts].slice(0, KEEP);
  });
}

export function useFiredAlerts(): FiredAlert[] {
  const { data } = useQuery({
    queryKey: queryKeys.firedAlerts,
    queryFn: () => EMPTY,
    initialData: EMPTY,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return data;
}
