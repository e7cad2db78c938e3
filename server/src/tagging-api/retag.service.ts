import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConflictError } from '../common/domain-error';
import type { RetagJob } from '@sentinel/shared';
import { StoriesService } from '../stories/stories.service';
import { TaggingService } from '../tagging/tagging.service';
import { RetagRepository } from './retag.repository';

const IDLE: RetagJob = { state: 'idle', since: null, total: 0, processed: 0, changed: 0, startedAt: null, finishedAt: null, error: null };

/**
 * Re-tags stored stories with the current rules and gazetteer, in the background, one job at a
 * time and one batch per transaction. Each story whose tags change is announced as
 * `story:updated` (see StoriesService.retagBatch), so open walls and workspaces update.
 *
 * At shutdown the job stops between two batches and is saved as 'cancelled' with how far it got;
 * the next start resumes it from there (as it does a job a crash left 'running'). A batch done
 * twice changes nothing the second time, so resuming is safe.
 */
@Injectable()
export class RetagService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Retag');
  private job: RetagJob = IDLE;
  /** The last story id the job went through; the next batch starts after it. */
  private afterId = 0;
  private stopping = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly stories: StoriesService,
    private readonly tagging: TaggingService,
    private readonly repository: RetagRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    let saved;
    try {
      saved = await this.repository.load();
    } catch (error) {
      this.logger.warn(`the saved re-tag job could not be read, so it is not resumed: ${(error as Error).message}`);
      return;
    }
    if (!saved) return;
    this.job = saved.job;
    if (saved.job.state !== 'running' && saved.job.state !== 'cancelled') return;
    this.logger.log(`resuming the re-tag of stories since ${saved.job.since} after ${saved.job.processed} of ${saved.job.total}`);
    this.job = { ...saved.job, state: 'running', finishedAt: null, error: null };
    this.afterId = saved.afterId;
    this.running = this.run();
  }

  /** Stops between two batches and waits for the one under way; the job is saved as 'cancelled'. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  status(): RetagJob {
    return { ...this.job };
  }

  start(since: Date): RetagJob {
    if (this.job.state === 'running') throw new ConflictError('a re-tag is already running; wait for it to finish (GET /api/tagging/retag)');
    if (this.stopping) throw new ConflictError('the server is shutting down; start the re-tag again once it is back');
    this.job = { ...IDLE, state: 'running', since: since.toISOString(), startedAt: new Date().toISOString() };
    this.afterId = 0;
    this.running = this.run();
    return this.status();
  }

  private async run(): Promise<void> {
    const since = Date.parse(this.job.since as string);
    try {
      if (this.afterId === 0) this.job = { ...this.job, total: await this.stories.countPublishedSince(since) };
      await this.save();
      while (!this.stopping) {
        const batch = await this.stories.retagBatch(since, this.afterId, (story) => this.tagging.tag(story));
        if (!batch) break;
        this.afterId = batch.lastId;
        const processed = this.job.processed + batch.processed;
        // Stories stored while the job runs are re-tagged too, so the total can grow.
        this.job = { ...this.job, processed, changed: this.job.changed + batch.changed, total: Math.max(this.job.total, processed) };
        await this.save();
      }
      if (this.stopping) {
        this.job = { ...this.job, state: 'cancelled', finishedAt: new Date().toISOString() };
        this.logger.log(`re-tag stopped for shutdown after ${this.job.processed} of ${this.job.total} stories; the next start resumes it`);
      } else {
        this.job = { ...this.job, state: 'done', total: this.job.processed, finishedAt: new Date().toISOString() };
        this.logger.log(`re-tagged ${this.job.processed} stories since ${this.job.since}, ${this.job.changed} changed`);
      }
    } catch (error) {
      this.job = { ...this.job, state: 'failed', error: (error as Error).message, finishedAt: new Date().toISOString() };
      this.logger.error(`re-tag failed after ${this.job.processed} stories: ${(error as Error).message}`);
    }
    try {
      await this.save();
    } catch (error) {
      this.logger.error(`saving the re-tag job's state failed: ${(error as Error).message}`);
    }
  }

  private save(): Promise<void> {
    return this.repository.save({ job: this.job, afterId: this.afterId });
  }
}
