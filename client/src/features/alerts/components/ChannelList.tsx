import { ErrorMessage } from '../../../components/ErrorMessage';
import { useAlertChannels } from '../api/channels';
import { AddChannelForm } from './AddChannelForm';
import { ChannelRow } from './ChannelRow';

/** Where alerts go besides the dashboard. */
export function ChannelList() {
  const channels = useAlertChannels();
  return (
    <section className="alerts-panel channel-list" aria-labelledby="channel-list-heading">
      <div className="panel-heading">
        <h2 id="channel-list-heading">Channels</h2>
        <span className="panel-heading__note">The dashboard gets every alert; channels deliver them elsewhere.</span>
      </div>
      {channels.isPending && <p className="muted">Loading channels…</p>}
      {channels.isError && <ErrorMessage error={channels.error} prefix="Could not load channels" />}
      {channels.data?.length === 0 && <p className="muted">No channels yet.</p>}
      {channels.data && channels.data.length > 0 && (
        <ul className="channel-list__items">
          {channels.data.map((channel) => (
            <ChannelRow key={channel.id} channel={channel} />
          ))}
        </ul>
      )}
      <AddChannelForm />
    </section>
  );
}
