import { Controller, Get, Query } from '@nestjs/common';
import type { AuditEntry, Page } from '@sentinel/shared';
import { IsOptional } from 'class-validator';
import { Access } from '../auth/access.decorator';
import { MAX_ROW_ID } from '../common/id-param';
import { WholeNumber } from '../common/validation';
import { AuditService } from './audit.service';

export class AuditQueryDto {
  @IsOptional() @WholeNumber(1, 200, { fromText: true }) limit: number = 50;
  /** The `nextCursor` of the previous page. */
  @IsOptional() @WholeNumber(1, MAX_ROW_ID, { fromText: true, message: 'cursor must be the nextCursor of the previous page' }) cursor?: number;
}

@Controller('api/audit')
@Access('admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEntry>> {
    return this.audit.list(query.limit, query.cursor);
  }
}
