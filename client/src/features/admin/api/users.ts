import type { CreateUserRequest, UpdateUserRequest, User } from '@sentinel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `/api/users` (admin): the people who may sign in, and their roles. */
export function useUsers() {
  return useQuery({
    queryKey: queryKeys.admin.users,
    queryFn: ({ signal }) => apiGet<User[]>('/api/users', undefined, signal),
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateUserRequest) => apiRequest<User>('/api/users', { method: 'POST', json: request }),
    onSuccess: (user) => client.setQueryData<User[]>(queryKeys.admin.users, (users) => (users ? [...users, user] : users)),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: UpdateUserRequest }) => apiRequest<User>(`/api/users/${id}`, { method: 'PATCH', json: changes }),
    onSuccess: (user) => {
      client.setQueryData<User[]>(queryKeys.admin.users, (users) => users?.map((item) => (item.id === user.id ? user : item)));
      // An admin who changed their own e-mail or role sees it in the header at once.
      void client.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

export function useDeleteUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest<void>(`/api/users/${id}`, { method: 'DELETE' }),
    onSuccess: (_nothing, id) => client.setQueryData<User[]>(queryKeys.admin.users, (users) => users?.filter((item) => item.id !== id)),
  });
}
