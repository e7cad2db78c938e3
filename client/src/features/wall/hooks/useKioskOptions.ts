import { useMemo } from 'react';
import { parseStoryFilter, storyFilterKey, type StoryFilter } from '../../../lib/story-filter';
import { useUrlState } from '../../../lib/url-state';

/**
 * Kiosk options, all from the URL so a wall is configured by its bookmark:
 * `?regions=SY,IQ&topics=prison-break` scopes it, `?rotate=60` cycles the views every 60 s,
 * `?view=map` pins one view, `?theme=light` for bright rooms. `?count=stories` makes the chart,
 * map and top regions count stories instead of events (read by features/charts/hooks/useVolumeCount).
 */
export const WALL_VIEWS = ['overview', 'map', 'trends'] as const;
export type WallView = (typeof WALL_VIEWS)[number];

export interface KioskOptions {
  scope: StoryFilter;
  scopeKey: string;
  rotateSeconds: number | null;
  theme: 'dark' | 'light';
  view: WallView | null;
}

const MIN_ROTATE_SECONDS = 10;

export function useKioskOptions(): KioskOptions {
  const { search } = useUrlState();
  return useMemo(() => {
    const params = new URLSearchParams(search);
    // The wall always shows "now": a time range in the link would make it look live while frozen.
    const scope: StoryFilter = { ...parseStoryFilter(params), range: 'all', since: null, until: null };
    const rotate = Number(params.get('rotate'));
    const view = params.get('view') as WallView | null;
    return {
      scope,
      scopeKey: storyFilterKey(scope),
      rotateSeconds: Number.isFinite(rotate) && rotate > 0 ? Math.max(MIN_ROTATE_SECONDS, Math.round(rotate)) : null,
      theme: params.get('theme') === 'light' ? 'light' : 'dark',
      view: view && (WALL_VIEWS as readonly string[]).includes(view) ? view : null,
    };
  }, [search]);
}
