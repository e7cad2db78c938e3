import { LoginLimiter } from './login-limiter';

describe('LoginLimiter', () => {
  let now = 0;
  const limiter = () => new LoginLimiter({ windowMs: 60_000, perAccount: 3, perAddress: 5 }, () => now);

  beforeEach(() => (now = 1_000_000));

  it('allows attempts until an account reaches its limit, then says how long to wait', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfterSec('a@x', '1.1.1.1')).toBe(0);
      l.fail('a@x', '1.1.1.1');
      now += 1000;
    }
    expect(l.retryAfterSec('a@x', '1.1.1.1')).toBe(57); // the first failure (3 s ago) leaves the window 60 s after it
    expect(l.retryAfterSec('b@x', '2.2.2.2')).toBe(0); // other accounts from other addresses are not affected
  });

  it('limits an address that tries many accounts', () => {
    const l = limiter();
    for (let i = 0; i < 5; i++) l.fail(`user${i}@x`, '9.9.9.9');
    expect(l.retryAfterSec('fresh@x', '9.9.9.9')).toBeGreaterThan(0);
    expect(l.retryAfterSec('fresh@x', '8.8.8.8')).toBe(0);
  });

  it('forgets failures once they leave the window, and on a success', () => {
    const l = limiter();
    for (let i = 0; i < 3; i++) l.fail('a@x', '1.1.1.1');
    now += 60_001;
    expect(l.retryAfterSec('a@x', '1.1.1.1')).toBe(0);
    for (let i = 0; i < 2; i++) l.fail('a@x', '1.1.1.1');
    l.succeed('a@x', '1.1.1.1');
    l.fail('a@x', '1.1.1.1');
    expect(l.retryAfterSec('a@x', '1.1.1.1')).toBe(0);
  });

  it('keeps its memory bounded under a flood of distinct accounts', () => {
    const l = limiter();
    for (let i = 0; i < 30_000; i++) l.fail(`flood${i}@x`, `10.0.${i >> 8}.${i & 255}`);
    expect((l as unknown as { failures: Map<string, number[]> }).failures.size).toBeLessThanOrEqual(10_000);
  });
});
