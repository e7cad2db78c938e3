import { STORY_PAGE_DEFAULT, STORY_PAGE_MAX } from '@sentinel/shared';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_ROW_ID } from '../common/id-param';

const feedIdMessage = `feedId must be a whole number from 1 to ${MAX_ROW_ID}`;

/** A repeatable query parameter (`region=SY&region=IQ`) as a list; a comma-separated value also works. */
const asList = ({ value }: { value: unknown }) => (value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean));

export class StoryQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: feedIdMessage })
  @Min(1, { message: feedIdMessage })
  @Max(MAX_ROW_ID, { message: feedIdMessage })
  feedId?: number;
  @IsOptional()
  @Transform(asList)
  @ArrayMaxSize(50, { message: 'at most 50 region values' })
  @IsString({ each: true })
  @MaxLength(40, { each: true, message: 'region values are ISO country codes or macro-region ids' })
  region?: string[];
  @IsOptional()
  @Transform(asList)
  @ArrayMaxSize(50, { message: 'at most 50 topic values' })
  @IsString({ each: true })
  @MaxLength(64, { each: true, message: 'topic values are topic ids' })
  topic?: string[];
  @IsOptional() @IsString() @MaxLength(200, { message: 'q must be at most 200 characters' }) q?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date such as 2026-01-31T12:00:00Z' }) since?: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'until must be an ISO 8601 date such as 2026-01-31T12:00:00Z' }) until?: string;
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: `limit must be a whole number between 1 and ${STORY_PAGE_MAX}` })
  @Min(1, { message: `limit must be between 1 and ${STORY_PAGE_MAX}` })
  @Max(STORY_PAGE_MAX, { message: `limit must be at most ${STORY_PAGE_MAX}` })
  limit: number = STORY_PAGE_DEFAULT;
  @IsOptional() @IsString() @MaxLength(100) cursor?: string;
}
