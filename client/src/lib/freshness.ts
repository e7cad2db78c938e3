import { formatAge, formatTime } from './format';
import type { ConnectionSnapshot } from './realtime';

/**
 * What a screen may claim about its data. The wall is read from across a room, so when the live
 * connection is down or silent it must say so in words instead of looking live.
 */
export type FreshnessLevel = 'live' | 'quiet' | 'connecting' | 'offline';

export interface Freshness {
  level: FreshnessLevel;
  /** Short, for a badge: "Live", "Offline". */
  label: string;
  /** One sentence with the times that matter. */
  detail: string;
}

export const QUIET_AFTER_MS = 5 * 60_000;

function ago(time: number, now: number): string {
  return formatAge(new Date(time).toISOString(), now);
}

/** `lastDataAt` undefined: the caller does not track data age, so nothing is said about it. */
export function describeFreshness(
  connection: ConnectionSnapshot,
  lastDataAt: number | null | undefined,
  now: number,
  quietAfterMs = QUIET_AFTER_MS,
): Freshness {
  const dataAsOf =
    lastDataAt === undefined ? '' : lastDataAt ? `; data as of ${formatTime(lastDataAt)} (${ago(lastDataAt, now)})` : '; no data loaded yet';
  switch (connection.status) {
    case 'connected': {
      const lastSignal = Math.max(connection.lastEventAt ?? 0, connection.changedAt);
      if (now - lastSignal > quietAfterMs) {
        return { level: 'quiet', label: 'No updates', detail: `Connected, but nothing has arrived since ${formatTime(lastSignal)} (${ago(lastSignal, now)})${dataAsOf}.` };
      }
      const last = connection.lastEventAt ? `last update ${ago(connection.lastEventAt, now)}` : 'waiting for the first update';
      return { level: 'live', label: 'Live', detail: `Live: ${last}.` };
    }
    case 'connecting':
      return { level: 'connecting', label: 'Connecting', detail: `Connecting to live updates${dataAsOf}.` };
    case 'reconnecting': {
      const attempt = `retrying (attempt ${Math.max(1, connection.attempt)})`;
      const what = connection.everConnected ? `Live updates lost ${ago(connection.changedAt, now)}` : 'Live updates unavailable';
      return { level: 'offline', label: 'Offline', detail: `${what}, ${attempt}${dataAsOf}.` };
    }
    case 'disconnected':
      return { level: 'offline', label: 'Offline', detail: `Not connected to live updates${dataAsOf}.` };
  }
}
