import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import type { Principal, PublisherFamily } from '@sentinel/shared';
import { Access, Caller } from '../auth/access.decorator';
import { SetPublisherFamilyDto } from './clusters.dto';
import { ClustersService } from './clusters.service';

/** Outlets that count as one publisher (see publisher-families.ts); changes apply to recent events at once. */
@Controller('api/publisher-families')
export class PublisherFamiliesController {
  constructor(private readonly clusters: ClustersService) {}

  /** Readable by whoever may read feeds (their outlets and tiers): it explains the source counts. */
  @Get()
  @Access('viewer')
  list(): Promise<PublisherFamily[]> {
    return this.clusters.publisherFamilies();
  }

  @Put(':outlet')
  @Access('admin')
  set(@Caller() caller: Principal, @Param('outlet') outlet: string, @Body() body: SetPublisherFamilyDto): Promise<PublisherFamily> {
    return this.clusters.setPublisherFamily(outlet, body.family, caller);
  }

  @Delete(':outlet')
  @Access('admin')
  @HttpCode(204)
  remove(@Caller() caller: Principal, @Param('outlet') outlet: string): Promise<void> {
    return this.clusters.removePublisherFamily(outlet, caller);
  }
}
