import { ArrayMaxSize, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_ROW_ID } from '../common/id-param';
import { Flag, OneOf, Text, WholeNumber } from '../common/validation';

const CHANNEL_IDS = 'channels must be a list of channel ids (whole numbers from 1 to 2147483647)';
const QUERY = { maxLength: 2000, message: 'query is required: the rule text, e.g. "prison break" region:SY' };
const NAME = { maxLength: 200, minLength: 1, message: 'name is required' };
const RENAME = { maxLength: 200, minLength: 1, message: 'name must not be empty' };
const WEEK_SEC = 604_800;

const MODES = ['each', 'threshold', 'spike'] as const;
const SEVERITIES = ['info', 'warning', 'critical'] as const;
const CHANNEL_TYPES = ['webhook', 'email'] as const;
const WEBHOOK_FORMATS = ['generic', 'slack'] as const;
/** A webhook secret keys HMAC-SHA256: short ones can be guessed offline from one signed call. */
export const MIN_SECRET_LENGTH = 16;
const SECRET_RULE = `secret must be at least ${MIN_SECRET_LENGTH} characters, e.g. 32 random bytes as hex`;

export class QueryDto {
  @Text(QUERY) query!: string;
}

export class RuleOptionsDto {
  @IsOptional() @OneOf(MODES) mode?: (typeof MODES)[number];
  @IsOptional() @WholeNumber(1, 1000, { fromText: true }) threshold?: number;
  @IsOptional() @WholeNumber(60, WEEK_SEC, { fromText: true, message: `windowSec must be whole seconds from 60 to ${WEEK_SEC}` }) windowSec?: number;
  @IsOptional() @WholeNumber(0, WEEK_SEC, { fromText: true, message: `cooldownSec must be whole seconds from 0 to ${WEEK_SEC}` }) cooldownSec?: number;
}

/** What a rule names that its channels field and its create and update bodies share. */
class RuleFieldsDto extends RuleOptionsDto {
  @IsOptional() @OneOf(SEVERITIES) severity?: (typeof SEVERITIES)[number];
  @IsOptional() @ArrayMaxSize(20, { message: 'at most 20 channels' }) @WholeNumber(1, MAX_ROW_ID, { each: true, message: CHANNEL_IDS }) channels?: number[];
  @IsOptional() @Flag() enabled?: boolean;
  @IsOptional() @Flag() followUpOnCorroboration?: boolean;
}

export class CreateRuleDto extends RuleFieldsDto {
  @Text(NAME) name!: string;
  @Text(QUERY) query!: string;
}

export class UpdateRuleDto extends RuleFieldsDto {
  @IsOptional() @Text(RENAME) name?: string;
  @IsOptional() @Text({ maxLength: QUERY.maxLength }) query?: string;
}

export class PreviewDto extends RuleOptionsDto {
  @Text({ maxLength: QUERY.maxLength, message: 'query is required' }) query!: string;
  @IsOptional() @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date such as 2026-01-31T00:00:00Z' }) since?: string;
}

export class SnoozeDto {
  /** 0 ends a snooze early. */
  @WholeNumber(0, 10_080, { fromText: true, message: 'minutes must be a whole number from 0 (end the snooze) to 10080 (a week)' }) minutes!: number;
}

export class MuteDto {
  @Flag() muted!: boolean;
}

export class AlertListDto {
  @IsOptional() @WholeNumber(1, MAX_ROW_ID, { fromText: true }) ruleId?: number;
  @IsOptional() @OneOf(['true', 'false']) acknowledged?: 'true' | 'false';
  @IsOptional() @WholeNumber(1, 200, { fromText: true }) limit: number = 50;
  @IsOptional() @IsString() @MaxLength(100) cursor?: string;
}

/** The fields of a channel that a create and an update share; which apply depends on its type. */
class ChannelFieldsDto {
  @IsOptional() @Text({ maxLength: 2048 }) url?: string;
  @IsOptional() @Text({ maxLength: 500, minLength: MIN_SECRET_LENGTH, message: SECRET_RULE }) secret?: string;
  @IsOptional() @OneOf(WEBHOOK_FORMATS) format?: (typeof WEBHOOK_FORMATS)[number];
  @IsOptional() @Text({ maxLength: 320, message: 'to must be an e-mail address' }) to?: string;
  @IsOptional() @Flag() enabled?: boolean;
}

export class CreateChannelDto extends ChannelFieldsDto {
  @OneOf(CHANNEL_TYPES) type!: (typeof CHANNEL_TYPES)[number];
  @Text(NAME) name!: string;
}

export class UpdateChannelDto extends ChannelFieldsDto {
  @IsOptional() @Text(RENAME) name?: string;
}
