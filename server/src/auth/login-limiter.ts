/**
 * Counts failed sign-ins per account and per address in a sliding window. Past the limit a
 * sign-in is refused (429 with Retry-After) until the oldest failure leaves the window; a
 * success clears both counts. Memory is bounded: at most MAX_KEYS keys, the stalest dropped.
 *
 * Kept in memory: a restart forgives, which is acceptable (an attacker cannot restart the
 * server), and an instance of a cluster counts its own attempts (see the README).
 */
export interface LoginLimits {
  windowMs: number;
  perAccount: number;
  perAddress: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 };
const MAX_KEYS = 10_000;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before another attempt, or 0 when one is allowed now. */
  retryAfterSec(account: string, address: string): number {
    const wait = Math.max(this.wait(`a:${account}`, this.limits.perAccount), this.wait(`ip:${address}`, this.limits.perAddress));
    return Math.ceil(wait / 1000);
  }

  fail(account: string, address: string): void {
    for (const key of [`a:${account}`, `ip:${address}`]) {
      const times = this.recent(key);
      times.push(this.now());
      this.failures.delete(key);
      this.failures.set(key, times.slice(-Math.max(this.limits.perAccount, this.limits.perAddress)));
    }
    while (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value as string);
  }

  succeed(account: string, address: string): void {
    this.failures.delete(`a:${account}`);
    this.failures.delete(`ip:${address}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > cutoff);
  }

  private wait(key: string, limit: number): number {
    const times = this.recent(key);
    if (times.length < limit) return 0;
    return times[times.length - limit] + this.limits.windowMs - this.now();
  }
}
