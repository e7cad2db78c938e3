import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_ROW_ID } from '../common/id-param';

const CHANNEL_IDS = 'channels must be a list of channel ids (whole numbers from 1 to 2147483647)';

const MODES = ['each', 'threshold', 'spike'] as const;
const SEVERITIES = ['info', 'warning', 'critical'] as const;
/** A webhook secret keys HMAC-SHA256: short ones can be guessed offline from one signed call. */
export const MIN_SECRET_LENGTH = 16;
const SECRET_RULE = `secret must be at least ${MIN_SECRET_LENGTH} characters, e.g. 32 random bytes as hex`;

export class QueryDto {
  @IsString({ message: 'query is required: the rule text, e.g. "prison break" region:SY' })
  @MaxLength(2000, { message: 'query must be at most 2,000 characters' })
  query!: string;
}

export class RuleOptionsDto {
  @IsOptional() @IsIn(MODES, { message: 'mode must be each, threshold or spike' }) mode?: (typeof MODES)[number];
  @IsOptional() @Type(() => Number) @IsInt({ message: 'threshold must be a whole number from 1 to 1000' }) @Min(1, { message: 'threshold must be a whole number from 1 to 1000' }) @Max(1000, { message: 'threshold must be a whole number from 1 to 1000' }) threshold?: number;
  @IsOptional() @Type(() => Number) @IsInt({ message: 'windowSec must be whole seconds from 60 to 604800' }) @Min(60, { message: 'windowSec must be whole seconds from 60 to 604800' }) @Max(604_800, { message: 'windowSec must be whole seconds from 60 to 604800' }) windowSec?: number;
  @IsOptional() @Type(() => Number) @IsInt({ message: 'cooldownSec must be whole seconds from 0 to 604800' }) @Min(0, { message: 'cooldownSec must be whole seconds from 0 to 604800' }) @Max(604_800, { message: 'cooldownSec must be whole seconds from 0 to 604800' }) cooldownSec?: number;
}

export class CreateRuleDto extends RuleOptionsDto {
  @IsString({ message: 'name is required' }) @MinLength(1, { message: 'name is required' }) @MaxLength(200, { message: 'name must be at most 200 characters' }) name!: string;
  @IsString({ message: 'query is required: the rule text, e.g. "prison break" region:SY' }) @MaxLength(2000, { message: 'query must be at most 2,000 characters' }) query!: string;
  @IsOptional() @IsIn(SEVERITIES, { message: 'severity must be info, warning or critical' }) severity?: (typeof SEVERITIES)[number];
  @IsOptional() @ArrayMaxSize(20, { message: 'at most 20 channels' }) @IsInt({ each: true, message: 'channels must be a list of channel ids' }) @Min(1, { each: true, message: CHANNEL_IDS }) @Max(MAX_ROW_ID, { each: true, message: CHANNEL_IDS }) channels?: number[];
  @IsOptional() @IsBoolean({ message: 'enabled must be true or false' }) enabled?: boolean;
}

export class UpdateRuleDto extends RuleOptionsDto {
  @IsOptional() @IsString() @MinLength(1, { message: 'name must not be empty' }) @MaxLength(200, { message: 'name must be at most 200 characters' }) name?: string;
  @IsOptional() @IsString() @MaxLength(2000, { message: 'query must be at most 2,000 characters' }) query?: string;
  @IsOptional() @IsIn(SEVERITIES, { message: 'severity must be info, warning or critical' }) severity?: (typeof SEVERITIES)[number];
  @IsOptional() @ArrayMaxSize(20, { message: 'at most 20 channels' }) @IsInt({ each: true, message: 'channels must be a list of channel ids' }) @Min(1, { each: true, message: CHANNEL_IDS }) @Max(MAX_ROW_ID, { each: true, message: CHANNEL_IDS }) channels?: number[];
  @IsOptional() @IsBoolean({ message: 'enabled must be true or false' }) enabled?: boolean;
}

export class PreviewDto extends RuleOptionsDto {
  @IsString({ message: 'query is required' }) @MaxLength(2000, { message: 'query must be at most 2,000 characters' }) query!: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date such as 2026-01-31T00:00:00Z' }) since?: string;
}

export class SnoozeDto {
  /** 0 ends a snooze early. */
  @Type(() => Number) @IsInt({ message: 'minutes must be a whole number from 0 (end the snooze) to 10080 (a week)' }) @Min(0, { message: 'minutes must be a whole number from 0 (end the snooze) to 10080 (a week)' }) @Max(10_080, { message: 'minutes must be a whole number from 0 (end the snooze) to 10080 (a week)' }) minutes!: number;
}

export class MuteDto {
  @IsBoolean({ message: 'muted must be true or false' }) muted!: boolean;
}

export class AlertListDto {
  @IsOptional() @Type(() => Number) @IsInt({ message: 'ruleId must be a whole number' }) @Min(1, { message: 'ruleId must be a whole number from 1 to 2147483647' }) @Max(MAX_ROW_ID, { message: 'ruleId must be a whole number from 1 to 2147483647' }) ruleId?: number;
  @IsOptional() @IsIn(['true', 'false'], { message: 'acknowledged must be true or false' }) acknowledged?: 'true' | 'false';
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number from 1 to 200' }) @Min(1, { message: 'limit must be a whole number from 1 to 200' }) @Max(200, { message: 'limit must be a whole number from 1 to 200' }) limit: number = 50;
  @IsOptional() @IsString() @MaxLength(100) cursor?: string;
}

export class CreateChannelDto {
  @IsIn(['webhook', 'email'], { message: 'type must be webhook or email' }) type!: 'webhook' | 'email';
  @IsString({ message: 'name is required' }) @MinLength(1, { message: 'name is required' }) @MaxLength(200, { message: 'name must be at most 200 characters' }) name!: string;
  @IsOptional() @IsString({ message: 'url must be text' }) @MaxLength(2048, { message: 'url must be at most 2048 characters' }) url?: string;
  @IsOptional() @IsString({ message: SECRET_RULE }) @MinLength(MIN_SECRET_LENGTH, { message: SECRET_RULE }) @MaxLength(500, { message: 'secret must be at most 500 characters' }) secret?: string;
  @IsOptional() @IsIn(['generic', 'slack'], { message: 'format must be generic or slack' }) format?: 'generic' | 'slack';
  @IsOptional() @IsString({ message: 'to must be an e-mail address' }) @MaxLength(320, { message: 'to must be at most 320 characters' }) to?: string;
  @IsOptional() @IsBoolean({ message: 'enabled must be true or false' }) enabled?: boolean;
}

export class UpdateChannelDto {
  @IsOptional() @IsString({ message: 'name must be text' }) @MinLength(1, { message: 'name must not be empty' }) @MaxLength(200, { message: 'name must be at most 200 characters' }) name?: string;
  @IsOptional() @IsString({ message: 'url must be text' }) @MaxLength(2048, { message: 'url must be at most 2048 characters' }) url?: string;
  @IsOptional() @IsString({ message: SECRET_RULE }) @MinLength(MIN_SECRET_LENGTH, { message: SECRET_RULE }) @MaxLength(500, { message: 'secret must be at most 500 characters' }) secret?: string;
  @IsOptional() @IsIn(['generic', 'slack'], { message: 'format must be generic or slack' }) format?: 'generic' | 'slack';
  @IsOptional() @IsString({ message: 'to must be an e-mail address' }) @MaxLength(320, { message: 'to must be at most 320 characters' }) to?: string;
  @IsOptional() @IsBoolean({ message: 'enabled must be true or false' }) enabled?: boolean;
}
