import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { allStories, storyListQuery } from '../../../lib/stories-api';
import type { StoryFilter } from '../../../lib/story-filter';
import { volumeByTag, type VolumeSeries } from '../../../lib/volume';

export interface StoryVolume {
  byTopic: VolumeSeries;
  byRegion: VolumeSeries;
  /** How many stories the figures are based on: the pages the list has loaded, not every match. */
  basis: number;
  complete: boolean;
  isPending: boolean;
}

/**
 * Volume over time for the current filter, computed from the story pages already loaded by the
 * list (same query, no extra request). A server aggregate endpoint can replace the body of this
 * hook; the components only see StoryVolume.
 */
export function useStoryVolume(filter: StoryFilter): StoryVolume {
  const { data, isPending, hasNextPage } = useInfiniteQuery(storyListQuery(filter));
  return useMemo(() => {
    const stories = allStories(data);
    return {
      byTopic: volumeByTag(stories, (story) => story.topics),
      byRegion: volumeByTag(stories, (story) => story.regions),
      basis: stories.length,
      complete: !hasNextPage,
      isPending,
    };
  }, [data, hasNextPage, isPending]);
}
