import { useCallback, useMemo } from 'react';
import { parseStoryFilter, writeStoryFilter, type StoryFilter } from '../../../lib/story-filter';
import { useUrlState } from '../../../lib/url-state';

/** The workspace's filter and selected story, read from and written to the URL. */
export function useStoryFilterState() {
  const { params, setParams } = useUrlState();
  const filter = useMemo(() => parseStoryFilter(params), [params]);
  const selectedId = useMemo(() => {
    const id = Number(params.get('story'));
    return Number.isInteger(id) && id > 0 ? id : null;
  }, [params]);

  const setFilter = useCallback(
    (next: StoryFilter) => {
      const written = writeStoryFilter(next, params);
      setParams(written);
    },
    [params, setParams],
  );

  const selectStory = useCallback(
    (id: number | null) => {
      const next = new URLSearchParams(params);
      if (id === null) next.delete('story');
      else next.set('story', String(id));
      setParams(next);
    },
    [params, setParams],
  );

  return { filter, setFilter, selectedId, selectStory };
}
