import { ConflictException, Injectable, Logger } from '@nestjs/common';
import type { RetagJob } from '@sentinel/shared';
import { StoriesService } from '../stories/stories.service';
import { TaggingService } from '../tagging/tagging.service';

const IDLE: RetagJob = { state: 'idle', since: null, total: 0, processed: 0, changed: 0, startedAt: null, finishedAt: null, error: null };

/** Re-tags stored stories with the current rules and gazetteer, in the background, one job at a time. */
@Injectable()
export class RetagService {
  private readonly logger = new Logger('Retag');
  private job: RetagJob = IDLE;

  constructor(
    private readonly stories: StoriesService,
    private readonly tagging: TaggingService,
  ) {}

  status(): RetagJob {
    return { ...this.job };
  }

  start(since: Date): RetagJob {
    if (this.job.state === 'running') throw new ConflictException('a re-tag is already running; wait for it to finish (GET /api/tagging/retag)');
    this.job = { ...IDLE, state: 'running', since: since.toISOString(), startedAt: new Date().toISOString() };
    void this.run(since.getTime());
    return this.status();
  }

  private async run(since: number): Promise<void> {
    try {
      const { total, changed } = await this.stories.retag(since, (story) => this.tagging.tag(story), (processed, changedSoFar, totalCount) => {
        this.job = { ...this.job, processed, changed: changedSoFar, total: totalCount };
      });
      this.job = { ...this.job, state: 'done', total, processed: total, changed, finishedAt: new Date().toISOString() };
      this.logger.log(`re-tagged ${total} stories since ${this.job.since}, ${changed} changed`);
    } catch (error) {
      this.job = { ...this.job, state: 'failed', error: (error as Error).message, finishedAt: new Date().toISOString() };
      this.logger.error(`re-tag failed: ${(error as Error).message}`);
    }
  }
}
