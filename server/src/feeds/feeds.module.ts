import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { StoriesModule } from '../stories/stories.module';
import { FeedScheduler } from './feed-scheduler';
import { FeedViews } from './feed-views';
import { FeedsController, OpmlController } from './feeds.controller';
import { FeedsRepository } from './feeds.repository';
import { FeedsService, PROBE_FETCHER } from './feeds.service';
import { DEFAULT_FETCHER_OPTIONS, FeedFetcher } from './fetcher';
import { USER_AGENT } from './user-agent';

const PROBE_TIMEOUT_MS = 10_000;

function fetcherFor(config: AppConfig, totalTimeoutMs: number): FeedFetcher {
  return new FeedFetcher({
    ...DEFAULT_FETCHER_OPTIONS,
    connectTimeoutMs: Math.min(DEFAULT_FETCHER_OPTIONS.connectTimeoutMs, totalTimeoutMs),
    allowHosts: config.outboundAllowHosts,
    maxBodyBytes: config.fetch.maxBodyBytes,
    totalTimeoutMs,
    userAgent: USER_AGENT,
  });
}

@Module({
  imports: [StoriesModule],
  controllers: [FeedsController, OpmlController],
  providers: [
    FeedsRepository,
    FeedViews,
    FeedScheduler,
    FeedsService,
    { provide: FeedFetcher, inject: [APP_CONFIG], useFactory: (config: AppConfig) => fetcherFor(config, config.fetch.timeoutMs) },
    // Subscribing waits for one fetch of the address; a person should not wait the full poll timeout.
    { provide: PROBE_FETCHER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => fetcherFor(config, Math.min(config.fetch.timeoutMs, PROBE_TIMEOUT_MS)) },
  ],
  exports: [FeedsService, FeedViews],
})
export class FeedsModule implements OnApplicationBootstrap {
  constructor(private readonly feeds: FeedsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.feeds.seedDefaultFeeds();
  }
}
