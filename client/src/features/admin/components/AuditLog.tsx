import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDateTime, plural } from '../../../lib/format';
import { useAuditLog } from '../api/audit';

/** Who changed what, newest first; older entries a page at a time. */
export function AuditLog() {
  const log = useAuditLog();
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = log;
  return (
    <section aria-labelledby="audit-heading">
      <div className="panel-heading">
        <h2 id="audit-heading">Changes, newest first</h2>
        <span className="panel-heading__note" aria-live="polite">
          {log.isSuccess ? `${plural(log.entries.length, 'entry', 'entries')} shown${hasNextPage ? ', more below' : ''}` : ''}
        </span>
      </div>
      {log.isPending && <p className="muted">Loading the audit log…</p>}
      {log.isError && !log.isFetchNextPageError && <ErrorMessage error={log.error} prefix="Could not load the audit log" />}
      {log.isSuccess && log.entries.length === 0 && <p className="muted">Nothing has been changed yet.</p>}
      {log.entries.length > 0 && (
        <div className="table-scroll">
          <table className="admin-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">What</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {log.entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-row">
                  <td>
                    <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  </td>
                  <td>{entry.actor ?? <span className="muted">the server</span>}</td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    {entry.subjectType}
                    {entry.subjectId !== null && ` #${entry.subjectId}`}
                  </td>
                  <td>{entry.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="admin-more">
        {hasNextPage && (
          <button type="button" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? 'Loading older entries…' : 'Load older entries'}
          </button>
        )}
        {log.isFetchNextPageError && <ErrorMessage error={log.error} prefix="Could not load older entries" />}
      </div>
    </section>
  );
}
