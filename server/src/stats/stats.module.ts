import { Module } from '@nestjs/common';
import { TaggingModule } from '../tagging/tagging.module';
import { StatsController } from './stats.controller';
import { VolumeQueryPipe } from './volume-query.pipe';
import { VolumeRepository } from './volume.repository';
import { VolumeService } from './volume.service';

/**
 * Volume series for charts, computed on the server over every matching story. Owns the counting
 * queries; what a story filter means belongs to shared/src/story-filter.ts and its SQL form to
 * stories/story-filter-sql.ts. The gateway's per-hour `stats` event is realtime's, not this.
 */
@Module({
  imports: [TaggingModule],
  controllers: [StatsController],
  providers: [VolumeService, VolumeRepository, VolumeQueryPipe],
})
export class StatsModule {}
