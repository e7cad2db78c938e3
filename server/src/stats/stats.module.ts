import { Module } from '@nestjs/common';
import { TaggingModule } from '../tagging/tagging.module';
import { StatsController } from './stats.controller';
import { VolumeQueryPipe } from './volume-query.pipe';
import { VolumeRepository } from './volume.repository';
import { VolumeService } from './volume.service';

/**
 * Volume series for charts, computed on the server over every matching story, counting stories
 * or the events they belong to. Owns the counting queries; what a story filter means belongs to
 * shared/src/story-filter.ts and its SQL form to stories/story-filter-sql.ts. The gateway's
 * per-hour `stats` event is realtime's; it asks this module only for its event counts.
 */
@Module({
  imports: [TaggingModule],
  controllers: [StatsController],
  providers: [VolumeService, VolumeRepository, VolumeQueryPipe],
  exports: [VolumeService],
})
export class StatsModule {}
