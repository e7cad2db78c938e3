import { roleAtLeast, type Role } from '@sentinel/shared';

/**
 * What the interface offers to whom. The server decides (every route declares its role); this
 * only hides what a role cannot do, so nobody is shown a button that answers 403. One table, so
 * the pages and the navigation agree.
 */
const LEAST_ROLE = {
  'stories.read': 'wall',
  'alerts.read': 'wall',
  'feeds.read': 'viewer',
  'workspace.use': 'viewer',
  'alerts.acknowledge': 'analyst',
  /** Their own rules and channels (an admin's: everyone's); the server checks ownership. */
  'rules.edit': 'analyst',
  /** Merge two events, split stories out of one. */
  'clusters.edit': 'analyst',
  'feeds.manage': 'admin',
  'users.manage': 'admin',
  'tokens.manage': 'admin',
  'audit.read': 'admin',
} as const satisfies Record<string, Role>;

export type Action = keyof typeof LEAST_ROLE;

/** True when `role` may do `action`; no role (signed out) may do nothing. */
export function can(role: Role | null | undefined, action: Action): boolean {
  return role != null && roleAtLeast(role, LEAST_ROLE[action]);
}

/** The role an action needs, for messages ("needs the admin role"). */
export function roleFor(action: Action): Role {
  return LEAST_ROLE[action];
}
