import type { Alert, Principal, Role } from '@sentinel/shared';
import { alertAsSeenBy, AlertAudience, alertVisibleTo } from './alert-visibility';

const MACRO: Record<string, string[]> = { 'middle-east': ['SY', 'IQ', 'LB'] };
const resolveRegion = (id: string) => MACRO[id] ?? (/^[A-Za-z]{2}$/.test(id) ? [id.toUpperCase()] : null);

const caller = (role: Role, userId: number | null, scope: Partial<Principal['scope']> = {}): Principal => ({
  kind: role === 'wall' ? 'token' : 'user',
  userId,
  tokenId: role === 'wall' ? 9 : null,
  role,
  label: `${role} ${userId}`,
  scope: { regions: [], topics: [], ...scope },
});

const syrianPrisonBreak = { regions: ['SY'], topics: ['prison-break'] };
const frenchStrike = { regions: ['FR'], topics: ['labour'] };
const alertOf = (ruleOwnerId: number | null, story: AlertAudience['story'] = syrianPrisonBreak): AlertAudience => ({ ruleOwnerId, story });

describe('alertVisibleTo', () => {
  const cases: [string, Principal, AlertAudience, boolean][] = [
    ['admin: any rule', caller('admin', 1), alertOf(2), true],
    ['admin: a rule whose owner was deleted', caller('admin', 1), alertOf(null), true],
    ['analyst: own rule', caller('analyst', 2), alertOf(2), true],
    ["analyst: someone else's rule", caller('analyst', 2), alertOf(3), false],
    ['analyst: a rule without owner', caller('analyst', 2), alertOf(null), false],
    ['analyst without user id (never own anything)', caller('analyst', null), alertOf(null), false],
    ['viewer: every alert', caller('viewer', 4), alertOf(3), true],
    ['unscoped wall: every alert', caller('wall', 1), alertOf(3), true],
    ['wall scoped to a country: story there', caller('wall', 1, { regions: ['SY'] }), alertOf(3), true],
    ['wall scoped to a country in lower case', caller('wall', 1, { regions: ['sy'] }), alertOf(3), true],
    ['wall scoped to a country: story elsewhere', caller('wall', 1, { regions: ['IQ'] }), alertOf(3), false],
    ['wall scoped to a macro-region: story in one of its countries', caller('wall', 1, { regions: ['middle-east'] }), alertOf(3), true],
    ['wall scoped to a macro-region: story outside it', caller('wall', 1, { regions: ['middle-east'] }), alertOf(3, frenchStrike), false],
    ['wall scoped to a topic: story with it', caller('wall', 1, { topics: ['prison-break'] }), alertOf(3), true],
    ['wall scoped to a topic: story without it', caller('wall', 1, { topics: ['labour'] }), alertOf(3), false],
    ['wall scoped to region and topic: both match', caller('wall', 1, { regions: ['middle-east'], topics: ['prison-break'] }), alertOf(3), true],
    ['wall scoped to region and topic: only the region matches', caller('wall', 1, { regions: ['middle-east'], topics: ['labour'] }), alertOf(3), false],
    ['scoped wall: story gone', caller('wall', 1, { regions: ['SY'] }), alertOf(3, null), false],
    ['scoped wall: unknown region id admits nothing', caller('wall', 1, { regions: ['atlantis'] }), alertOf(3), false],
    ['a scope narrows an analyst too', caller('analyst', 2, { regions: ['FR'] }), alertOf(2), false],
  ];
  it.each(cases)('%s', (_name, who, alert, visible) => {
    expect(alertVisibleTo(who, alert, resolveRegion)).toBe(visible);
  });
});

describe('alertAsSeenBy', () => {
  const alert: Alert = {
    id: 1,
    ruleId: 1,
    ruleName: 'Prison breaks',
    severity: 'critical',
    storyId: 1,
    storyTitle: 'Escape in Hasakah',
    storyUrl: null,
    firedAt: '2026-01-01T00:00:00.000Z',
    attachedStoryIds: [],
    clusterId: null,
    sources: [],
    corroboration: null,
    followUpOf: null,
    acknowledgedAt: null,
    deliveries: [{ channelId: 1, channelName: 'Ops hook', status: 'pending', attempts: 1, lastError: 'connection refused by hooks.internal.example:8443', deliveredAt: null, nextAttemptAt: null }],
  };

  it("shows delivery errors to the rule's owner and admins only", () => {
    expect(alertAsSeenBy(caller('analyst', 2), alert, 2).deliveries[0].lastError).toMatch(/refused/);
    expect(alertAsSeenBy(caller('admin', 1), alert, 2).deliveries[0].lastError).toMatch(/refused/);
    const forTheRoom = alertAsSeenBy(caller('viewer', 5), alert, 2);
    expect(forTheRoom.deliveries[0]).toMatchObject({ channelName: 'Ops hook', status: 'pending', lastError: null });
    expect(alertAsSeenBy(caller('wall', 1), alert, 1).deliveries[0].lastError).toBeNull();
  });
});
