import { Controller, Get, Query } from '@nestjs/common';
import type { Principal, VolumeResponse } from '@sentinel/shared';
import { Access, Caller } from '../auth/access.decorator';
import { VolumeQueryPipe } from './volume-query.pipe';
import { VolumeService, type VolumeQuery } from './volume.service';

@Controller('api/stats')
export class StatsController {
  constructor(private readonly volume: VolumeService) {}

  /** Stories (or events) per hour or day by topic or region, for the filter; walls chart it, so a wall token may ask (within its scope). */
  @Get('volume')
  @Access('wall')
  series(@Caller() caller: Principal, @Query(VolumeQueryPipe) query: VolumeQuery): Promise<VolumeResponse> {
    return this.volume.volume(query, caller.scope);
  }
}
