import type { AlertRule, PreviewRequest, PreviewResponse, SaveAlertRuleRequest } from '@sentinel/shared';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { removeFromList, storeInList } from './alert-cache';

/** Query hooks for /api/alerts/rules. Every mutation answers with the rule, which replaces the cached copy. */
export function useAlertRules() {
  return useQuery({
    queryKey: queryKeys.alerts.rules,
    queryFn: ({ signal }) => apiGet<AlertRule[]>('/api/alerts/rules', undefined, signal),
    // "Fired in the last 24 h" ages on the server; the socket only ever adds to it.
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

function storeRule(client: QueryClient, rule: AlertRule): void {
  client.setQueryData<AlertRule[]>(queryKeys.alerts.rules, (rules) => storeInList(rules, rule));
}

export function useCreateRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveAlertRuleRequest) => apiRequest<AlertRule>('/api/alerts/rules', { method: 'POST', json: request }),
    onSuccess: (rule) => storeRule(client, rule),
  });
}

export function useUpdateRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: Partial<SaveAlertRuleRequest> }) =>
      apiRequest<AlertRule>(`/api/alerts/rules/${id}`, { method: 'PATCH', json: changes }),
    onSuccess: (rule) => storeRule(client, rule),
  });
}

export function useDeleteRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest<void>(`/api/alerts/rules/${id}`, { method: 'DELETE' }),
    onSuccess: (_, id) => client.setQueryData<AlertRule[]>(queryKeys.alerts.rules, (rules) => removeFromList(rules, id)),
  });
}

/** Snoozes for 1 to 10,080 minutes from now, replacing any snooze in force. */
export function useSnoozeRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, minutes }: { id: number; minutes: number }) =>
      apiRequest<AlertRule>(`/api/alerts/rules/${id}/snooze`, { method: 'POST', json: { minutes } }),
    onSuccess: (rule) => storeRule(client, rule),
  });
}

export function useMuteRule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, muted }: { id: number; muted: boolean }) =>
      apiRequest<AlertRule>(`/api/alerts/rules/${id}/mute`, { method: 'POST', json: { muted } }),
    onSuccess: (rule) => storeRule(client, rule),
  });
}

/** The backtest: a mutation rather than a query because the analyst asks for it with a button. */
export function usePreviewRule() {
  return useMutation({
    mutationFn: (request: PreviewRequest) => apiRequest<PreviewResponse>('/api/alerts/rules/preview', { method: 'POST', json: request }),
  });
}
