import { Injectable } from '@nestjs/common';
import type { Story, StorySource, StoryTags } from '@sentinel/shared';
import { EntityManager, In, MoreThan, MoreThanOrEqual } from 'typeorm';
import { appendChanges } from '../database/change-log';
import { Database, isUniqueViolation } from '../database/database';
import { queryBound, updateById } from '../database/bound-query';
import { insertMany, insertRows } from '../database/insert-many';
import { storySearchText } from '../database/columns';
import { StoryEntity, StorySourceEntity, StoryTagEntity } from '../database/entities';
import { storyPageIds, storyTagKeys } from './story-filter-sql';
import { type HashedItem, type IngestItem, type IngestOutcome, type IngestWrite, type RetagBatch, type StoredKeys, type StoryPageQuery, StoryKeyConflictError, type TagStory } from './stories.types';

const EMPTY_TAGS: StoryTags = { regions: [], topics: [], places: [], why: [] };

const CHUNK = 400;

/** A story's rows for filtering (see storyTagKeys), each with its published_at so that they sort as the list does. */
function tagRowsOf(storyId: number, tags: StoryTags, publishedAt: number): Partial<StoryTagEntity>[] {
  return storyTagKeys(tags).map(({ kind, value }) => ({ storyId, kind, value, publishedAt }));
}

function chunks<T>(values: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

interface StoryRow {
  id: number;
  title: string;
  url: string | null;
  summary: string;
  published_at: string | number;
  first_seen_at: string | number;
  updated_at: string | number;
  feed_id: number | null;
  feed_title: string;
  tags: string;
  cluster_id: number | null;
}

/** Every query on stories and their sources. */
@Injectable()
export class StoriesRepository {
  constructor(private readonly db: Database) {}

  /**
   * What is stored under a poll's keys: this feed's sources by guid key, then, for the items
   * whose guid is not known, stories by canonical URL. A few bulk reads, outside any transaction.
   */
  async storedKeys(feedId: number, items: readonly Pick<IngestItem, 'guidKey' | 'canonicalUrl'>[]): Promise<StoredKeys> {
    const sources: StoredKeys['sources'] = new Map();
    const repo = this.db.dataSource.getRepository(StorySourceEntity);
    for (const part of chunks([...new Set(items.map((i) => i.guidKey))])) {
      const rows = await repo.find({ select: { id: true, storyId: true, guidKey: true, contentHash: true }, where: { feedId, guidKey: In(part) } });
      for (const row of rows) sources.set(row.guidKey, { sourceId: row.id, storyId: row.storyId, contentHash: row.contentHash });
    }
    const canonicalUrls = [...new Set(items.filter((i) => i.canonicalUrl && !sources.has(i.guidKey)).map((i) => i.canonicalUrl as string))];
    const storiesByCanonicalUrl = new Map<string, number>();
    for (const part of chunks(canonicalUrls)) {
      const rows = await this.db.dataSource.getRepository(StoryEntity).find({ select: { id: true, canonicalUrl: true }, where: { canonicalUrl: In(part) } });
      for (const row of rows) storiesByCanonicalUrl.set(row.canonicalUrl as string, row.id);
    }
    return { sources, storiesByCanonicalUrl };
  }

  /**
   * Writes one poll's decided changes (see ingest/) in one transaction: new stories with their
   * sources and tag rows, edits, other outlets' copies, and a change-log entry per story.
   * @throws StoryKeyConflictError when another writer stored one of the keys meanwhile.
   */
  async store(write: IngestWrite): Promise<IngestOutcome> {
    if (write.created.length === 0 && write.changes.length === 0) return { createdIds: [], updatedIds: [], eventIds: new Map() };
    try {
      return await this.db.write((manager) => this.storeIn(manager, write));
    } catch (error) {
      if (isUniqueViolation(error)) throw new StoryKeyConflictError(error);
      throw error;
    }
  }

  private async storeIn(manager: EntityManager, { feed, now, created, changes }: IngestWrite): Promise<IngestOutcome> {
    const sourceRow = (item: HashedItem) => ({ feedId: feed.id, feedTitle: feed.title, guidKey: item.guidKey, url: item.url, contentHash: item.contentHash, firstSeenAt: now });
    const updated = new Set<number>();
    const newSources: Partial<StorySourceEntity>[] = [];
    for (const change of changes) {
      if (change.kind === 'edit') {
        const { item, tags } = change;
        await updateById(manager, StorySourceEntity, change.sourceId, { contentHash: item.contentHash, url: item.url });
        await updateById(manager, StoryEntity, change.storyId, { title: item.title, summary: item.summary, searchText: storySearchText(item.title, item.summary), updatedAt: now, tags: JSON.stringify(tags) });
        await this.replaceTagRows(manager, change.storyId, tags);
      } else {
        newSources.push({ ...sourceRow(change.item), storyId: change.storyId });
        await updateById(manager, StoryEntity, change.storyId, { updatedAt: now });
      }
      updated.add(change.storyId);
    }

    const createdIds: number[] = [];
    const tagRows: Partial<StoryTagEntity>[] = [];
    for (const part of chunks(created, 100)) {
      const ids = await insertMany(
        manager,
        StoryEntity,
        part.map(({ item, tags }) => ({
          tags: JSON.stringify(tags),
          canonicalUrl: item.canonicalUrl,
          url: item.url,
          title: item.title,
          summary: item.summary,
          searchText: storySearchText(item.title, item.summary),
          publishedAt: item.publishedAt.getTime(),
          firstSeenAt: now,
          updatedAt: now,
          feedId: feed.id,
          feedTitle: feed.title,
        })),
      );
      part.forEach((entry, index) => {
        const storyId = ids[index];
        createdIds.push(storyId);
        tagRows.push(...tagRowsOf(storyId, entry.tags, entry.item.publishedAt.getTime()));
        newSources.push(...[entry.item, ...entry.copies].map((item) => ({ ...sourceRow(item), storyId })));
      });
    }
    await insertRows(manager, StoryTagEntity, tagRows);
    await insertRows(manager, StorySourceEntity, newSources);
    const updatedIds = [...updated];
    const logged = [
      ...createdIds.map((subjectId) => ({ kind: 'story:new' as const, subjectId })),
      ...updatedIds.map((subjectId) => ({ kind: 'story:updated' as const, subjectId })),
    ];
    const ids = await appendChanges(manager, logged, now);
    return { createdIds, updatedIds, eventIds: new Map(logged.map((c, i) => [c.subjectId, ids[i]])) };
  }

  /** Replaces the filterable rows of a story's tags (macro-regions as the gazetteer has them now). */
  private async replaceTagRows(manager: EntityManager, storyId: number, tags: StoryTags): Promise<void> {
    const { rows } = await queryBound<{ published_at: string | number }>(manager, 'SELECT "published_at" FROM "stories" WHERE "id" = ?', [storyId]);
    await queryBound(manager, 'DELETE FROM "story_tags" WHERE "story_id" = ?', [storyId]);
    if (rows.length) await insertRows(manager, StoryTagEntity, tagRowsOf(storyId, tags, Number(rows[0].published_at)));
  }

  /** How many stories a re-tag of those published since `since` goes through. */
  countPublishedSince(since: number): Promise<number> {
    return this.db.dataSource.getRepository(StoryEntity).count({ where: { publishedAt: MoreThanOrEqual(since) } });
  }

  /**
   * Re-tags the next `size` stories published since `since` with an id above `afterId`, in one
   * transaction that also writes a `story:updated` change-log entry for each story whose tags
   * changed. Returns null when no story is left.
   */
  async retagBatch(since: number, afterId: number, tag: TagStory, now: number, size = 200): Promise<RetagBatch | null> {
    const batch = await this.db.dataSource.getRepository(StoryEntity).find({
      select: { id: true, title: true, summary: true, tags: true },
      where: { publishedAt: MoreThanOrEqual(since), id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: size,
    });
    if (batch.length === 0) return null;
    const updates = batch
      .map((story) => ({ id: story.id, before: story.tags, tags: tag(story) }))
      .filter((u) => JSON.stringify(u.tags) !== u.before);
    const eventIds = new Map<number, number>();
    if (updates.length) {
      await this.db.write(async (manager) => {
        for (const u of updates) {
          await manager.getRepository(StoryEntity).update({ id: u.id }, { tags: JSON.stringify(u.tags) });
          await this.replaceTagRows(manager, u.id, u.tags);
        }
        const ids = await appendChanges(manager, updates.map((u) => ({ kind: 'story:updated' as const, subjectId: u.id })), now);
        updates.forEach((u, index) => eventIds.set(u.id, ids[index]));
      });
    }
    return { lastId: batch[batch.length - 1].id, processed: batch.length, eventIds };
  }

  /**
   * A page of the stories that pass `query.filter`, newest first: their ids from an index in
   * that order (see storyPageIds), then those stories.
   */
  async findPage(query: StoryPageQuery, resolveRegion: (id: string) => readonly string[] | null): Promise<Story[]> {
    const page = storyPageIds(this.db.dataSource, query.filter, resolveRegion, this.db.kind, query);
    if (!page) return [];
    return this.findByIds((await page.getRawMany<{ id: number | string }>()).map((row) => Number(row.id)));
  }

  async findByIds(ids: number[]): Promise<Story[]> {
    if (ids.length === 0) return [];
    const rows: StoryRow[] = [];
    for (const part of chunks(ids)) {
      rows.push(
        ...(await this.storyRows()
          .where('s.id IN (:...ids)', { ids: part })
          .getRawMany<StoryRow>()),
      );
    }
    const order = new Map(ids.map((id, index) => [id, index]));
    return (await this.withSources(rows)).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }

  /** Stories first seen since `since`, newest first by (first seen, id), at most `limit`, strictly before `before`. */
  async firstSeenPage(since: number, limit: number, before?: { firstSeenAt: number; id: number }): Promise<Story[]> {
    const qb = this.storyRows().where('s.first_seen_at >= :since', { since }).orderBy('s.first_seen_at', 'DESC').addOrderBy('s.id', 'DESC').limit(limit);
    if (before) qb.andWhere('(s.first_seen_at < :bf OR (s.first_seen_at = :bf AND s.id < :bid))', { bf: before.firstSeenAt, bid: before.id });
    return this.withSources(await qb.getRawMany<StoryRow>());
  }

  /**
   * Stories each of `feedIds` has brought (as first or later source): in all, and first seen since
   * `recentSince`. Reads only those feeds' rows, found through story_sources_feed_guid_unique.
   */
  async countByFeed(feedIds: readonly number[], recentSince: number): Promise<Map<number, { total: number; recent: number }>> {
    const counts = new Map<number, { total: number; recent: number }>();
    for (const part of chunks([...new Set(feedIds)])) {
      const rows = await this.db.dataSource
        .createQueryBuilder()
        .select('ss.feed_id', 'feed_id')
        .addSelect('COUNT(*)', 'total')
        .addSelect('SUM(CASE WHEN ss.first_seen_at >= :recentSince THEN 1 ELSE 0 END)', 'recent')
        .from(StorySourceEntity, 'ss')
        .where('ss.feed_id IN (:...ids)', { ids: part })
        .groupBy('ss.feed_id')
        .setParameters({ recentSince, ids: part })
        .getRawMany<{ feed_id: number; total: string | number; recent: string | number | null }>();
      for (const r of rows) counts.set(Number(r.feed_id), { total: Number(r.total), recent: Number(r.recent ?? 0) });
    }
    return counts;
  }

  /** Regions and topics of the stories first seen since `since`, with how many stories carry each. */
  async tagCountsSince(since: number): Promise<{ kind: 'region' | 'topic'; value: string; count: number }[]> {
    const rows = await this.db.dataSource
      .createQueryBuilder()
      .select(['t.kind AS kind', 't.value AS value', 'COUNT(*) AS count'])
      .from(StoryTagEntity, 't')
      .innerJoin(StoryEntity, 's', 's.id = t.story_id')
      .where('s.first_seen_at >= :since', { since })
      // Macro-region rows are for filtering; the caller sums countries into macro-regions itself.
      .andWhere(`t.kind IN ('region', 'topic')`)
      .groupBy('t.kind')
      .addGroupBy('t.value')
      .getRawMany<{ kind: 'region' | 'topic'; value: string; count: string | number }>();
    return rows.map((r) => ({ kind: r.kind, value: r.value, count: Number(r.count) }));
  }

  /** Ids of stories stored after `afterId`, in order; how the alert engine walks new stories. */
  async idsAfter(afterId: number, limit: number): Promise<number[]> {
    const { rows } = await queryBound<{ id: number }>(this.db.dataSource.manager, 'SELECT "id" FROM "stories" WHERE "id" > ? ORDER BY "id" LIMIT ?', [afterId, limit]);
    return rows.map((r) => Number(r.id));
  }

  async maxId(): Promise<number> {
    const [row] = await this.db.dataSource.getRepository(StoryEntity).find({ select: { id: true }, order: { id: 'DESC' }, take: 1 });
    return row?.id ?? 0;
  }

  /** Story columns with the current title of the feed that first brought it. */
  private storyRows() {
    return this.db.dataSource
      .createQueryBuilder()
      .select(['s.id AS id', 's.title AS title', 's.url AS url', 's.summary AS summary'])
      .addSelect(['s.published_at AS published_at', 's.first_seen_at AS first_seen_at', 's.updated_at AS updated_at'])
      .addSelect(['s.feed_id AS feed_id', 'COALESCE(f.title, s.feed_title) AS feed_title', 's.tags AS tags', 's.cluster_id AS cluster_id'])
      .from(StoryEntity, 's')
      .leftJoin('feeds', 'f', 'f.id = s.feed_id');
  }

  private async withSources(rows: StoryRow[]): Promise<Story[]> {
    const ids = rows.map((r) => Number(r.id));
    const byStory = new Map<number, StorySource[]>();
    for (const part of chunks(ids)) {
      if (part.length === 0) continue;
      const sourceRows = await this.db.dataSource
        .createQueryBuilder()
        .select(['ss.story_id AS story_id', 'ss.feed_id AS feed_id', 'COALESCE(f.title, ss.feed_title) AS feed_title', 'ss.url AS url'])
        .from(StorySourceEntity, 'ss')
        .leftJoin('feeds', 'f', 'f.id = ss.feed_id')
        .where('ss.story_id IN (:...ids)', { ids: part })
        .orderBy('ss.id', 'ASC')
        .getRawMany<{ story_id: number; feed_id: number | null; feed_title: string; url: string | null }>();
      for (const s of sourceRows) {
        const list = byStory.get(Number(s.story_id)) ?? [];
        list.push({ feedId: s.feed_id === null ? null : Number(s.feed_id), feedTitle: s.feed_title, url: s.url });
        byStory.set(Number(s.story_id), list);
      }
    }
    return rows.map((r) => ({
      ...EMPTY_TAGS,
      ...(JSON.parse(r.tags) as StoryTags),
      id: Number(r.id),
      title: r.title,
      url: r.url,
      summary: r.summary,
      publishedAt: new Date(Number(r.published_at)).toISOString(),
      firstSeenAt: new Date(Number(r.first_seen_at)).toISOString(),
      updatedAt: new Date(Number(r.updated_at)).toISOString(),
      feedId: r.feed_id === null ? null : Number(r.feed_id),
      feedTitle: r.feed_title,
      sources: byStory.get(Number(r.id)) ?? [],
      clusterId: r.cluster_id === null || r.cluster_id === undefined ? null : Number(r.cluster_id),
    }));
  }
}
