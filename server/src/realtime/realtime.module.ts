import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { ClustersModule } from '../clusters/clusters.module';
import { FeedsModule } from '../feeds/feeds.module';
import { StatsModule } from '../stats/stats.module';
import { StoriesModule } from '../stories/stories.module';
import { TaggingModule } from '../tagging/tagging.module';
import { RealtimeGateway } from './realtime.gateway';
import { ReplayService } from './replay.service';
import { StatsService } from './stats.service';

@Module({
  imports: [StoriesModule, FeedsModule, TaggingModule, AlertsModule, ClustersModule, StatsModule],
  providers: [RealtimeGateway, ReplayService, StatsService],
})
export class RealtimeModule {}
