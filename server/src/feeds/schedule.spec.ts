import {
  failureIntervalSec,
  healthyIntervalSec,
  isStale,
  MAX_RETRY_AFTER_SEC,
  publishRhythmSec,
  withJitter,
} from './schedule';

const limits = { minIntervalSec: 120, maxIntervalSec: 3600 };
const minute = 60_000;

describe('publishRhythmSec', () => {
  it('is the median gap between the newest items', () => {
    const now = Date.now();
    expect(publishRhythmSec([now, now - 10 * minute, now - 20 * minute, now - 90 * minute])).toBe(600);
  });
  it('is unknown with fewer than three dated items', () => {
    expect(publishRhythmSec([Date.now(), Date.now() - minute])).toBeNull();
  });
});

describe('healthyIntervalSec', () => {
  it('polls a busy feed at the minimum interval', () => {
    expect(healthyIntervalSec({ intervalSec: null, publishIntervalSec: 30 }, limits)).toBe(120);
  });
  it('polls at half the rhythm in between', () => {
    expect(healthyIntervalSec({ intervalSec: null, publishIntervalSec: 1200 }, limits)).toBe(600);
  });
  it('polls a quiet feed at the maximum interval', () => {
    expect(healthyIntervalSec({ intervalSec: null, publishIntervalSec: 86_400 }, limits)).toBe(3600);
  });
  it('keeps an interval a person chose', () => {
    expect(healthyIntervalSec({ intervalSec: 300, publishIntervalSec: 30 }, limits)).toBe(300);
  });
});

describe('failureIntervalSec', () => {
  it('doubles with each consecutive failure up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 30].map((n) => failureIntervalSec(n, limits))).toEqual([120, 240, 480, 960, 1920, 3600, 3600]);
  });
  it('honours a Retry-After longer than the back-off, within a bound', () => {
    expect(failureIntervalSec(1, limits, 900)).toBe(900);
    expect(failureIntervalSec(1, limits, 10 * 86_400)).toBe(MAX_RETRY_AFTER_SEC);
    expect(failureIntervalSec(3, limits, 10)).toBe(480);
  });
});

describe('withJitter', () => {
  it('stays within ten per cent either side', () => {
    expect(withJitter(1000, () => 0)).toBe(900);
    expect(withJitter(1000, () => 0.999999)).toBe(1100);
  });
});

describe('isStale', () => {
  const now = Date.now();
  it('flags a feed silent for five times its rhythm and at least six hours', () => {
    expect(isStale(now - 7 * 3600_000, 3600, now)).toBe(true);
    expect(isStale(now - 5 * 3600_000, 3600, now)).toBe(false);
    expect(isStale(now - 4 * 86_400_000, 86_400, now)).toBe(false);
    expect(isStale(now - 6 * 86_400_000, 86_400, now)).toBe(true);
  });
  it('uses three days when the rhythm is unknown, and never flags a feed with no dated items', () => {
    expect(isStale(now - 4 * 86_400_000, null, now)).toBe(true);
    expect(isStale(now - 2 * 86_400_000, null, now)).toBe(false);
    expect(isStale(null, null, now)).toBe(false);
  });
});
