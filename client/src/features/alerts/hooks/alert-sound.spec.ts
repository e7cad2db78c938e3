import { shouldRing } from './alert-sound';

const NOW = Date.parse('2026-01-31T12:00:00.000Z');

describe('the beep on a new alert', () => {
  const fired = (msAgo: number) => ({ firedAt: new Date(NOW - msAgo).toISOString() });
  it('rings for a fresh alert but not for one replayed long after it fired', () => {
    expect(shouldRing(fired(1_000), NOW, 0)).toBe(true);
    expect(shouldRing(fired(10 * 60_000), NOW, 0)).toBe(false);
  });
  it('rings once for a burst of alerts', () => {
    expect(shouldRing(fired(0), NOW, NOW - 500)).toBe(false);
  });
});
