import { Controller, Get } from '@nestjs/common';
import type { HealthResponse } from '@sentinel/shared';
import { Database } from '../database/database';
import { FeedsService } from '../feeds/feeds.service';

@Controller('api/health')
export class HealthController {
  constructor(
    private readonly db: Database,
    private readonly feeds: FeedsService,
  ) {}

  @Get()
  async health(): Promise<HealthResponse> {
    if (!(await this.db.ping())) {
      return { status: 'degraded', database: 'unreachable', feeds: { total: 0, ok: 0, stale: 0, error: 0, pending: 0 } };
    }
    return { status: 'ok', database: 'ok', feeds: await this.feeds.statusCounts() };
  }
}
