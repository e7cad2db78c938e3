import { Module } from '@nestjs/common';
import { TAXONOMY_LOOKUP } from './taxonomy-lookup';
import { TaggingService } from './tagging.service';

/** The tagging engine as a service: ingest tags with it, the gateway and filters look regions up in it. */
@Module({
  providers: [TaggingService, { provide: TAXONOMY_LOOKUP, useExisting: TaggingService }],
  exports: [TaggingService, TAXONOMY_LOOKUP],
})
export class TaggingModule {}
