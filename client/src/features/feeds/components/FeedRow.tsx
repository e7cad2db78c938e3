import type { Feed, FeedPollResult } from '@sentinel/shared';
import { memo } from 'react';
import { TimeAgo } from '../../../components/TimeAgo';
import { describeError } from '../../../lib/api-client';
import { formatCount, formatDuration, plural } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { usePollFeed, useUpdateFeed } from '../api/feeds';
import { FeedStatusBadge } from './FeedStatusBadge';

function describePoll(result: FeedPollResult): string {
  if (result.status === 'not-modified') return 'Polled: nothing changed since the last poll.';
  if (result.status === 'error') return `Poll failed: ${result.error ?? 'no reason given'}`;
  return `Polled: ${plural(result.newStories, 'new story', 'new stories')}, ${plural(result.updatedStories, 'updated story', 'updated stories')}.`;
}

export const FeedRow = memo(function FeedRow({ feed, canManage }: { feed: Feed; canManage: boolean }) {
  const now = useNow(60_000);
  return (
    <tr data-testid="feed-row" data-feed-id={feed.id} className={feed.enabled ? undefined : 'feed-row--disabled'}>
      <th scope="row" className="feed-row__name">
        <span className="feed-row__title">{feed.title || feed.url}</span>
        <a className="feed-row__url" href={feed.url} target="_blank" rel="noopener noreferrer">
          {feed.url}
        </a>
        {feed.group && <span className="feed-row__group">Group: {feed.group}</span>}
        {feed.movedFrom && <span className="muted">Moved from {feed.movedFrom}</span>}
      </th>
      <td>
        <FeedStatusBadge status={feed.status} enabled={feed.enabled} />
      </td>
      <td>
        {feed.lastError ? (
          <span className="feed-row__error" data-testid="feed-error">
            {feed.lastError}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
        {feed.failingSince && (
          <span className="feed-row__since">
            failing for {formatDuration(feed.failingSince, now)} ({plural(feed.consecutiveFailures, 'failed poll')})
          </span>
        )}
      </td>
      <td>
        <TimeAgo iso={feed.lastSuccessAt} />
      </td>
      <td className="numeric" title="average over the last 7 days">{feed.storiesPerDay}</td>
      <td className="numeric">{formatCount(feed.storyCount)}</td>
      {canManage && <FeedActions feed={feed} />}
    </tr>
  );
});

/** Poll now, enable/disable: admin only. */
function FeedActions({ feed }: { feed: Feed }) {
  const poll = usePollFeed();
  const update = useUpdateFeed();
  const pollMessage = poll.isPending ? 'Polling…' : poll.data ? describePoll(poll.data) : poll.error ? `Poll failed: ${describeError(poll.error)}` : null;
  return (
    <td className="feed-row__actions">
      <button type="button" onClick={() => poll.mutate(feed.id)} disabled={poll.isPending}>
        Poll now<span className="visually-hidden"> {feed.title}</span>
      </button>
      <button
        type="button"
        onClick={() => update.mutate({ id: feed.id, changes: { enabled: !feed.enabled } })}
        disabled={update.isPending}
      >
        {feed.enabled ? 'Disable' : 'Enable'}
        <span className="visually-hidden"> {feed.title}</span>
      </button>
      <p className="feed-row__result" role="status" aria-live="polite" data-testid="poll-result">
        {pollMessage}
        {update.error && `Could not change the feed: ${describeError(update.error)}`}
      </p>
    </td>
  );
}
