import type { Alert, Principal, Story } from '@sentinel/shared';
import { roleAtLeast } from '@sentinel/shared';
import { ownsOrAdmin } from '../auth/principal';
import { RegionResolver, storyInScope } from '../auth/scope';

export type { RegionResolver };

/**
 * Who may read which alert. One definition, used by the alert list and acknowledgement and by
 * the real-time gateway when it decides which sockets get `alert:fired`.
 *
 * - admin: every alert;
 * - analyst: alerts of their own rules (a rule without owner is the admins');
 * - viewer and wall: every alert, read-only: they are the room's readers;
 * - a caller with a scope (a wall token limited to regions and/or topics): only alerts whose
 *   story is in that scope, whatever the role.
 */

/** What decides an alert's readers: whose rule fired it, and what its story is about. */
export interface AlertAudience {
  ruleOwnerId: number | null;
  /** Null when the story is gone; a scoped caller then does not see the alert. */
  story: Pick<Story, 'regions' | 'topics'> | null;
}

export function alertVisibleTo(caller: Principal, alert: AlertAudience, resolveRegion: RegionResolver): boolean {
  if (!storyInScope(caller.scope, alert.story, resolveRegion)) return false;
  if (caller.role === 'analyst') return alert.ruleOwnerId !== null && alert.ruleOwnerId === caller.userId;
  return true;
}

/**
 * The alert as `caller` sees it. Delivery errors can name a channel's host (and a webhook URL is
 * its owner's credential), so only the rule's owner and admins see them; the room's readers see
 * where and whether an alert went, not why a delivery failed.
 */
export function alertAsSeenBy(caller: Principal, alert: Alert, ruleOwnerId: number | null): Alert {
  // A token's userId is the admin who made it, so the role matters too: a wall never manages.
  if (roleAtLeast(caller.role, 'analyst') && ownsOrAdmin(caller, ruleOwnerId)) return alert;
  return { ...alert, deliveries: alert.deliveries.map((d) => ({ ...d, lastError: null })) };
}

