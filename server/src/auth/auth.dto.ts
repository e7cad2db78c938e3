
import { ArrayMaxSize, IsISO8601, IsOptional } from 'class-validator';
import { TOKEN_ROLES, USER_ROLES } from '@sentinel/shared';
import type { TokenRole, UserRole } from '@sentinel/shared';
import { OneOf, Text } from '../common/validation';

const EMAIL = { maxLength: 320, message: 'email is required: the e-mail address the account signs in with' };
/** Long enough for any passphrase; how long a new password may be is password.ts's rule. */
const PASSWORD_MAX = 1000;

export class LoginDto {
  @Text(EMAIL) email!: string;
  @Text({ maxLength: PASSWORD_MAX, message: 'password is required' }) password!: string;
}

export class SetupDto extends LoginDto {
  @Text({ maxLength: 200, message: 'token is required: the one in the setup link printed in the server log' }) token!: string;
}

export class ChangePasswordDto {
  @Text({ maxLength: PASSWORD_MAX, message: 'currentPassword is required' }) currentPassword!: string;
  @Text({ maxLength: PASSWORD_MAX, message: 'newPassword is required' }) newPassword!: string;
}

export class CreateUserDto {
  @Text(EMAIL) email!: string;
  @Text({ maxLength: PASSWORD_MAX, message: 'password is required (at least 12 characters)' }) password!: string;
  @OneOf(USER_ROLES) role!: UserRole;
}

export class UpdateUserDto {
  @IsOptional() @Text({ maxLength: EMAIL.maxLength }) email?: string;
  @IsOptional() @OneOf(USER_ROLES) role?: UserRole;
  @IsOptional() @Text({ maxLength: PASSWORD_MAX }) password?: string;
  @IsOptional() @Text({ maxLength: PASSWORD_MAX }) currentPassword?: string;
}

export class CreateTokenDto {
  @Text({ maxLength: 200, minLength: 1, message: 'name is required: what the token is for, e.g. "Ops room wall 2"' }) name!: string;
  @OneOf(TOKEN_ROLES) role!: TokenRole;
  @IsOptional() @ArrayMaxSize(100, { message: 'at most 100 regions' }) @Text({ each: true, maxLength: 64, message: 'regions must be a list of region ids' }) regions?: string[];
  @IsOptional() @ArrayMaxSize(100, { message: 'at most 100 topics' }) @Text({ each: true, maxLength: 64, message: 'topics must be a list of topic ids' }) topics?: string[];
  @IsOptional() @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date such as 2027-01-31T00:00:00Z' }) expiresAt?: string;
}
