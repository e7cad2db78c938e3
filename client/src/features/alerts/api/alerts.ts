import type { Alert, AlertFiredEvent, AlertRule } from '@sentinel/shared';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiRequestError, apiGet, apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { useConnection } from '../../../lib/realtime';
import {
  ALL_ALERTS,
  alertMatchesFilter,
  mergeRecentAlerts,
  withFiredAlert,
  withReplacedAlert,
  withRuleFired,
  type AlertHistoryData,
  type AlertHistoryFilter,
  type AlertHistoryPage,
} from './alert-cache';

/**
 * Fired alerts: GET /api/alerts (history, keyset pages, newest first), acknowledge, and the
 * short "recent" list behind the wall's banner. `alert:fired` writes into all of them.
 */
export type FiredAlert = Alert;

export const ALERT_PAGE_SIZE = 25;
const RECENT_KEEP = 20;
const EMPTY: FiredAlert[] = [];

function fetchAlertPage(filter: AlertHistoryFilter, cursor: string | null, limit: number, signal?: AbortSignal): Promise<AlertHistoryPage> {
  return apiGet<AlertHistoryPage>(
    '/api/alerts',
    {
      ruleId: filter.ruleId ?? undefined,
      acknowledged: filter.acknowledged === null ? undefined : String(filter.acknowledged),
      limit,
      cursor,
    },
    signal,
  );
}

function historyFilterOf(queryKey: readonly unknown[]): AlertHistoryFilter | null {
  const filter = queryKey[2];
  return typeof filter === 'object' && filter !== null ? (filter as AlertHistoryFilter) : null;
}

/**
 * Puts a fired alert everywhere it shows: the banner's recent list, every cached history whose
 * filter it matches, and its rule's counts. Returns false for an alert already known (an event the
 * server replayed after a reconnect), so the caller does not ring twice.
 */
export function receiveFiredAlert(client: QueryClient, event: AlertFiredEvent): boolean {
  const { alert } = event;
  const cached = client.getQueryData<FiredAlert[]>(queryKeys.firedAlerts);
  const isNew = !cached?.some((known) => known.id === alert.id);
  // A list the API never filled stays stale, so that the page that shows it still loads the history.
  client.setQueryData<FiredAlert[]>(queryKeys.firedAlerts, mergeRecentAlerts(cached ?? EMPTY, [alert], RECENT_KEEP), cached ? undefined : { updatedAt: 0 });
  for (const query of client.getQueryCache().findAll({ queryKey: queryKeys.alerts.histories })) {
    const filter = historyFilterOf(query.queryKey);
    if (filter && alertMatchesFilter(alert, filter)) {
      client.setQueryData<AlertHistoryData>(query.queryKey, (data) => withFiredAlert(data, alert));
    }
  }
  client.setQueryData<AlertRule[]>(queryKeys.alerts.rules, (rules) => withRuleFired(rules, alert));
  return isNew;
}

/** A changed alert (acknowledged) replaces its old copy wherever one is cached. */
export function storeAlert(client: QueryClient, alert: Alert): void {
  client.setQueriesData<AlertHistoryData>({ queryKey: queryKeys.alerts.histories }, (data) => withReplacedAlert(data, alert));
  client.setQueryData<FiredAlert[]>(queryKeys.firedAlerts, (recent) => recent?.map((item) => (item.id === alert.id ? alert : item)));
}

/** The newest alerts, for the wall's banner: loaded once, then kept current by `alert:fired`. */
export function useFiredAlerts(): FiredAlert[] {
  const client = useQueryClient();
  const connection = useConnection();
  const { data } = useQuery({
    queryKey: queryKeys.firedAlerts,
    queryFn: async ({ signal }) => {
      // Read after the request: alerts pushed while it was on its way must not be dropped.
      const current = () => client.getQueryData<FiredAlert[]>(queryKeys.firedAlerts) ?? EMPTY;
      try {
        const page = await fetchAlertPage(ALL_ALERTS, null, RECENT_KEEP, signal);
        return mergeRecentAlerts(current(), page.items, RECENT_KEEP);
      } catch (error) {
        // A server without the alerts API: the banner shows what the socket pushes.
        if (error instanceof ApiRequestError && error.isNotFound) return current();
        throw error;
      }
    },
    staleTime: 60_000,
    refetchInterval: connection.status === 'connected' ? false : 30_000,
  });
  return data ?? EMPTY;
}

/** One filter's history, newest first; the next page is asked for by the reader. */
export function useAlertHistory(filter: AlertHistoryFilter, options: { pageSize?: number } = {}) {
  const pageSize = options.pageSize ?? ALERT_PAGE_SIZE;
  const query = useInfiniteQuery<AlertHistoryPage, Error, AlertHistoryData, ReturnType<typeof queryKeys.alerts.history>, string | null>({
    queryKey: queryKeys.alerts.history(filter),
    queryFn: ({ pageParam, signal }) => fetchAlertPage(filter, pageParam, pageSize, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    // Delivery status changes without a socket event (retries, a webhook that comes back), so a
    // list with deliveries still in flight asks again sooner.
    refetchInterval: (q) =>
      q.state.data?.pages.some((page) => page.items.some((alert) => alert.deliveries.some((d) => d.status === 'pending'))) ? 15_000 : 60_000,
  });
  const alerts = query.data ? query.data.pages.flatMap((page) => page.items) : EMPTY;
  return { ...query, alerts };
}

export function useAcknowledgeAlert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest<Alert>(`/api/alerts/${id}/acknowledge`, { method: 'POST' }),
    onSuccess: (alert) => storeAlert(client, alert),
  });
}
