import { formatAge, formatDateTime } from '../lib/format';
import { useNow } from '../lib/use-now';

export function TimeAgo({ iso, prefix = '' }: { iso: string | null; prefix?: string }) {
  const now = useNow(30_000);
  if (!iso) return <span>{prefix}never</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {prefix}
      {formatAge(iso, now)}
    </time>
  );
}
