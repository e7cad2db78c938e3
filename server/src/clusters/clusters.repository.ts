import { Injectable } from '@nestjs/common';
import type { Cluster, StoryTags } from '@sentinel/shared';
import { EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { appendChanges } from '../database/change-log';
import { Database } from '../database/database';
import { ClusterEntity, ClusterOverrideEntity, FeedEntity, PublisherFamilyEntity, StoryEntity } from '../database/entities';
import type { ClusterSummary } from './cluster-summary';
import type { FeedOutletFields } from './feed-outlet';

/** A stored story as the clusters service reads it: text, tags, feed and its cluster fields. */
export interface ClusterStoryRow {
  id: number;
  title: string;
  summary: string;
  url: string | null;
  feedTitle: string;
  firstSeenAt: number;
  tags: StoryTags;
  clusterId: number | null;
  copyOf: number | null;
  /** Null when the feed was removed. */
  feed: FeedOutletFields | null;
}

/** Where the engine put a story. */
export interface StoryPlacement {
  storyId: number;
  clusterId: number;
  copyOf: number | null;
}

/** A cluster row's change, written with the stories' new cluster fields and the change log in one transaction. */
export interface ClusterWrite {
  clusterId: number;
  created: boolean;
  /** The API shape plus the folded words of its titles that `q` searches. */
  summary: ClusterSummary & { searchText: string };
  /** Independent outlets within its first 30 minutes (see earlyIndependentOutlets): what breaking baselines are made of. */
  earlyIndependent: number;
  updatedAt: number;
}

/** One past event as the breaking baseline reads it. */
export interface BaselineEventRow {
  regions: string[];
  topics: string[];
  earlyIndependent: number;
}

/** What the list reads: filters as the service resolved them. */
export interface ClusterPageQuery {
  since?: number;
  changedSince?: number;
  /** Each inner list: any of these codes (a region filter and a scope are two lists, both must hold). */
  regionSets: string[][];
  topicSets: string[][];
  words: string[];
  minSources?: number;
  breaking?: boolean;
  limit: number;
  before?: { updatedAt: number; id: number };
}

/** Values per `IN (...)` list. */
const IN_LIST_BATCH = 400;

const EMPTY_TAGS: StoryTags = { regions: [], topics: [], places: [], why: [] };

/** Every query of the clusters module. */
@Injectable()
export class ClustersRepository {
  constructor(private readonly db: Database) {}

  /** Stories by id, or of the given clusters, with their feed's outlet fields. */
  async stories(where: { ids?: number[]; clusterIds?: number[]; firstSeenSince?: number; unclusteredSince?: number }): Promise<ClusterStoryRow[]> {
    const query = this.db.dataSource
      .createQueryBuilder()
      .select(['s.id AS id', 's.title AS title', 's.summary AS summary', 's.url AS url', 'COALESCE(f.title, s.feed_title) AS feed_title', 's.first_seen_at AS first_seen_at', 's.tags AS tags'])
      .addSelect(['s.cluster_id AS cluster_id', 's.copy_of AS copy_of', 'f.id AS f_id', 'f.url AS f_url', 'f.site_url AS f_site_url', 'f.outlet AS f_outlet', 'f.tier AS f_tier'])
      .from(StoryEntity, 's')
      .leftJoin(FeedEntity, 'f', 'f.id = s.feed_id')
      .orderBy('s.first_seen_at', 'ASC')
      .addOrderBy('s.id', 'ASC');
    if (where.ids) query.andWhere('s.id IN (:...ids)', { ids: where.ids.length ? where.ids : [0] });
    if (where.clusterIds) query.andWhere('s.cluster_id IN (:...clusterIds)', { clusterIds: where.clusterIds.length ? where.clusterIds : [0] });
    if (where.firstSeenSince !== undefined) query.andWhere('s.first_seen_at >= :since', { since: where.firstSeenSince }).andWhere('s.cluster_id IS NOT NULL');
    if (where.unclusteredSince !== undefined) query.andWhere('s.first_seen_at >= :since', { since: where.unclusteredSince }).andWhere('s.cluster_id IS NULL');
    const rows = await query.getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      id: Number(r.id),
      title: String(r.title),
      summary: String(r.summary),
      url: (r.url as string | null) ?? null,
      feedTitle: String(r.feed_title),
      firstSeenAt: Number(r.first_seen_at),
      tags: { ...EMPTY_TAGS, ...(JSON.parse(String(r.tags)) as StoryTags) },
      clusterId: r.cluster_id === null ? null : Number(r.cluster_id),
      copyOf: r.copy_of === null ? null : Number(r.copy_of),
      feed: r.f_id === null ? null : { url: String(r.f_url), siteUrl: (r.f_site_url as string | null) ?? null, outlet: (r.f_outlet as string | null) ?? null, tier: (r.f_tier as string | null) ?? null },
    }));
  }

  async families(): Promise<Map<string, string>> {
    const rows = await this.db.dataSource.getRepository(PublisherFamilyEntity).find();
    return new Map(rows.map((r) => [r.outlet, r.family]));
  }

  async setFamily(outlet: string, family: string): Promise<void> {
    await this.db.write((m) => m.getRepository(PublisherFamilyEntity).upsert({ outlet, family }, ['outlet']));
  }

  async removeFamily(outlet: string): Promise<boolean> {
    const result = await this.db.write((m) => m.getRepository(PublisherFamilyEntity).delete({ outlet }));
    return (result.affected ?? 0) > 0;
  }

  /** Every feed's id and outlet fields (the outlet of a feed is decided in code, see feed-outlet.ts). */
  async feeds(): Promise<(FeedOutletFields & { id: number })[]> {
    const rows = await this.db.dataSource.getRepository(FeedEntity).find({ select: { id: true, url: true, siteUrl: true, outlet: true, tier: true } });
    return rows.map((f) => ({ id: f.id, url: f.url, siteUrl: f.siteUrl, outlet: f.outlet, tier: f.tier }));
  }

  /** The clusters that stories of these feeds first seen since `since` are in. */
  async clusterIdsOfFeeds(feedIds: number[], since: number): Promise<number[]> {
    if (feedIds.length === 0) return [];
    const rows = await this.db.dataSource
      .createQueryBuilder()
      .select('DISTINCT s.cluster_id', 'cluster_id')
      .from(StoryEntity, 's')
      .where('s.feed_id IN (:...feedIds)', { feedIds })
      .andWhere('s.first_seen_at >= :since', { since })
      .andWhere('s.cluster_id IS NOT NULL')
      .getRawMany<{ cluster_id: number | string }>();
    return rows.map((r) => Number(r.cluster_id));
  }

  /** Where merged-away clusters went: each one's target as it stands now (later merges followed). */
  async mergeTargets(ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.dataSource.getRepository(ClusterOverrideEntity).find({ where: { kind: 'merge', clusterId: In(ids) }, order: { id: 'ASC' } });
    return new Map(rows.map((r) => [r.clusterId, r.targetId]));
  }

  /** Events first seen in [from, to] with their early independent outlets (rows written before that was kept are left out). */
  async baselineEvents(from: number, to: number): Promise<BaselineEventRow[]> {
    const rows = await this.db.dataSource
      .getRepository(ClusterEntity)
      .createQueryBuilder('c')
      .select(['c.regions AS regions', 'c.topics AS topics', 'c.early_independent AS early_independent'])
      .where('c.first_seen_at >= :from AND c.first_seen_at <= :to', { from, to })
      .andWhere('c.early_independent IS NOT NULL')
      .getRawMany<{ regions: string; topics: string; early_independent: number | string }>();
    return rows.map((r) => ({ regions: fromListColumn(r.regions), topics: fromListColumn(r.topics), earlyIndependent: Number(r.early_independent) }));
  }

  async maxClusterId(): Promise<number> {
    const [row] = await this.db.dataSource.getRepository(ClusterEntity).find({ order: { id: 'DESC' }, take: 1, select: { id: true } });
    return row?.id ?? 0;
  }

  /** Merges still in force: merged-away cluster → target. */
  async merges(): Promise<Map<number, number>> {
    const rows = await this.db.dataSource.getRepository(ClusterOverrideEntity).find({ where: { kind: 'merge' }, order: { id: 'ASC' } });
    return new Map(rows.map((r) => [r.clusterId, r.targetId]));
  }

  /**
   * Places stories in clusters and writes each cluster they touched once, with the change-log
   * entries, in one transaction. Returns the change-log id of each write, in order.
   */
  async assign(placements: readonly StoryPlacement[], writes: readonly ClusterWrite[]): Promise<number[]> {
    return this.db.write(async (m) => {
      // One statement per cluster and copy: most of a batch's stories start or join a handful of events.
      const groups = new Map<string, { clusterId: number; copyOf: number | null; ids: number[] }>();
      for (const p of placements) {
        const key = `${p.clusterId}:${p.copyOf}`;
        const group = groups.get(key) ?? { clusterId: p.clusterId, copyOf: p.copyOf, ids: [] };
        groups.set(key, group);
        group.ids.push(p.storyId);
      }
      for (const g of groups.values()) {
        for (let i = 0; i < g.ids.length; i += IN_LIST_BATCH) {
          await m.getRepository(StoryEntity).update({ id: In(g.ids.slice(i, i + IN_LIST_BATCH)) }, { clusterId: g.clusterId, copyOf: g.copyOf });
        }
      }
      for (const write of writes) await this.saveRow(m, write);
      return appendChanges(m, writes.map((w) => ({ kind: w.created ? ('cluster:new' as const) : ('cluster:updated' as const), subjectId: w.clusterId })), Math.max(...writes.map((w) => w.updatedAt)));
    });
  }

  /**
   * Merge: `from`'s stories go to `into`, `from` is deleted, the override is kept. Returns the
   * change ids of `cluster:merged` (about `from`) and of `cluster:updated` (about `into`).
   */
  async merge(from: number, into: number, write: ClusterWrite, now: number): Promise<[number, number]> {
    return this.db.write(async (m) => {
      await m.getRepository(StoryEntity).update({ clusterId: from }, { clusterId: into });
      await m.getRepository(ClusterEntity).delete(from);
      await m.getRepository(ClusterOverrideEntity).insert({ kind: 'merge', clusterId: from, targetId: into, storyIds: '[]', createdAt: now });
      // A cluster merged earlier into `from` now ends in `into` too.
      await m.getRepository(ClusterOverrideEntity).update({ kind: 'merge', targetId: from }, { targetId: into });
      const [mergedId] = await appendChanges(m, [{ kind: 'cluster:merged', subjectId: from }], now);
      return [mergedId, await this.saveCluster(m, write)];
    });
  }

  /** Rewrites an existing cluster's row (its stories changed, not which stories it has), with its change-log entry. */
  async rewrite(write: ClusterWrite): Promise<number> {
    return this.db.write((m) => this.saveCluster(m, write));
  }

  /** Split: `storyIds` leave for a new cluster. Returns the change ids of [the new cluster, the old one]. */
  async split(storyIds: number[], created: ClusterWrite, rest: ClusterWrite, now: number): Promise<[number, number]> {
    return this.db.write(async (m) => {
      await m.getRepository(StoryEntity).update({ id: In(storyIds) }, { clusterId: created.clusterId });
      await m.getRepository(ClusterOverrideEntity).insert({ kind: 'split', clusterId: rest.clusterId, targetId: created.clusterId, storyIds: JSON.stringify(storyIds), createdAt: now });
      const createdId = await this.saveCluster(m, created);
      return [createdId, await this.saveCluster(m, rest)];
    });
  }

  private async saveCluster(m: EntityManager, write: ClusterWrite): Promise<number> {
    await this.saveRow(m, write);
    const [eventId] = await appendChanges(m, [{ kind: write.created ? 'cluster:new' : 'cluster:updated', subjectId: write.clusterId }], write.updatedAt);
    return eventId;
  }

  private async saveRow(m: EntityManager, write: ClusterWrite): Promise<void> {
    const s = write.summary;
    const row: Partial<ClusterEntity> = {
      id: write.clusterId,
      headlineStoryId: s.headline.storyId,
      firstSeenAt: Date.parse(s.firstSeenAt),
      updatedAt: write.updatedAt,
      storyCount: s.storyCount,
      outlets: s.sources.outlets,
      independent: s.sources.independent,
      breaking: s.breaking,
      earlyIndependent: write.earlyIndependent,
      regions: listColumn(s.regions),
      topics: listColumn(s.topics),
      searchText: s.searchText.slice(0, 20_000),
      summary: JSON.stringify({ ...s, searchText: undefined }),
    };
    // updateEntity(false): nothing to read back (typeorm would re-select the defaulted columns).
    if (write.created) await m.createQueryBuilder().insert().into(ClusterEntity).values(row).updateEntity(false).execute();
    else await m.getRepository(ClusterEntity).update(write.clusterId, row);
  }

  async byIds(ids: number[]): Promise<Cluster[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.dataSource.getRepository(ClusterEntity).find({ where: { id: In(ids) } });
    return rows.map(toCluster);
  }

  async page(query: ClusterPageQuery): Promise<Cluster[]> {
    const q = this.db.dataSource.getRepository(ClusterEntity).createQueryBuilder('c');
    if (query.since !== undefined) q.andWhere('c.first_seen_at >= :since', { since: query.since });
    if (query.changedSince !== undefined) q.andWhere('c.updated_at > :changedSince', { changedSince: query.changedSince });
    anyOf(q, 'c.regions', query.regionSets, 'r');
    anyOf(q, 'c.topics', query.topicSets, 't');
    query.words.forEach((word, i) => q.andWhere(`(' ' || c.search_text || ' ') LIKE :w${i}`, { [`w${i}`]: `% ${escapeLike(word)} %` }));
    if (query.minSources !== undefined) q.andWhere('c.independent >= :minSources', { minSources: query.minSources });
    if (query.breaking !== undefined) q.andWhere('c.breaking = :breaking', { breaking: query.breaking });
    if (query.before) q.andWhere('(c.updated_at < :bt OR (c.updated_at = :bt AND c.id < :bid))', { bt: query.before.updatedAt, bid: query.before.id });
    const rows = await q.orderBy('c.updated_at', 'DESC').addOrderBy('c.id', 'DESC').take(query.limit).getMany();
    return rows.map(toCluster);
  }
}

/** ",SY,IQ," so that LIKE '%,SY,%' finds one code on both databases. */
function listColumn(values: readonly string[]): string {
  return values.length ? `,${values.join(',')},` : '';
}

function fromListColumn(value: string | null): string[] {
  return (value ?? '').split(',').filter(Boolean);
}

function escapeLike(word: string): string {
  return word.replace(/[%_]/g, '');
}

function anyOf(q: SelectQueryBuilder<ClusterEntity>, column: string, sets: string[][], prefix: string): void {
  sets.forEach((set, i) => {
    if (set.length === 0) {
      q.andWhere('1 = 0');
      return;
    }
    const params: Record<string, string> = {};
    const clauses = set.map((code, j) => {
      params[`${prefix}${i}_${j}`] = `%,${escapeLike(code)},%`;
      return `${column} LIKE :${prefix}${i}_${j}`;
    });
    q.andWhere(`(${clauses.join(' OR ')})`, params);
  });
}

function toCluster(row: ClusterEntity): Cluster {
  const summary = JSON.parse(row.summary) as ClusterSummary;
  // Rows written before headlines per language were kept have none.
  return { ...summary, headlines: summary.headlines ?? {}, id: row.id, updatedAt: new Date(row.updatedAt).toISOString(), breaking: row.breaking };
}
