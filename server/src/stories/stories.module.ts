import { Module } from '@nestjs/common';
import { TaggingModule } from '../tagging/tagging.module';
import { StoriesController } from './stories.controller';
import { StoriesRepository } from './stories.repository';
import { StoriesService } from './stories.service';

@Module({
  imports: [TaggingModule],
  controllers: [StoriesController],
  providers: [StoriesRepository, StoriesService],
  exports: [StoriesService],
})
export class StoriesModule {}
