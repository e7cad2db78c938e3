import type { ApiToken, CreatedToken, CreateTokenRequest } from '@sentinel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `/api/tokens` (admin): wall and integration tokens. The secret exists only in the answer to create. */
export function useTokens() {
  return useQuery({
    queryKey: queryKeys.admin.tokens,
    queryFn: ({ signal }) => apiGet<ApiToken[]>('/api/tokens', undefined, signal),
    // "Last used" moves while the page is open.
    refetchInterval: 60_000,
  });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateTokenRequest) => apiRequest<CreatedToken>('/api/tokens', { method: 'POST', json: request }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.admin.tokens }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest<void>(`/api/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: (_nothing, id) => client.setQueryData<ApiToken[]>(queryKeys.admin.tokens, (tokens) => tokens?.filter((token) => token.id !== id)),
  });
}

/** The address that opens a wall with this token (the wall takes it out of the address bar at once). */
export function wallLink(origin: string, token: string): string {
  return `${origin}/wall?token=${encodeURIComponent(token)}`;
}

/** A date from `<input type="date">` as the end of that day in the reader's zone, in ISO 8601. */
export function expiryFromDate(date: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59).toISOString();
}
