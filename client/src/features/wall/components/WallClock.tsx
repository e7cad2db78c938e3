import { useNow } from '../../../lib/use-now';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const local = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const localDate = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const utc = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'UTC' });

export function WallClock() {
  const now = useNow(1_000);
  return (
    <div className="wall-clock" aria-label="Clock">
      <time className="wall-clock__time" dateTime={new Date(now).toISOString()}>
        {local.format(now)}
      </time>
      <span className="wall-clock__zone">
        {localDate.format(now)} · {zone}
        {zone !== 'UTC' && ` · ${utc.format(now)} UTC`}
      </span>
    </div>
  );
}
