import { Controller, Get, Query } from '@nestjs/common';
import type { AuditEntry, Page } from '@sentinel/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Access } from '../auth/access.decorator';
import { AuditService } from './audit.service';

export class AuditQueryDto {
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number from 1 to 200' }) @Min(1, { message: 'limit must be a whole number from 1 to 200' }) @Max(200, { message: 'limit must be a whole number from 1 to 200' }) limit: number = 50;
  /** The `nextCursor` of the previous page. */
  @IsOptional() @Type(() => Number) @IsInt({ message: 'cursor must be the nextCursor of the previous page' }) @Min(1, { message: 'cursor must be the nextCursor of the previous page' }) @Max(2_147_483_647, { message: 'cursor must be the nextCursor of the previous page' }) cursor?: number;
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
