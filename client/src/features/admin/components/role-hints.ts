import type { Role } from '@sentinel/shared';

/** One line per role, under the role pickers, so an admin knows what they are handing out. */
export const ROLE_HINTS: Record<Role, string> = {
  wall: 'Read-only display: stories, alerts and the live feed, within its scope. For screens, not people.',
  viewer: 'Reads stories, feeds, alerts and charts; changes nothing.',
  analyst: 'A viewer who also writes their own alert rules and channels and acknowledges alerts.',
  admin: 'Everything: feeds, tagging, people, tokens and the audit log.',
};
