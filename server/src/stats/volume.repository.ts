import { Injectable } from '@nestjs/common';
import type { StoryFilter, VolumeBy } from '@sentinel/shared';
import { NO_TAG } from '@sentinel/shared';
import { ChangeLogReader } from '../database/change-log';
import { Database } from '../database/database';
import { StoryEntity, StoryTagEntity } from '../database/entities';
import { whereStoryMatches } from '../stories/story-filter-sql';

/** One cell of a volume series: how many stories in bucket `index` carry `tag`. */
export interface VolumeCell {
  index: number;
  tag: string;
  count: number;
}

type ResolveRegion = (id: string) => readonly string[] | null;

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
   * Stories per bucket and tag among those published in [from, to) that pass the filter. Bucket
   * `index` starts at `from + index * size`; stories without a tag of this kind count as NO_TAG.
   */
  async counts(filter: StoryFilter, resolveRegion: ResolveRegion, by: VolumeBy, window: { from: number; to: number; size: number }): Promise<VolumeCell[]> {
    const qb = this.db.dataSource
      .createQueryBuilder()
      // Whole-number division on both databases: the offset and the size are whole numbers.
      .select('CAST((s.published_at - :from) / :size AS INTEGER)', 'bucket_index')
      .addSelect(`COALESCE(vt.value, '${NO_TAG}')`, 'tag')
      .addSelect('COUNT(*)', 'count')
      .from(StoryEntity, 's')
      .leftJoin(StoryTagEntity, 'vt', 'vt.story_id = s.id AND vt.kind = :kind', { kind: by })
      .where('s.published_at >= :from AND s.published_at < :to', { from: window.from, to: window.to, size: window.size })
      .groupBy('bucket_index')
      .addGroupBy('tag');
    if (!whereStoryMatches(qb, filter, resolveRegion, this.db.kind)) return [];
    const rows = await qb.getRawMany<{ bucket_index: string | number; tag: string; count: string | number }>();
    return rows.map((row) => ({ index: Number(row.bucket_index), tag: row.tag, count: Number(row.count) }));
  }
}
