import type { AlertChannel, SaveChannelRequest } from '@sentinel/shared';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';
import { removeFromList, storeInList } from './alert-cache';

/** Query hooks for /api/alerts/channels (webhooks and email addresses that alerts are delivered to). */
export function useAlertChannels() {
  return useQuery({
    queryKey: queryKeys.alerts.channels,
    queryFn: ({ signal }) => apiGet<AlertChannel[]>('/api/alerts/channels', undefined, signal),
    staleTime: 60_000,
  });
}

function storeChannel(client: QueryClient, channel: AlertChannel): void {
  client.setQueryData<AlertChannel[]>(queryKeys.alerts.channels, (channels) => storeInList(channels, channel));
}

export function useCreateChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: SaveChannelRequest) => apiRequest<AlertChannel>('/api/alerts/channels', { method: 'POST', json: request }),
    onSuccess: (channel) => storeChannel(client, channel),
  });
}

export function useUpdateChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: Partial<SaveChannelRequest> }) =>
      apiRequest<AlertChannel>(`/api/alerts/channels/${id}`, { method: 'PATCH', json: changes }),
    onSuccess: (channel) => storeChannel(client, channel),
  });
}

export function useDeleteChannel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest<void>(`/api/alerts/channels/${id}`, { method: 'DELETE' }),
    onSuccess: (_, id) => {
      client.setQueryData<AlertChannel[]>(queryKeys.alerts.channels, (channels) => removeFromList(channels, id));
      // Rules that delivered to it no longer list it.
      void client.invalidateQueries({ queryKey: queryKeys.alerts.rules });
    },
  });
}
