import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Story, StorySource, StoryTags } from '@sentinel/shared';
import { EntityManager, In, MoreThan, MoreThanOrEqual } from 'typeorm';
import { appendChanges } from '../database/change-log';
import { Database, isUniqueViolation } from '../database/database';
import { insertMany } from '../database/insert-many';
import { StoryEntity, StorySourceEntity, StoryTagEntity } from '../database/entities';
import type { IngestItem, IngestOutcome, StoryFilter, TagStory } from './stories.types';

const EMPTY_TAGS: StoryTags = { regions: [], topics: [], places: [], why: [] };

const CHUNK = 400;

function contentHash(item: { title: string; summary: string }): string {
  return createHash('sha256').update(item.title).update('\n').update(item.summary).digest('hex');
}

/** One row per region and topic of a story, for filtering. */
function tagRowsOf(storyId: number, tags: StoryTags): Partial<StoryTagEntity>[] {
  return [
    ...[...new Set(tags.regions)].map((value) => ({ storyId, kind: 'region' as const, value })),
    ...[...new Set(tags.topics)].map((value) => ({ storyId, kind: 'topic' as const, value: value.slice(0, 64) })),
  ];
}

function chunks<T>(values: T[], size = CHUNK): T[][] {
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
}

/** Every query on stories and their sources. */
@Injectable()
export class StoriesRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores one poll's items in one transaction: a known (feed, guid) with new content updates
   * its story; a known canonical URL from another feed becomes another source of that story;
   * anything else is a new story. A crash mid-way leaves nothing half-written, and the next
   * poll stores the same items again.
   */
  async ingest(feed: { id: number; title: string }, items: IngestItem[], now: number, tag: TagStory): Promise<IngestOutcome> {
    const unique = new Map<string, IngestItem>();
    for (const item of items) if (!unique.has(item.guidKey)) unique.set(item.guidKey, item);
    // Store oldest first, so that ids and eventIds follow publication order. Feeds list their
    // newest item first, so items with the same date are taken in reverse document order.
    const batch = [...unique.values()].reverse().sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
    if (batch.length === 0) return { createdIds: [], updatedIds: [], eventIds: new Map() };
    try {
      return await this.db.write((manager) => this.ingestIn(manager, feed, batch, now, tag));
    } catch (error) {
      // Another instance stored the same article between our read and our insert: the retry sees it.
      if (!isUniqueViolation(error)) throw error;
      return this.db.write((manager) => this.ingestIn(manager, feed, batch, now, tag));
    }
  }

  private async ingestIn(manager: EntityManager, feed: { id: number; title: string }, items: IngestItem[], now: number, tag: TagStory): Promise<IngestOutcome> {
    const sources = manager.getRepository(StorySourceEntity);
    const stories = manager.getRepository(StoryEntity);
    const known = new Map<string, StorySourceEntity>();
    for (const part of chunks(items.map((i) => i.guidKey))) {
      for (const row of await sources.find({ where: { feedId: feed.id, guidKey: In(part) } })) known.set(row.guidKey, row);
    }
    const canonicalUrls = [...new Set(items.filter((i) => i.canonicalUrl && !known.has(i.guidKey)).map((i) => i.canonicalUrl as string))];
    const byCanonical = new Map<string, { id: number }>();
    for (const part of chunks(canonicalUrls)) {
      const rows = await stories.find({ select: { id: true, canonicalUrl: true }, where: { canonicalUrl: In(part) } });
      for (const row of rows) byCanonical.set(row.canonicalUrl as string, { id: row.id });
    }

    const updated = new Set<number>();
    // New stories are inserted together; a second copy in the same poll (same canonical URL)
    // becomes a source of the first, resolved once the ids are known.
    const fresh: { item: IngestItem; tags: StoryTags; sources: Partial<StorySourceEntity>[] }[] = [];
    const freshByCanonical = new Map<string, (typeof fresh)[number]>();
    const newSources: Partial<StorySourceEntity>[] = [];
    for (const item of items) {
      const hash = contentHash(item);
      const source = known.get(item.guidKey);
      if (source) {
        if (source.contentHash !== hash) {
          await sources.update({ id: source.id }, { contentHash: hash, url: item.url });
          const tags = tag(item);
          await stories.update({ id: source.storyId }, { title: item.title, summary: item.summary, updatedAt: now, tags: JSON.stringify(tags) });
          await this.replaceTagRows(manager, source.storyId, tags);
          updated.add(source.storyId);
        }
        continue;
      }
      const sourceRow = { feedId: feed.id, feedTitle: feed.title, guidKey: item.guidKey, url: item.url, contentHash: hash, firstSeenAt: now };
      const existing = item.canonicalUrl ? byCanonical.get(item.canonicalUrl) : undefined;
      if (existing) {
        newSources.push({ ...sourceRow, storyId: existing.id });
        await stories.update({ id: existing.id }, { updatedAt: now });
        updated.add(existing.id);
        continue;
      }
      const twin = item.canonicalUrl ? freshByCanonical.get(item.canonicalUrl) : undefined;
      if (twin) {
        twin.sources.push(sourceRow);
        continue;
      }
      const entry = { item, tags: tag(item), sources: [sourceRow] };
      fresh.push(entry);
      if (item.canonicalUrl) freshByCanonical.set(item.canonicalUrl, entry);
    }

    const createdIds: number[] = [];
    const tagRows: Partial<StoryTagEntity>[] = [];
    for (const part of chunks(fresh, 100)) {
      const ids = await insertMany(
        manager,
        StoryEntity,
        part.map(({ item, tags }) => ({
          tags: JSON.stringify(tags),
          canonicalUrl: item.canonicalUrl,
          url: item.url,
          title: item.title,
          summary: item.summary,
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
        tagRows.push(...tagRowsOf(storyId, entry.tags));
        newSources.push(...entry.sources.map((source) => ({ ...source, storyId })));
      });
    }
    for (const part of chunks(tagRows, 300)) await manager.getRepository(StoryTagEntity).insert(part);
    for (const part of chunks(newSources, 100)) await sources.insert(part);
    const updatedIds = [...updated];
    const changes = [
      ...createdIds.map((subjectId) => ({ kind: 'story:new' as const, subjectId })),
      ...updatedIds.map((subjectId) => ({ kind: 'story:updated' as const, subjectId })),
    ];
    const ids = await appendChanges(manager, changes, now);
    return { createdIds, updatedIds, eventIds: new Map(changes.map((c, i) => [c.subjectId, ids[i]])) };
  }

  /** Replaces the filterable rows of a story's tags. */
  private async replaceTagRows(manager: EntityManager, storyId: number, tags: StoryTags): Promise<void> {
    const repo = manager.getRepository(StoryTagEntity);
    await repo.delete({ storyId });
    const rows = tagRowsOf(storyId, tags);
    if (rows.length) await repo.insert(rows);
  }

  /**
   * Re-tags stories published since `since`, oldest id first, in batches; each batch is one
   * transaction. Returns how many stories there were and how many changed.
   */
  async retag(since: number, tag: TagStory, onProgress: (processed: number, changed: number, total: number) => void): Promise<{ total: number; changed: number }> {
    const repo = this.db.dataSource.getRepository(StoryEntity);
    const total = await repo.count({ where: { publishedAt: MoreThanOrEqual(since) } });
    let afterId = 0;
    let processed = 0;
    let changed = 0;
    for (;;) {
      const batch = await repo.find({
        select: { id: true, title: true, summary: true, tags: true },
        where: { publishedAt: MoreThanOrEqual(since), id: MoreThan(afterId) },
        order: { id: 'ASC' },
        take: 200,
      });
      if (batch.length === 0) break;
      const updates = batch
        .map((story) => ({ id: story.id, before: story.tags, tags: tag(story) }))
        .filter((u) => JSON.stringify(u.tags) !== u.before);
      if (updates.length) {
        await this.db.write(async (manager) => {
          for (const u of updates) {
            await manager.getRepository(StoryEntity).update({ id: u.id }, { tags: JSON.stringify(u.tags) });
            await this.replaceTagRows(manager, u.id, u.tags);
          }
        });
      }
      afterId = batch[batch.length - 1].id;
      processed += batch.length;
      changed += updates.length;
      onProgress(processed, changed, total);
    }
    return { total, changed };
  }

  async findPage(filter: StoryFilter): Promise<Story[]> {
    const qb = this.storyRows()
      .orderBy('s.published_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(filter.limit);
    if (filter.feedId !== undefined) {
      qb.andWhere('s.id IN (SELECT ss.story_id FROM story_sources ss WHERE ss.feed_id = :feedId)', { feedId: filter.feedId });
    }
    if (filter.regions?.length) {
      qb.andWhere(`s.id IN (SELECT rt.story_id FROM story_tags rt WHERE rt.kind = 'region' AND rt.value IN (:...regions))`, { regions: filter.regions });
    }
    if (filter.topics?.length) {
      qb.andWhere(`s.id IN (SELECT tt.story_id FROM story_tags tt WHERE tt.kind = 'topic' AND tt.value IN (:...topics))`, { topics: filter.topics });
    }
    if (filter.since !== undefined) qb.andWhere('s.published_at >= :since', { since: filter.since });
    if (filter.until !== undefined) qb.andWhere('s.published_at < :until', { until: filter.until });
    if (filter.before) {
      qb.andWhere('(s.published_at < :bp OR (s.published_at = :bp AND s.id < :bid))', {
        bp: filter.before.publishedAt,
        bid: filter.before.id,
      });
    }
    if (filter.words?.length) {
      if (this.db.kind === 'postgres') {
        qb.andWhere(`to_tsvector('simple', s.title || ' ' || s.summary) @@ plainto_tsquery('simple', :words)`, {
          words: filter.words.join(' '),
        });
      } else {
        // Each word quoted, so FTS5 operators in user input are plain text.
        const match = filter.words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');
        qb.andWhere('s.id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH :match)', { match });
      }
    }
    return this.withSources(await qb.getRawMany<StoryRow>());
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

  /** Stories each feed has brought (as first or later source): in all, and first seen since `recentSince`. */
  async countByFeed(recentSince: number): Promise<Map<number, { total: number; recent: number }>> {
    const rows = await this.db.dataSource
      .createQueryBuilder()
      .select('ss.feed_id', 'feed_id')
      .addSelect('COUNT(*)', 'total')
      .addSelect('SUM(CASE WHEN ss.first_seen_at >= :recentSince THEN 1 ELSE 0 END)', 'recent')
      .from(StorySourceEntity, 'ss')
      .where('ss.feed_id IS NOT NULL')
      .groupBy('ss.feed_id')
      .setParameters({ recentSince })
      .getRawMany<{ feed_id: number; total: string | number; recent: string | number | null }>();
    return new Map(rows.map((r) => [Number(r.feed_id), { total: Number(r.total), recent: Number(r.recent ?? 0) }]));
  }

  /** Regions and topics of the stories first seen since `since`, with how many stories carry each. */
  async tagCountsSince(since: number): Promise<{ kind: 'region' | 'topic'; value: string; count: number }[]> {
    const rows = await this.db.dataSource
      .createQueryBuilder()
      .select(['t.kind AS kind', 't.value AS value', 'COUNT(*) AS count'])
      .from(StoryTagEntity, 't')
      .innerJoin(StoryEntity, 's', 's.id = t.story_id')
      .where('s.first_seen_at >= :since', { since })
      .groupBy('t.kind')
      .addGroupBy('t.value')
      .getRawMany<{ kind: 'region' | 'topic'; value: string; count: string | number }>();
    return rows.map((r) => ({ kind: r.kind, value: r.value, count: Number(r.count) }));
  }

  /** Ids of stories stored after `afterId`, in order; how the alert engine walks new stories. */
  async idsAfter(afterId: number, limit: number): Promise<number[]> {
    const rows = await this.db.dataSource.getRepository(StoryEntity).find({ select: { id: true }, where: { id: MoreThan(afterId) }, order: { id: 'ASC' }, take: limit });
    return rows.map((r) => r.id);
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
      .addSelect(['s.feed_id AS feed_id', 'COALESCE(f.title, s.feed_title) AS feed_title', 's.tags AS tags'])
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
    }));
  }
}
