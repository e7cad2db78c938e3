import { useEffect, useState } from 'react';
import { WALL_VIEWS, type WallView } from './useKioskOptions';

/** The view on screen: pinned, rotating every `seconds`, or the overview. */
export function useRotation(pinned: WallView | null, seconds: number | null): WallView {
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (pinned || !seconds) return;
    const timer = setInterval(() => setIndex((current) => (current + 1) % WALL_VIEWS.length), seconds * 1000);
    return () => clearInterval(timer);
  }, [pinned, seconds]);
  if (pinned) return pinned;
  return seconds ? WALL_VIEWS[index]! : 'overview';
}
