import { ErrorMessage } from '../../../components/ErrorMessage';
import { useAlertChannels } from '../api/channels';

/** Which channels a rule delivers to, as checkboxes; the dashboard always gets every alert. */
export function ChannelPicker({ selected, onChange }: { selected: number[]; onChange: (channels: number[]) => void }) {
  const channels = useAlertChannels();
  const toggle = (id: number, on: boolean) => onChange(on ? [...selected, id] : selected.filter((item) => item !== id));
  // A rule may still point at a channel this list does not show (deleted meanwhile); keep it visible so it can be unticked.
  const unknown = channels.data ? selected.filter((id) => !channels.data.some((channel) => channel.id === id)) : [];
  return (
    <fieldset className="rule-form__channels">
      <legend>Deliver to</legend>
      <p className="hint">The dashboard always shows every alert. Tick the channels that should also receive it.</p>
      {channels.isPending && <p className="muted">Loading channels…</p>}
      {channels.isError && <ErrorMessage error={channels.error} prefix="Could not load channels" />}
      {channels.data?.length === 0 && <p className="muted">No channels yet: add a webhook or an email address under Channels.</p>}
      {channels.data?.map((channel) => (
        <label key={channel.id} className="checkbox">
          <input type="checkbox" checked={selected.includes(channel.id)} onChange={(event) => toggle(channel.id, event.target.checked)} />
          <span>
            {channel.name} <span className="muted">({channel.type === 'email' ? `email to ${channel.target}` : `webhook, ${channel.format}`}
            {channel.enabled ? '' : ', disabled'})</span>
          </span>
        </label>
      ))}
      {unknown.map((id) => (
        <label key={id} className="checkbox">
          <input type="checkbox" checked onChange={() => toggle(id, false)} />
          <span>Channel #{id} (no longer exists)</span>
        </label>
      ))}
    </fieldset>
  );
}
