import { MACRO_REGION_IDS, type StoryFilter, type StoryTags, storyFilterWords } from '@sentinel/shared';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { DatabaseKind } from '../database/data-source';
import { StoryEntity, StoryTagEntity } from '../database/entities';
import { taxonomy } from '../tagging';

/**
 * Story filters as SQL: the rows of `story_tags` a story gets, and the conditions that read them.
 *
 * `story_tags` holds one row per country (`region`), per macro-region of those countries
 * (`macro`) and per topic of a story, each with the story's `published_at`, under the index
 * (kind, value, published_at, story_id). One value of a filter is thus one index range already in
 * the list's order: a page of "middle-east" walks that range newest first and stops after
 * `limit` rows, however many stories the region has.
 *
 * Macro rows follow the gazetteer's membership (tagging/data, the same data `resolveRegion`
 * reads) at the time they are written. A re-tag writes the rows of the stories whose tags it
 * changes again; a release that moves a country to another macro-region must ship a migration
 * that calls `rewriteMacroRegionRows` (see 1764835200000-tag-rows-by-time.ts), or the SQL and
 * the shared matcher would disagree about the stories of the old and the new macro-region.
 */

/** What a row of `story_tags` stands for: a country, a macro-region (of one of the story's countries) or a topic. */
export type StoryTagKind = 'region' | 'macro' | 'topic';

export interface StoryTagKey {
  kind: StoryTagKind;
  value: string;
}

/** The most characters of a value in `story_tags` (the column's length). */
const TAG_VALUE_LENGTH = 64;

let macroOfCountry: ReadonlyMap<string, string> | undefined;

/** The macro-region of a country in the gazetteer, as the taxonomy (and so `resolveRegion`) has it. */
function macroRegionOf(country: string): string | undefined {
  macroOfCountry ??= new Map(taxonomy().regions.map((region) => [region.code, region.macroRegion]));
  return macroOfCountry.get(country);
}

/** The filter rows of a story: its countries, the macro-regions they belong to and its topics. */
export function storyTagKeys(tags: Pick<StoryTags, 'regions' | 'topics'>): StoryTagKey[] {
  const regions = [...new Set(tags.regions)];
  const macros = new Set(regions.map(macroRegionOf).filter((macro): macro is string => macro !== undefined));
  const topics = new Set(tags.topics.map((topic) => topic.slice(0, TAG_VALUE_LENGTH)));
  return [
    ...regions.map((value) => ({ kind: 'region' as const, value })),
    ...[...macros].map((value) => ({ kind: 'macro' as const, value })),
    ...[...topics].map((value) => ({ kind: 'topic' as const, value })),
  ];
}

/** A part of a filter that tag rows answer: a story passes when it has a row with any of these keys. */
type TagCondition = StoryTagKey[];

/**
 * The filter's regions and topics as tag conditions; null when no story can pass (only regions
 * nobody knows). Countries that make up a whole macro-region are asked as that macro-region's
 * one row, so a wall scoped to "middle-east" (whose regions arrive as its countries) reads one
 * index range too.
 */
function tagConditions(filter: StoryFilter, resolveRegion: (id: string) => readonly string[] | null): { regions?: TagCondition; topics?: TagCondition } | null {
  const conditions: { regions?: TagCondition; topics?: TagCondition } = {};
  if (filter.regions?.length) {
    const countries = new Set(filter.regions.flatMap((id) => resolveRegion(id) ?? []));
    // Only regions nobody knows: as in the matcher, nothing passes.
    if (countries.size === 0) return null;
    const keys: StoryTagKey[] = [];
    const covered = new Set<string>();
    for (const macro of MACRO_REGION_IDS) {
      const members = resolveRegion(macro) ?? [];
      if (members.length === 0 || !members.every((code) => countries.has(code))) continue;
      keys.push({ kind: 'macro', value: macro });
      for (const code of members) covered.add(code);
    }
    for (const code of countries) if (!covered.has(code)) keys.push({ kind: 'region', value: code });
    conditions.regions = keys;
  }
  if (filter.topics?.length) conditions.topics = [...new Set(filter.topics)].map((value) => ({ kind: 'topic' as const, value }));
  return conditions;
}

/** `(a.kind = 'macro' AND a.value IN (...)) OR (...)`, one term per kind, with parameters named after `alias`. */
function keysSql(alias: string, keys: TagCondition): { sql: string; params: ObjectLiteral } {
  const params: ObjectLiteral = {};
  const terms: string[] = [];
  for (const kind of ['region', 'macro', 'topic'] as const) {
    const values = keys.filter((key) => key.kind === kind).map((key) => key.value);
    if (values.length === 0) continue;
    params[`${alias}_${kind}`] = values;
    terms.push(`(${alias}.kind = '${kind}' AND ${alias}.value IN (:...${alias}_${kind}))`);
  }
  if (terms.length === 1) return { sql: terms[0], params };
  // Macro-regions and countries together: SQLite reads an OR as a set of rows to sort. The two
  // lists before it (a few key pairs that match nothing besides) are index ranges it walks in order.
  params[`${alias}_kinds`] = [...new Set(keys.map((key) => key.kind))];
  params[`${alias}_values`] = [...new Set(keys.map((key) => key.value))];
  return { sql: `(${alias}.kind IN (:...${alias}_kinds) AND ${alias}.value IN (:...${alias}_values) AND (${terms.join(' OR ')}))`, params };
}

/**
 * Where the rows of a query come from. `stories s` by default; a page of the list instead names
 * the columns of the rows it walks in order and the tag condition those rows already answer.
 */
interface FilterTarget {
  /** The story id and published_at of a row of the query. */
  id: string;
  publishedAt: string;
  /** The tag condition the query's own rows stand for: not asked again. */
  answered?: 'regions' | 'topics';
  /**
   * The query walks an index in the page's order and must keep doing so: each other condition
   * is a set built once and checked row by row (or, for tags, a look-up by story id), never a
   * list the planner could start from and then sort.
   */
  ordered: boolean;
}

const STORIES: FilterTarget = { id: 's.id', publishedAt: 's.published_at', ordered: false };

/**
 * Narrows a query over `stories s` to the stories that pass `filter`: the SQL form of
 * `storyMatchesFilter` (shared/src/story-filter.ts), clause for clause, proven equal by
 * test/integration/api/story-filter-contract.test.ts. A story's feeds are the feeds of its
 * sources (the first feed is always one of them). The story list (through `storyPageIds`) and the
 * volume statistics both use it, so a filter means the same in both.
 *
 * Returns false when no story can pass (only regions nobody knows); the caller then answers
 * "nothing" without asking the database.
 */
export function whereStoryMatches<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  filter: StoryFilter,
  resolveRegion: (id: string) => readonly string[] | null,
  kind: DatabaseKind,
  target: FilterTarget = STORIES,
): boolean {
  const tags = tagConditions(filter, resolveRegion);
  if (!tags) return false;
  // On SQLite a unary + keeps the planner from reading `id IN (set)` as the rows to start from.
  const id = target.ordered && kind === 'sqlite' ? `+${target.id}` : target.id;
  for (const [part, alias] of [['regions', 'rt'], ['topics', 'tt']] as const) {
    const condition = tags[part];
    if (!condition || part === target.answered) continue;
    const keys = keysSql(alias, condition);
    if (target.ordered) {
      // A look-up of the walked story's own rows (primary key story_id, kind, value).
      qb.andWhere(`EXISTS (SELECT 1 FROM story_tags ${alias} WHERE ${alias}.story_id = ${target.id} AND ${keys.sql})`, keys.params);
    } else {
      qb.andWhere(`${target.id} IN (SELECT ${alias}.story_id FROM story_tags ${alias} WHERE ${keys.sql})`, keys.params);
    }
  }
  if (filter.feedId !== undefined) {
    qb.andWhere(`${id} IN (SELECT ss.story_id FROM story_sources ss WHERE ss.feed_id = :feedId)`, { feedId: filter.feedId });
  }
  if (filter.group !== undefined) {
    qb.andWhere(`${id} IN (SELECT gs.story_id FROM story_sources gs INNER JOIN feeds gf ON gf.id = gs.feed_id WHERE gf.feed_group = :group)`, { group: filter.group });
  }
  if (filter.since !== undefined) qb.andWhere(`${target.publishedAt} >= :since`, { since: Date.parse(filter.since) });
  if (filter.until !== undefined) qb.andWhere(`${target.publishedAt} < :until`, { until: Date.parse(filter.until) });
  const words = storyFilterWords(filter);
  if (words.length) {
    if (kind === 'postgres') {
      // The same expression as the GIN index, so that the index answers it.
      const contains = `string_to_array(%.search_text, ' ') @> CAST(:words AS text[])`;
      if (target.id === STORIES.id) qb.andWhere(contains.replace('%', 's'), { words });
      else qb.andWhere(`${id} IN (SELECT ws.id FROM stories ws WHERE ${contains.replace('%', 'ws')})`, { words });
    } else {
      // Each word quoted, so FTS5 operators in user input are plain text. FTS5 answers a whole
      // MATCH at once (asked for one rowid it still reads every list), so it is always a set.
      const match = words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');
      qb.andWhere(`${id} IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH :match)`, { match });
    }
  }
  return true;
}

/**
 * The ids of one page of the stories that pass `filter`, newest first by (published_at, id),
 * read from an index already in that order so that LIMIT ends the walk:
 * - with regions or topics, the tag rows of one of them (topics first: they are the narrower
 *   part of a filter): one key is one range of story_tags_published_idx; on SQLite several keys
 *   (two countries, two topics) are the first rows of each range, merged;
 * - otherwise stories_published_idx. The other conditions are checked on each row walked: tags
 *   by a look-up of the story's rows; words, feed and group as a set built once (on SQLite; on
 *   PostgreSQL its planner chooses), so that common and rare words alike cost at most one set and
 *   one walk, where a set to sort would grow with the stories that have a common word.
 * Null when no story can pass.
 */
export function storyPageIds(
  dataSource: DataSource,
  filter: StoryFilter,
  resolveRegion: (id: string) => readonly string[] | null,
  kind: DatabaseKind,
  page: { limit: number; before?: { publishedAt: number; id: number } },
): SelectQueryBuilder<ObjectLiteral> | null {
  const tags = tagConditions(filter, resolveRegion);
  if (!tags) return null;
  const parts = ['topics', 'regions'] as const;
  // Several keys: SQLite reads each key's range in order and stops it after `limit` rows (its
  // ORDER BY ... LIMIT over an IN list); PostgreSQL 15 would read and sort every row of them,
  // so there the stories' index is walked and its planner weighs the conditions.
  const driver = parts.find((part) => tags[part]?.length === 1) ?? (kind === 'sqlite' ? parts.find((part) => tags[part]) : undefined);
  const qb = dataSource.createQueryBuilder();
  let target: FilterTarget;
  if (driver) {
    const keys = keysSql('d', tags[driver] as TagCondition);
    target = { id: 'd.story_id', publishedAt: 'd.published_at', answered: driver, ordered: true };
    qb.select(['d.story_id AS id', 'd.published_at AS published_at']).from(StoryTagEntity, 'd').where(keys.sql, keys.params);
    // A story with two of the keys (Syria and Iraq) has a row for each.
    if ((tags[driver] as TagCondition).length > 1) qb.distinct(true);
  } else {
    target = { ...STORIES, ordered: true };
    qb.select(['s.id AS id', 's.published_at AS published_at']).from(StoryEntity, 's');
  }
  if (!whereStoryMatches(qb, filter, resolveRegion, kind, target)) return null;
  if (page.before) {
    qb.andWhere(`(${target.publishedAt} < :bp OR (${target.publishedAt} = :bp AND ${target.id} < :bid))`, { bp: page.before.publishedAt, bid: page.before.id });
  }
  return qb.orderBy(target.publishedAt, 'DESC').addOrderBy(target.id, 'DESC').limit(page.limit);
}
