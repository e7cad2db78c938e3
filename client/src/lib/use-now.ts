import { useSyncExternalStore } from 'react';

/**
 * One shared timer per interval for every "3 min ago" on screen, instead of one per row; a wall
 * with fifty stories must not run fifty timers for weeks. The timer stops when nothing listens.
 */
interface Ticker {
  now: number;
  subscribe: (onChange: () => void) => () => void;
  getSnapshot: () => number;
}

const tickers = new Map<number, Ticker>();

function createTicker(intervalMs: number): Ticker {
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  const ticker: Ticker = {
    now: Date.now(),
    // Stable per interval: React resubscribes whenever this function changes identity.
    subscribe: (onChange) => {
      listeners.add(onChange);
      if (!timer) {
        timer = setInterval(() => {
          ticker.now = Date.now();
          for (const listener of listeners) listener();
        }, intervalMs);
      }
      return () => {
        listeners.delete(onChange);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    getSnapshot: () => ticker.now,
  };
  return ticker;
}

export function useNow(intervalMs = 30_000): number {
  let ticker = tickers.get(intervalMs);
  if (!ticker) {
    ticker = createTicker(intervalMs);
    tickers.set(intervalMs, ticker);
  }
  // A ticker idle for a while would hand out an old time on first use; bring it up to date.
  if (Date.now() - ticker.now > intervalMs) ticker.now = Date.now();
  return useSyncExternalStore(ticker.subscribe, ticker.getSnapshot);
}
