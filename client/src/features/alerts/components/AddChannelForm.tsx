import type { ChannelType, SaveChannelRequest } from '@sentinel/shared';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../../lib/api-client';
import { useCreateChannel } from '../api/channels';

/** 32 random bytes as hex: a secret strong enough for HMAC-SHA256 that the reader can copy to the receiver. */
function randomSecret(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Adds a webhook (URL, signing secret, generic or Slack format) or an email address. */
export function AddChannelForm() {
  const create = useCreateChannel();
  const [type, setType] = useState<ChannelType>('webhook');
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [format, setFormat] = useState<'generic' | 'slack'>('generic');
  const [to, setTo] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request: SaveChannelRequest =
      type === 'webhook' ? { type, name: name.trim(), url: url.trim(), secret, format } : { type, name: name.trim(), to: to.trim() };
    create.mutate(request, {
      onSuccess: () => {
        setName('');
        setUrl('');
        setSecret('');
        setTo('');
      },
    });
  };

  return (
    <form className="add-channel-form" data-testid="add-channel-form" onSubmit={submit} aria-labelledby="add-channel-heading">
      <h3 id="add-channel-heading">Add a channel</h3>
      <fieldset className="add-channel-form__type">
        <legend>Type</legend>
        <label className="checkbox">
          <input type="radio" name="channel-type" value="webhook" checked={type === 'webhook'} onChange={() => setType('webhook')} />
          Webhook
        </label>
        <label className="checkbox">
          <input type="radio" name="channel-type" value="email" checked={type === 'email'} onChange={() => setType('email')} />
          Email
        </label>
      </fieldset>
      <div className="form-grid">
        <label htmlFor="channel-name">Channel name</label>
        <input id="channel-name" required value={name} onChange={(event) => setName(event.target.value)} />
        {type === 'webhook' ? (
          <>
            <label htmlFor="channel-url">URL</label>
            <input id="channel-url" type="url" required value={url} placeholder="https://hooks.example.org/sentinel" onChange={(event) => setUrl(event.target.value)} />
            <label htmlFor="channel-secret">Signing secret</label>
            <div className="add-channel-form__secret">
              <input
                id="channel-secret"
                required
                minLength={8}
                autoComplete="off"
                spellCheck={false}
                value={secret}
                aria-describedby="channel-secret-hint"
                onChange={(event) => setSecret(event.target.value)}
              />
              <button type="button" onClick={() => setSecret(randomSecret())}>
                Generate
              </button>
            </div>
            <p id="channel-secret-hint" className="hint">
              Each POST carries X-Sentinel-Signature: sha256=HMAC of “timestamp.body” with this secret. Copy it now: it is not shown again.
            </p>
            <label htmlFor="channel-format">Format</label>
            <select id="channel-format" value={format} onChange={(event) => setFormat(event.target.value as 'generic' | 'slack')}>
              <option value="generic">Generic JSON</option>
              <option value="slack">Slack-compatible</option>
            </select>
          </>
        ) : (
          <>
            <label htmlFor="channel-to">Email address</label>
            <input id="channel-to" type="email" required value={to} onChange={(event) => setTo(event.target.value)} />
          </>
        )}
      </div>
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Adding…' : 'Add channel'}
      </button>
      <div aria-live="polite">
        {create.isError && (
          <p className="error-message" role="alert" data-testid="add-channel-error">
            <span aria-hidden="true">⚠ </span>
            {describeError(create.error)}
          </p>
        )}
        {create.isSuccess && (
          <p className="success-message" role="status">
            <span aria-hidden="true">✓ </span>Added “{create.data.name}”.
          </p>
        )}
      </div>
    </form>
  );
}
