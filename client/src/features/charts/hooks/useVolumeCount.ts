import { VOLUME_COUNTS, type VolumeCount } from '@sentinel/shared';
import { useCallback, useMemo } from 'react';
import { useUrlState } from '../../../lib/url-state';

/**
 * What the charts and the map count: `?count=stories` or `?count=events`, in the URL so that a
 * link or a wall's bookmark keeps it. Each page has its own default, left out of the URL to keep
 * links short: the workspace counts stories (analysts read and filter stories there), the wall
 * counts events (it is read across a room for what is happening, and ten outlets reporting one
 * airstrike are one airstrike).
 */
export function volumeCountOf(params: URLSearchParams, fallback: VolumeCount): VolumeCount {
  const asked = params.get('count');
  return (VOLUME_COUNTS as readonly string[]).includes(asked ?? '') ? (asked as VolumeCount) : fallback;
}

/** `params` with `count` set, or removed when it is the page's default. */
export function withVolumeCount(params: URLSearchParams, count: VolumeCount, fallback: VolumeCount): URLSearchParams {
  const next = new URLSearchParams(params);
  if (count === fallback) next.delete('count');
  else next.set('count', count);
  return next;
}

export function useVolumeCount(fallback: VolumeCount): [VolumeCount, (count: VolumeCount) => void] {
  const { params, setParams } = useUrlState();
  const count = useMemo(() => volumeCountOf(params, fallback), [params, fallback]);
  // Replaced, not pushed: switching what a chart counts is not a place to go back to.
  const setCount = useCallback((next: VolumeCount) => setParams(withVolumeCount(params, next, fallback), { replace: true }), [params, setParams, fallback]);
  return [count, setCount];
}
