import { type StoryFilter, storyFilterWords } from '@sentinel/shared';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { DatabaseKind } from '../database/data-source';

/**
 * Narrows a query over `stories s` to the stories that pass `filter`: the SQL form of
 * `storyMatchesFilter` (shared/src/story-filter.ts), clause for clause, proven equal by
 * test/integration/api/story-filter-contract.test.ts. A story's feeds are the feeds of its
 * sources (the first feed is always one of them). The story list and the volume statistics
 * both use it, so a filter means the same in both.
 *
 * Returns false when no story can pass (only regions nobody knows); the caller then answers
 * "nothing" without asking the database.
 */
export function whereStoryMatches<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, filter: StoryFilter, resolveRegion: (id: string) => readonly string[] | null, kind: DatabaseKind): boolean {
  if (filter.regions?.length) {
    const countries = [...new Set(filter.regions.flatMap((id) => resolveRegion(id) ?? []))];
    // Only regions nobody knows: as in the matcher, nothing passes.
    if (countries.length === 0) return false;
    qb.andWhere(`s.id IN (SELECT rt.story_id FROM story_tags rt WHERE rt.kind = 'region' AND rt.value IN (:...regions))`, { regions: countries });
  }
  if (filter.topics?.length) {
    qb.andWhere(`s.id IN (SELECT tt.story_id FROM story_tags tt WHERE tt.kind = 'topic' AND tt.value IN (:...topics))`, { topics: filter.topics });
  }
  if (filter.feedId !== undefined) {
    qb.andWhere('s.id IN (SELECT ss.story_id FROM story_sources ss WHERE ss.feed_id = :feedId)', { feedId: filter.feedId });
  }
  if (filter.group !== undefined) {
    qb.andWhere('s.id IN (SELECT gs.story_id FROM story_sources gs INNER JOIN feeds gf ON gf.id = gs.feed_id WHERE gf.feed_group = :group)', { group: filter.group });
  }
  if (filter.since !== undefined) qb.andWhere('s.published_at >= :since', { since: Date.parse(filter.since) });
  if (filter.until !== undefined) qb.andWhere('s.published_at < :until', { until: Date.parse(filter.until) });
  const words = storyFilterWords(filter);
  if (words.length) {
    if (kind === 'postgres') {
      // The same expression as the GIN index, so that the index answers it.
      qb.andWhere(`string_to_array(s.search_text, ' ') @> CAST(:words AS text[])`, { words });
    } else {
      // Each word quoted, so FTS5 operators in user input are plain text.
      const match = words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');
      qb.andWhere('s.id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH :match)', { match });
    }
  }
  return true;
}
