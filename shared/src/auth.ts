/**
 * Accounts, roles and tokens: the API shapes of the auth, users, tokens and audit routes.
 * Declared once, used by the server (which produces them) and the client. Times are ISO 8601.
 */

/** Roles of people. Each includes everything of the roles before it. */
export const USER_ROLES = ['viewer', 'analyst', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Roles a token may carry: a person's role, or `wall` (read-only display, optionally scoped). */
export const TOKEN_ROLES = ['wall', 'viewer', 'analyst', 'admin'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** Every role a request can act with, least to most. `wall` ranks below `viewer`. */
export type Role = TokenRole;
export const ROLE_RANK: Record<Role, number> = { wall: 0, viewer: 1, analyst: 2, admin: 3 };

/** True when `role` may do what `needed` may. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

export interface User {
  id: number;
  email: string;
  role: UserRole;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface LoginRequest {
  email: string;
  password: string;
}

/** `POST /api/auth/login` → 200; the session travels in the httpOnly cookie `sw_session`. */
export interface LoginResponse {
  user: Pick<User, 'id' | 'email' | 'role'>;
}

/** Who is asking: a signed-in person, or a token (a wall or an integration). */
export interface Principal {
  kind: 'user' | 'token';
  /** The user id; for a token, the id of the admin who created it. */
  userId: number | null;
  tokenId: number | null;
  role: Role;
  /** For display: the user's e-mail or the token's name. */
  label: string;
  /** A wall token's scope; empty means everything. */
  scope: { regions: string[]; topics: string[] };
}

/**
 * `GET /api/auth/me` → who is signed in and the CSRF token that cookie-authenticated unsafe
 * requests (POST, PUT, PATCH, DELETE) must send as `X-CSRF-Token`. `csrfToken` is null for
 * bearer-token callers, which need none.
 */
export interface MeResponse {
  user: (Pick<User, 'id' | 'email' | 'role'> & { kind: 'user' }) | { kind: 'token'; id: number; name: string; role: TokenRole; scope: { regions: string[]; topics: string[] } };
  csrfToken: string | null;
}

export const CSRF_HEADER = 'X-CSRF-Token';
export const SESSION_COOKIE = 'sw_session';

/** `GET /api/auth/setup` → whether the one-time setup (first admin) is still open. */
export interface SetupStatus {
  needed: boolean;
}

/** `POST /api/auth/setup` with the token from the setup link printed in the server log. */
export interface SetupRequest {
  token: string;
  email: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface CreateUserRequest {
  email: string;
  password: string;
  role: UserRole;
}

export interface UpdateUserRequest {
  email?: string;
  role?: UserRole;
  /** An admin may set anyone's password; a user changing their own also sends currentPassword. */
  password?: string;
  currentPassword?: string;
}

export interface ApiToken {
  id: number;
  name: string;
  role: TokenRole;
  regions: string[];
  topics: string[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  /** The admin who created it (null once that user is deleted). */
  createdBy: number | null;
}

export interface CreateTokenRequest {
  name: string;
  role: TokenRole;
  regions?: string[];
  topics?: string[];
  expiresAt?: string;
}

/** `POST /api/tokens` → 201. The secret is shown here once and never again. */
export interface CreatedToken {
  id: number;
  token: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  /** Who did it: the user's e-mail or the token's name; null for the server itself. */
  actor: string | null;
  actorUserId: number | null;
  actorTokenId: number | null;
  /** e.g. `feed.create`, `rule.update`, `user.delete`, `token.revoke`. */
  action: string;
  subjectType: string;
  subjectId: number | null;
  /** A short description in words (names, not secrets). */
  detail: string;
}
