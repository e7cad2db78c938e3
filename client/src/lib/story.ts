import type { Story } from '@sentinel/shared';
import type { Place, TagEvidence } from '@sentinel/shared/taxonomy';

export type { Place, TagEvidence };

/**
 * A story as the API sends it once tagging is in place. `places` and `why` are optional because
 * a server without tagging omits them (and one without events omits `clusterId`); read them through the helpers below.
 */
export type TaggedStory = Story & { places?: Place[]; why?: TagEvidence[]; clusterId?: number | null };

export function storyPlaces(story: TaggedStory): Place[] {
  return Array.isArray(story.places) ? story.places : [];
}

export function storyEvidence(story: TaggedStory, kind: TagEvidence['kind'], tag: string): TagEvidence[] {
  return Array.isArray(story.why) ? story.why.filter((item) => item.kind === kind && item.tag === tag) : [];
}

/** Newest first, and each id once: the order and identity rules of every story cache. */
export function mergeStories(incoming: readonly TaggedStory[], existing: readonly TaggedStory[], max: number): TaggedStory[] {
  const seen = new Set<number>();
  const merged: TaggedStory[] = [];
  for (const story of [...incoming, ...existing]) {
    if (seen.has(story.id)) continue;
    seen.add(story.id);
    merged.push(story);
    if (merged.length >= max) break;
  }
  return merged;
}

/** Replaces a story in place when present; returns the same array when it is not, so React skips a render. */
export function replaceStory<T extends TaggedStory>(list: readonly T[], story: T): readonly T[] {
  const index = list.findIndex((item) => item.id === story.id);
  if (index === -1) return list;
  const next = list.slice();
  next[index] = story;
  return next;
}
