import type { AuditEntry, Page } from '@sentinel/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

const AUDIT_PAGE_SIZE = 50;

/** `/api/audit` (admin): who changed what, newest first, one keyset page at a time. */
export function useAuditLog() {
  const query = useInfiniteQuery({
    queryKey: queryKeys.admin.audit,
    queryFn: ({ pageParam, signal }) => apiGet<Page<AuditEntry>>('/api/audit', { limit: AUDIT_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const entries = query.data ? query.data.pages.flatMap((page) => page.items) : [];
  return { ...query, entries };
}
