import { Principal, Role, roleAtLeast } from '@sentinel/shared';
import { ForbiddenError } from '../common/domain-error';

export type { Principal };

/** The server acting on its own (start-up seeding, the engine): not a person or a token. */
export const SYSTEM: Principal = { kind: 'user', userId: null, tokenId: null, role: 'admin', label: 'system', scope: { regions: [], topics: [] } };

export function isAdmin(caller: Principal): boolean {
  return caller.role === 'admin';
}

/** Throws 403 unless the caller has at least `role`. For checks inside a service. */
export function requireRole(caller: Principal, role: Role, what: string): void {
  if (!roleAtLeast(caller.role, role)) throw new ForbiddenError(`${what} needs the ${role} role; you are signed in as ${caller.role}`);
}

/** True when the caller may see and change something owned by `ownerId` (its owner or an admin). */
export function ownsOrAdmin(caller: Principal, ownerId: number | null): boolean {
  return caller.role === 'admin' || (ownerId !== null && caller.userId === ownerId);
}
