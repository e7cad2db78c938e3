import { Injectable } from '@nestjs/common';
import type { StoryFilter, VolumeBy, VolumeCount } from '@sentinel/shared';
import { NO_TAG } from '@sentinel/shared';
import { ChangeLogReader } from '../database/change-log';
import { Database } from '../database/database';
import { StoryEntity, StoryTagEntity } from '../database/entities';
import { whereStoryMatches } from '../stories/story-filter-sql';

/** One cell of a volume series: how many stories (or events) in bucket `index` carry `tag`. */
export interface VolumeCell {
  index: number;
  tag: string;
  count: number;
}

/** One tag of one event that gained a story: `eventKey` as `volumeEventKey` gives it. */
export interface EventTag {
  kind: VolumeBy;
  value: string;
  eventKey: number;
}

type ResolveRegion = (id: string) => readonly string[] | null;
type VolumeWindow = { from: number; to: number };

/**
 * The SQL form of `volumeEventKey` (shared/src/stats.ts): the story's event, or the story itself
 * before it is placed in one. Both columns are read from the story row that the published_at
 * index leads to, so no further index is needed.
 */
const EVENT_KEY = 'COALESCE(s.cluster_id, -s.id)';
const COUNTED: Record<VolumeCount, string> = { stories: 'COUNT(*)', events: `COUNT(DISTINCT ${EVENT_KEY})` };

/** The volume statistics' queries: counts grouped in SQL, over every story that passes the filter. */
@Injectable()
export class VolumeRepository {
  private readonly changeLog: ChangeLogReader;

  constructor(private readonly db: Database) {
    this.changeLog = new ChangeLogReader(db);
  }

  /** The newest change-log id: the counts read after it include every story announced up to it. */
  latestChangeId(): Promise<number> {
    return this.changeLog.latestId();
  }

  /** When the earliest story that passes the filter was published; null when none does. */
  async earliest(filter: StoryFilter, resolveRegion: ResolveRegion): Promise<number | null> {
    const qb = this.db.dataSource.createQueryBuilder().select('MIN(s.published_at)', 'first').from(StoryEntity, 's');
    if (!whereStoryMatches(qb, filter, resolveRegion, this.db.kind)) return null;
    const row = await qb.getRawOne<{ first: string | number | null }>();
    return row?.first === null || row?.first === undefined ? null : Number(row.first);
  }

  /**
   * Stories (or distinct events) per bucket and tag among those published in [from, to) that
   * pass the filter. Bucket `index` starts at `from + index * size`; stories without a tag of
   * this kind count as NO_TAG.
   */
  async counts(filter: StoryFilter, resolveRegion: ResolveRegion, by: VolumeBy, count: VolumeCount, window: VolumeWindow & { size: number }): Promise<VolumeCell[]> {
    const qb = this.tagged(by, count, window)
      // Whole-number division on both databases: the offset and the size are whole numbers.
      .addSelect('CAST((s.published_at - :from) / :size AS INTEGER)', 'bucket_index')
      .setParameter('size', window.size)
      .groupBy('bucket_index')
      .addGroupBy('tag');
    if (!whereStoryMatches(qb, filter, resolveRegion, this.db.kind)) return [];
    const rows = await qb.getRawMany<{ bucket_index: string | number; tag: string; count: string | number }>();
    return rows.map((row) => ({ index: Number(row.bucket_index), tag: row.tag, count: Number(row.count) }));
  }

  /** The same count per tag over all of [from, to), not per bucket: an event counts once however many buckets it spans. */
  async totals(filter: StoryFilter, resolveRegion: ResolveRegion, by: VolumeBy, count: VolumeCount, window: VolumeWindow): Promise<Map<string, number>> {
    const qb = this.tagged(by, count, window).groupBy('tag');
    if (!whereStoryMatches(qb, filter, resolveRegion, this.db.kind)) return new Map();
    const rows = await qb.getRawMany<{ tag: string; count: string | number }>();
    return new Map(rows.map((row) => [row.tag, Number(row.count)]));
  }

  /** Each (tag, event) pair among the stories first seen since `since`; stories without tags are left out. */
  async eventTagsSince(since: number): Promise<EventTag[]> {
    const rows = await this.db.dataSource
      .createQueryBuilder()
      .select(['t.kind AS kind', 't.value AS value', `${EVENT_KEY} AS event_key`])
      .distinct(true)
      .from(StoryTagEntity, 't')
      .innerJoin(StoryEntity, 's', 's.id = t.story_id')
      .where('s.first_seen_at >= :since', { since })
      // Macro-region rows are for filtering; the caller groups countries into macro-regions itself.
      .andWhere(`t.kind IN ('region', 'topic')`)
      .getRawMany<{ kind: VolumeBy; value: string; event_key: string | number }>();
    return rows.map((row) => ({ kind: row.kind, value: row.value, eventKey: Number(row.event_key) }));
  }

  /** Stories published in [from, to) with their tag of kind `by` (NO_TAG when none), counted as `count` says. */
  private tagged(by: VolumeBy, count: VolumeCount, window: VolumeWindow) {
    return this.db.dataSource
      .createQueryBuilder()
      .select(`COALESCE(vt.value, '${NO_TAG}')`, 'tag')
      .addSelect(COUNTED[count], 'count')
      .from(StoryEntity, 's')
      .leftJoin(StoryTagEntity, 'vt', 'vt.story_id = s.id AND vt.kind = :kind', { kind: by })
      .where('s.published_at >= :from AND s.published_at < :to', { from: window.from, to: window.to });
  }
}
