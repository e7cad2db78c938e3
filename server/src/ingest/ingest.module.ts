import { Module } from '@nestjs/common';
import { StoriesModule } from '../stories/stories.module';
import { TaggingModule } from '../tagging/tagging.module';
import { IngestService } from './ingest.service';

/**
 * Owns the decisions of ingest (same guid, same canonical URL, merge of sources, edits) and
 * tagging before a write; does not own SQL: the stories room writes what it decides.
 */
@Module({
  imports: [StoriesModule, TaggingModule],
  providers: [IngestService],
  exports: [IngestService],
})
export class IngestModule {}
