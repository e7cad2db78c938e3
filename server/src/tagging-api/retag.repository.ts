import { Injectable } from '@nestjs/common';
import type { RetagJob } from '@sentinel/shared';
import { Database } from '../database/database';
import { EngineStateEntity } from '../database/entities';

const KEY = 'retag-job';

/** A re-tag job and the id of the last story it went through, kept so a restart can resume it. */
export interface SavedRetag {
  job: RetagJob;
  afterId: number;
}

type Row = [state: RetagJob['state'], since: number, total: number, processed: number, changed: number, afterId: number, startedAt: number, finishedAt: number | null, error: string | null];

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());

/** The re-tag job's progress in `engine_state`, as one short row (the column holds 200 characters). */
@Injectable()
export class RetagRepository {
  constructor(private readonly db: Database) {}

  async load(): Promise<SavedRetag | null> {
    const row = await this.db.dataSource.getRepository(EngineStateEntity).findOneBy({ key: KEY });
    if (!row) return null;
    const [state, since, total, processed, changed, afterId, startedAt, finishedAt, error] = JSON.parse(row.value) as Row;
    return { job: { state, since: iso(since), total, processed, changed, startedAt: iso(startedAt), finishedAt: iso(finishedAt), error }, afterId };
  }

  async save({ job, afterId }: SavedRetag): Promise<void> {
    // The full message is in the log; the saved one only has to remind.
    const error = job.error === null ? null : job.error.replace(/[^\x20-\x7e]|["\\]/g, ' ').slice(0, 60);
    const row: Row = [job.state, ms(job.since) ?? 0, job.total, job.processed, job.changed, afterId, ms(job.startedAt) ?? 0, ms(job.finishedAt), error];
    await this.db.write((m) => m.getRepository(EngineStateEntity).save({ key: KEY, value: JSON.stringify(row) }));
  }
}
