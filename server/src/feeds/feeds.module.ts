import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { StoriesModule } from '../stories/stories.module';
import { FeedScheduler } from './feed-scheduler';
import { FeedViews } from './feed-views';
import { FeedsController, OpmlController } from './feeds.controller';
import { FeedsRepository } from './feeds.repository';
import { FeedsService } from './feeds.service';
import { DEFAULT_FETCHER_OPTIONS, FeedFetcher } from './fetcher';
import { USER_AGENT } from './user-agent';

@Module({
  imports: [StoriesModule],
  controllers: [FeedsController, OpmlController],
  providers: [
    FeedsRepository,
    FeedViews,
    FeedScheduler,
    FeedsService,
    {
      provide: FeedFetcher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new FeedFetcher({
          ...DEFAULT_FETCHER_OPTIONS,
          allowHosts: config.outboundAllowHosts,
          maxBodyBytes: config.fetch.maxBodyBytes,
          totalTimeoutMs: config.fetch.timeoutMs,
          userAgent: USER_AGENT,
        }),
    },
  ],
  exports: [FeedsService, FeedViews],
})
export class FeedsModule implements OnApplicationBootstrap {
  constructor(private readonly feeds: FeedsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.feeds.seedDefaultFeeds();
  }
}
