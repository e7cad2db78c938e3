import type { PublisherFamily, SetPublisherFamilyRequest } from '@sentinel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/**
 * `/api/publisher-families`: outlets that count as one source. Read by viewers and up, changed by
 * admins; the server rewrites the recent events at once and announces them over the socket.
 */
export function usePublisherFamilies() {
  return useQuery({
    queryKey: queryKeys.admin.publisherFamilies,
    queryFn: ({ signal }) => apiGet<PublisherFamily[]>('/api/publisher-families', undefined, signal),
  });
}

/** Puts an outlet in a family, or moves it to another: `PUT /api/publisher-families/:outlet {family}`. */
export function useSetPublisherFamily() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ outlet, family }: PublisherFamily) =>
      apiRequest<PublisherFamily>(`/api/publisher-families/${encodeURIComponent(outlet)}`, { method: 'PUT', json: { family } satisfies SetPublisherFamilyRequest }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.admin.publisherFamilies }),
  });
}

/** The outlet counts on its own again. */
export function useRemovePublisherFamily() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (outlet: string) => apiRequest<void>(`/api/publisher-families/${encodeURIComponent(outlet)}`, { method: 'DELETE' }),
    onSuccess: (_nothing, outlet) => client.setQueryData<PublisherFamily[]>(queryKeys.admin.publisherFamilies, (families) => families?.filter((item) => item.outlet !== outlet)),
  });
}
