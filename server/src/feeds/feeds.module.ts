import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { ClustersModule } from '../clusters/clusters.module';
import { APP_CONFIG, AppConfig } from '../config/config';
import { IngestModule } from '../ingest/ingest.module';
import { StoriesModule } from '../stories/stories.module';
import { FeedGroups } from './feed-groups';
import { FeedScheduler } from './feed-scheduler';
import { FeedViews } from './feed-views';
import { FeedsController, OpmlController } from './feeds.controller';
import { FeedsRepository } from './feeds.repository';
import { FeedsService, PROBE_FETCHER } from './feeds.service';
import { DEFAULT_OUTBOUND_OPTIONS } from '../outbound';
import { FeedFetcher } from './feed-fetcher';

const PROBE_TIMEOUT_MS = 10_000;

function fetcherFor(config: AppConfig, totalTimeoutMs: number): FeedFetcher {
  return new FeedFetcher({
    ...DEFAULT_OUTBOUND_OPTIONS,
    connectTimeoutMs: Math.min(DEFAULT_OUTBOUND_OPTIONS.connectTimeoutMs, totalTimeoutMs),
    allowHosts: config.outboundAllowHosts,
    maxBodyBytes: config.fetch.maxBodyBytes,
    totalTimeoutMs,
  });
}

@Module({
  imports: [StoriesModule, IngestModule, ClustersModule],
  controllers: [FeedsController, OpmlController],
  providers: [
    FeedsRepository,
    FeedViews,
    FeedScheduler,
    FeedGroups,
    FeedsService,
    { provide: FeedFetcher, inject: [APP_CONFIG], useFactory: (config: AppConfig) => fetcherFor(config, config.fetch.timeoutMs) },
    // Subscribing waits for one fetch of the address; a person should not wait the full poll timeout.
    { provide: PROBE_FETCHER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => fetcherFor(config, Math.min(config.fetch.timeoutMs, PROBE_TIMEOUT_MS)) },
  ],
  exports: [FeedsService, FeedViews, FeedGroups],
})
export class FeedsModule implements OnApplicationBootstrap {
  constructor(private readonly feeds: FeedsService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.feeds.seedDefaultFeeds();
  }
}
