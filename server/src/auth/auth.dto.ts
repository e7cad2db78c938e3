
import { ArrayMaxSize, IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { TOKEN_ROLES, USER_ROLES } from '@sentinel/shared';
import type { TokenRole, UserRole } from '@sentinel/shared';

const EMAIL_MESSAGE = 'email is required: the e-mail address the account signs in with';
const ROLE_MESSAGE = `role must be one of ${USER_ROLES.join(', ')}`;

export class LoginDto {
  @IsString({ message: EMAIL_MESSAGE }) @MaxLength(320, { message: 'email must be at most 320 characters' }) email!: string;
  @IsString({ message: 'password is required' }) @MaxLength(1000, { message: 'password must be at most 200 characters' }) password!: string;
}

export class SetupDto extends LoginDto {
  @IsString({ message: 'token is required: the one in the setup link printed in the server log' }) @MaxLength(200) token!: string;
}

export class ChangePasswordDto {
  @IsString({ message: 'currentPassword is required' }) @MaxLength(1000) currentPassword!: string;
  @IsString({ message: 'newPassword is required' }) @MaxLength(1000) newPassword!: string;
}

export class CreateUserDto {
  @IsString({ message: EMAIL_MESSAGE }) @MaxLength(320, { message: 'email must be at most 320 characters' }) email!: string;
  @IsString({ message: 'password is required (at least 12 characters)' }) @MaxLength(1000) password!: string;
  @IsIn(USER_ROLES, { message: ROLE_MESSAGE }) role!: UserRole;
}

export class UpdateUserDto {
  @IsOptional() @IsString() @MaxLength(320, { message: 'email must be at most 320 characters' }) email?: string;
  @IsOptional() @IsIn(USER_ROLES, { message: ROLE_MESSAGE }) role?: UserRole;
  @IsOptional() @IsString({ message: 'password must be a string' }) @MaxLength(1000) password?: string;
  @IsOptional() @IsString({ message: 'currentPassword must be a string' }) @MaxLength(1000) currentPassword?: string;
}

export class CreateTokenDto {
  @IsString({ message: 'name is required: what the token is for, e.g. "Ops room wall 2"' }) @MinLength(1, { message: 'name is required' }) @MaxLength(200, { message: 'name must be at most 200 characters' }) name!: string;
  @IsIn(TOKEN_ROLES, { message: `role must be one of ${TOKEN_ROLES.join(', ')}` }) role!: TokenRole;
  @IsOptional() @ArrayMaxSize(100, { message: 'at most 100 regions' }) @IsString({ each: true, message: 'regions must be a list of region ids' }) @MaxLength(64, { each: true }) regions?: string[];
  @IsOptional() @ArrayMaxSize(100, { message: 'at most 100 topics' }) @IsString({ each: true, message: 'topics must be a list of topic ids' }) @MaxLength(64, { each: true }) topics?: string[];
  @IsOptional() @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date such as 2027-01-31T00:00:00Z' }) expiresAt?: string;
}

