import { describeFreshness } from './freshness';
import type { ConnectionSnapshot } from './realtime';

const now = Date.parse('2026-01-31T12:00:00Z');
const connected: ConnectionSnapshot = { status: 'connected', lastEventAt: now - 5_000, changedAt: now - 60_000, lastError: null, attempt: 0, everConnected: true };

describe('freshness line', () => {
  it('says live when events keep arriving', () => {
    expect(describeFreshness(connected, now - 5_000, now)).toMatchObject({ level: 'live', label: 'Live' });
  });

  it('says plainly that nothing has arrived when a connected socket goes silent', () => {
    const silent = { ...connected, lastEventAt: now - 7 * 60_000, changedAt: now - 60 * 60_000 };
    const freshness = describeFreshness(silent, now - 7 * 60_000, now);
    expect(freshness.level).toBe('quiet');
    expect(freshness.detail).toMatch(/nothing has arrived since/);
  });

  it('says the live feed was lost and how old the data on screen is', () => {
    const lost: ConnectionSnapshot = { ...connected, status: 'reconnecting', changedAt: now - 3 * 60_000, attempt: 4 };
    const freshness = describeFreshness(lost, now - 3 * 60_000, now);
    expect(freshness).toMatchObject({ level: 'offline', label: 'Offline' });
    expect(freshness.detail).toMatch(/^Live updates lost 3 min\. ago, retrying \(attempt 4\); data as of .+\.$/);
  });

  it('does not claim a connection was lost when it never existed', () => {
    const never: ConnectionSnapshot = { ...connected, status: 'reconnecting', everConnected: false, attempt: 2, lastEventAt: null };
    expect(describeFreshness(never, undefined, now).detail).toBe('Live updates unavailable, retrying (attempt 2).');
  });
});
