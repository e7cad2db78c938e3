import type { AlertChannel } from '@sentinel/shared';
import { useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { useDeleteChannel, useUpdateChannel } from '../api/channels';

function describeChannel(channel: AlertChannel): string {
  if (channel.type === 'email') return `Email to ${channel.target}`;
  return `Webhook (${channel.format === 'slack' ? 'Slack format' : 'generic JSON'}) to ${channel.target}`;
}

export function ChannelRow({ channel }: { channel: AlertChannel }) {
  const update = useUpdateChannel();
  const remove = useDeleteChannel();
  const [confirming, setConfirming] = useState(false);
  const busy = update.isPending || remove.isPending;
  const failure = update.error ?? remove.error;
  const name = <span className="visually-hidden"> channel {channel.name}</span>;
  return (
    <li className={`channel-row${channel.enabled ? '' : ' channel-row--disabled'}`} data-testid="channel-row" data-channel-id={channel.id}>
      <div className="channel-row__text">
        <span className="channel-row__name">{channel.name}</span>{' '}
        <span className="channel-row__state">
          <span aria-hidden="true">{channel.enabled ? '● ' : '○ '}</span>
          {channel.enabled ? 'Enabled' : 'Disabled'}
        </span>
        <span className="channel-row__target">{describeChannel(channel)}</span>
      </div>
      <div className="channel-row__actions">
        <button type="button" disabled={busy} onClick={() => update.mutate({ id: channel.id, changes: { enabled: !channel.enabled } })}>
          {channel.enabled ? 'Disable' : 'Enable'}
          {name}
        </button>
        {confirming ? (
          <span role="group" aria-label={`Confirm deleting channel ${channel.name}`}>
            <button type="button" className="button-danger" disabled={busy} onClick={() => remove.mutate(channel.id)}>
              Delete{name}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)} autoFocus>
              Keep it
            </button>
          </span>
        ) : (
          <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
            Delete…{name}
          </button>
        )}
      </div>
      <p className="channel-row__result" role="status" aria-live="polite">
        {failure && `Could not change the channel: ${describeError(failure)}`}
      </p>
    </li>
  );
}
