import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import type { RetagJob, TaggingRules, Taxonomy } from '@sentinel/shared';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { TaggingService } from '../tagging/tagging.service';
import { RetagService } from './retag.service';

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
export class TaggingController {
  constructor(
    private readonly tagging: TaggingService,
    private readonly retag: RetagService,
  ) {}

  @Get('taxonomy')
  taxonomy(): Taxonomy {
    return this.tagging.taxonomy();
  }

  @Get('tagging/rules')
  rules(): TaggingRules {
    return this.tagging.getRules();
  }

  @Put('tagging/rules')
  saveRules(@Body() dto: SaveRulesDto): Promise<TaggingRules> {
    return this.tagging.saveRules(dto.text);
  }

  /** Starts re-tagging stories published since `since` (default: all); progress at GET. */
  @Post('tagging/retag')
  @HttpCode(202)
  startRetag(@Body() dto: RetagDto): RetagJob {
    return this.retag.start(new Date(dto.since ?? 0));
  }

  @Get('tagging/retag')
  retagStatus(): RetagJob {
    return this.retag.status();
  }
}
