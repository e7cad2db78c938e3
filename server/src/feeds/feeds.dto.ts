import { IsOptional, ValidateIf } from 'class-validator';
import { Flag, OneOf, Text, WholeNumber } from '../common/validation';
import { SOURCE_TIERS } from '../clusters/tiers';

export const MIN_FEED_INTERVAL_SEC = 60;
export const MAX_FEED_INTERVAL_SEC = 86_400;

const intervalMessage = `intervalSec must be a whole number of seconds between ${MIN_FEED_INTERVAL_SEC} and ${MAX_FEED_INTERVAL_SEC}`;
export class CreateFeedDto {
  // Its length is checked with the rest of the address (outbound/outbound-url.ts).
  @Text({ minLength: 1, message: 'url is required: the address of a feed or of a site that advertises one' }) url!: string;
  @IsOptional() @Text({ maxLength: 500, minLength: 1, message: 'title must not be empty' }) title?: string;
  @IsOptional() @Text({ maxLength: 200 }) group?: string;
  @IsOptional() @WholeNumber(MIN_FEED_INTERVAL_SEC, MAX_FEED_INTERVAL_SEC, { message: intervalMessage }) intervalSec?: number;
}

export class UpdateFeedDto {
  @IsOptional() @Text({ maxLength: 500, minLength: 1, message: 'title must not be empty' }) title?: string;
  @ValidateIf((_, v) => v !== null) @IsOptional() @Text({ maxLength: 200 }) group?: string | null;
  @IsOptional() @Flag() enabled?: boolean;
  /** null lets the scheduler adapt the interval to the feed's rhythm. */
  @ValidateIf((_, v) => v !== null) @IsOptional() @WholeNumber(MIN_FEED_INTERVAL_SEC, MAX_FEED_INTERVAL_SEC, { message: `${intervalMessage}, or null to let the scheduler adapt it` }) intervalSec?: number | null;
  /** The outlet its stories count as (a domain such as "bbc.co.uk"); null derives it from the site again. */
  @ValidateIf((_, v) => v !== null) @IsOptional() @Text({ minLength: 1, maxLength: 253, message: 'outlet must be a name such as "bbc.co.uk" (1 to 253 characters), or null to derive it from the site' }) outlet?: string | null;
  /** null goes back to the outlet's default tier. */
  @ValidateIf((_, v) => v !== null) @IsOptional() @OneOf(SOURCE_TIERS, `tier must be one of ${SOURCE_TIERS.join(', ')}, or null for the outlet's default`) tier?: string | null;
}
