import type { Principal, Story } from '@sentinel/shared';

/** A region id (ISO code or macro-region) to the country codes it covers; null when unknown. */
export type RegionResolver = (id: string) => string[] | null;

/**
 * Whether a story lies in a caller's scope (a wall token limited to regions and/or topics):
 * any of its countries in the scope's regions (macro-regions expanded), any of its topics in the
 * scope's topics, both when both are given. An empty scope admits everything; an unknown region
 * admits nothing, so a stale scope fails closed. The same rule as the stories list's filters.
 */
export function storyInScope(scope: Principal['scope'], story: Pick<Story, 'regions' | 'topics'> | null, resolveRegion: RegionResolver): boolean {
  if (scope.regions.length === 0 && scope.topics.length === 0) return true;
  if (!story) return false;
  if (scope.regions.length) {
    const countries = new Set(scope.regions.flatMap((id) => resolveRegion(id) ?? []));
    if (!story.regions.some((code) => countries.has(code))) return false;
  }
  if (scope.topics.length && !story.topics.some((topic) => scope.topics.includes(topic))) return false;
  return true;
}
