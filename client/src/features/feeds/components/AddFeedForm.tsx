import { useState, type FormEvent } from 'react';
import { ApiRequestError, describeError } from '../../../lib/api-client';
import { useAddFeed } from '../api/feeds';

/** Subscribes to a feed URL or to a site that advertises one; the server's 400/409 message is shown as is. */
export function AddFeedForm() {
  const add = useAddFeed();
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [group, setGroup] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { url: url.trim(), ...(title.trim() ? { title: title.trim() } : {}), ...(group.trim() ? { group: group.trim() } : {}) },
      {
        onSuccess: () => {
          setUrl('');
          setTitle('');
        },
      },
    );
  };

  const duplicateOf = add.error instanceof ApiRequestError && add.error.statusCode === 409 ? add.error.existingId : null;
  const errorText = describeError(add.error);

  return (
    <form className="add-feed-form" data-testid="add-feed-form" onSubmit={submit} aria-labelledby="add-feed-heading">
      <h2 id="add-feed-heading">Add a feed</h2>
      <div className="form-grid">
        <label htmlFor="feed-url">Feed or site URL</label>
        <input
          id="feed-url"
          type="url"
          required
          value={url}
          placeholder="https://example.org/rss.xml"
          onChange={(event) => setUrl(event.target.value)}
          aria-describedby="feed-url-hint"
        />
        <p id="feed-url-hint" className="hint">
          A site address works too when the page links to its feed.
        </p>
        <label htmlFor="feed-title">Title (optional)</label>
        <input id="feed-title" value={title} onChange={(event) => setTitle(event.target.value)} />
        <label htmlFor="feed-group">Group (optional)</label>
        <input id="feed-group" value={group} onChange={(event) => setGroup(event.target.value)} />
      </div>
      <button type="submit" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add feed'}
      </button>
      <div aria-live="polite">
        {add.isError && (
          <p className="error-message" role="alert" data-testid="add-feed-error">
            <span aria-hidden="true">⚠ </span>
            {errorText}
            {duplicateOf !== null && !errorText.includes(String(duplicateOf)) && ` (existing feed #${duplicateOf})`}
          </p>
        )}
        {add.isSuccess && (
          <p className="success-message" role="status">
            <span aria-hidden="true">✓ </span>Added “{add.data.title || add.data.url}”.
            {add.data.url !== add.variables?.url && ` Subscribed to the feed the site advertises: ${add.data.url}`}
          </p>
        )}
      </div>
    </form>
  );
}
