import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import type { Principal, RetagJob, TaggingRules, Taxonomy } from '@sentinel/shared';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import { TaggingService } from '../tagging/tagging.service';
import { RetagService } from './retag.service';
import { Access, Caller } from '../auth/access.decorator';

export class SaveRulesDto {
  @IsString({ message: 'text is required: the whole rule file as a string' })
  @MaxLength(200_000, { message: 'text must be at most 200,000 characters' })
  text!: string;
}

export class RetagDto {
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date such as 2026-01-31T00:00:00Z' })
  since?: string;
}

@Controller('api')
@Access('admin')
export class TaggingController {
  constructor(
    private readonly tagging: TaggingService,
    private readonly retag: RetagService,
    private readonly audit: AuditService,
  ) {}

  @Get('taxonomy')
  @Access('wall')
  taxonomy(): Taxonomy {
    return this.tagging.taxonomy();
  }

  @Get('tagging/rules')
  rules(): TaggingRules {
    return this.tagging.getRules();
  }

  @Put('tagging/rules')
  async saveRules(@Body() dto: SaveRulesDto, @Caller() caller: Principal): Promise<TaggingRules> {
    const rules = await this.tagging.saveRules(dto.text);
    const lines = dto.text.split('\n').length;
    await this.audit.record(caller, { action: 'tagging.rules', subjectType: 'tagging', subjectId: null, detail: `saved topic rules (${lines} lines)` });
    return rules;
  }

  /** Starts re-tagging stories published since `since` (default: all); progress at GET. */
  @Post('tagging/retag')
  @HttpCode(202)
  async startRetag(@Body() dto: RetagDto, @Caller() caller: Principal): Promise<RetagJob> {
    const job = this.retag.start(new Date(dto.since ?? 0));
    await this.audit.record(caller, { action: 'tagging.retag', subjectType: 'tagging', subjectId: null, detail: `re-tag of stories published since ${job.since}` });
    return job;
  }

  @Get('tagging/retag')
  retagStatus(): RetagJob {
    return this.retag.status();
  }
}
