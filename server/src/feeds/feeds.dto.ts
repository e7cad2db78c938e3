import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

export const MIN_FEED_INTERVAL_SEC = 60;
export const MAX_FEED_INTERVAL_SEC = 86_400;

const intervalMessage = `intervalSec must be a whole number of seconds between ${MIN_FEED_INTERVAL_SEC} and ${MAX_FEED_INTERVAL_SEC}`;

export class CreateFeedDto {
  @IsString({ message: 'url is required: the address of a feed or of a site that advertises one' })
  @MinLength(1, { message: 'url is required: the address of a feed or of a site that advertises one' })
  url!: string;
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500, { message: 'title must be at most 500 characters' }) title?: string;
  @IsOptional() @IsString() @MaxLength(200, { message: 'group must be at most 200 characters' }) group?: string;
  @IsOptional()
  @IsInt({ message: intervalMessage })
  @Min(MIN_FEED_INTERVAL_SEC, { message: intervalMessage })
  @Max(MAX_FEED_INTERVAL_SEC, { message: intervalMessage })
  intervalSec?: number;
}

export class UpdateFeedDto {
  @IsOptional() @IsString() @MinLength(1, { message: 'title must not be empty' }) @MaxLength(500, { message: 'title must be at most 500 characters' }) title?: string;
  @ValidateIf((_, v) => v !== null) @IsOptional() @IsString() @MaxLength(200, { message: 'group must be at most 200 characters' }) group?: string | null;
  @IsOptional() @IsBoolean({ message: 'enabled must be true or false' }) enabled?: boolean;
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsInt({ message: `${intervalMessage}, or null to let the scheduler adapt it` })
  @Min(MIN_FEED_INTERVAL_SEC, { message: intervalMessage })
  @Max(MAX_FEED_INTERVAL_SEC, { message: intervalMessage })
  intervalSec?: number | null;
}
