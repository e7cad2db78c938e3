import { Controller, Get } from '@nestjs/common';
import type { HealthResponse, Principal } from '@sentinel/shared';
import { Database } from '../database/database';
import { FeedsService } from '../feeds/feeds.service';
import { Access, OptionalCaller } from '../auth/access.decorator';

@Controller('api/health')
@Access('public')
export class HealthController {
  constructor(
    private readonly db: Database,
    private readonly feeds: FeedsService,
  ) {}

  /** Anyone may ask whether the server is up; only signed-in callers see the details. */
  @Get()
  async health(@OptionalCaller() caller: Principal | null): Promise<HealthResponse | Pick<HealthResponse, 'status'>> {
    const up = await this.db.ping();
    if (!caller) return { status: up ? 'ok' : 'degraded' };
    if (!up) {
      return { status: 'degraded', database: 'unreachable', feeds: { total: 0, ok: 0, stale: 0, error: 0, pending: 0 } };
    }
    return { status: 'ok', database: 'ok', feeds: await this.feeds.statusCounts() };
  }
}
