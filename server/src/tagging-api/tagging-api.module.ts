import { Module } from '@nestjs/common';
import { StoriesModule } from '../stories/stories.module';
import { TaggingModule } from '../tagging/tagging.module';
import { RetagRepository } from './retag.repository';
import { RetagService } from './retag.service';
import { TaggingController } from './tagging.controller';

/** The HTTP side of tagging: taxonomy, operator rules and re-tagging of stored stories. */
@Module({
  imports: [TaggingModule, StoriesModule],
  controllers: [TaggingController],
  providers: [RetagService, RetagRepository],
})
export class TaggingApiModule {}
