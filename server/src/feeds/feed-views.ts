import { Inject, Injectable } from '@nestjs/common';
import type { Feed } from '@sentinel/shared';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { FeedEntity } from '../database/entities';
import { DomainEvents } from '../events/domain-events';
import { StoriesService } from '../stories/stories.service';
import { toFeedDto } from './feed.mapper';
import { FeedsRepository } from './feeds.repository';

const WEEK_MS = 7 * 86_400_000;

/** Builds the public view of feeds and announces changes in their health. */
@Injectable()
export class FeedViews {
  constructor(
    private readonly feeds: FeedsRepository,
    private readonly stories: StoriesService,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async many(entities: FeedEntity[]): Promise<Feed[]> {
    // Only these feeds' sources are counted: one feed's view never scans every feed's stories.
    const counts = await this.stories.countByFeed(entities.map((f) => f.id), Date.now() - WEEK_MS);
    return entities.map((f) => {
      const count = counts.get(f.id);
      return toFeedDto(f, { total: count?.total ?? 0, perDay: Math.round(((count?.recent ?? 0) / 7) * 10) / 10 }, this.config.polling);
    });
  }

  async one(entity: FeedEntity): Promise<Feed> {
    const [feed] = await this.many([entity]);
    return feed;
  }

  async announceHealth(feedId: number, eventId: number): Promise<void> {
    const entity = await this.feeds.byId(feedId);
    if (entity) this.events.emit('feed:health', { eventId, feed: await this.one(entity) });
  }
}
