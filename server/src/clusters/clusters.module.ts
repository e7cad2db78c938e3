import { Module } from '@nestjs/common';
import { StoriesModule } from '../stories/stories.module';
import { TaggingModule } from '../tagging/tagging.module';
import { ClustersController } from './clusters.controller';
import { ClustersRepository } from './clusters.repository';
import { ClustersService } from './clusters.service';
import { PublisherFamiliesController } from './publisher-families.controller';

/** Events (clusters of stories): see clusters.service.ts and engine/cluster-engine.ts. */
@Module({
  imports: [StoriesModule, TaggingModule],
  controllers: [ClustersController, PublisherFamiliesController],
  providers: [ClustersRepository, ClustersService],
  exports: [ClustersService],
})
export class ClustersModule {}
