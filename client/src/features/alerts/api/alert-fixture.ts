import type { Alert, AlertRule } from '@sentinel/shared';

/** Realistic alerts and rules for unit tests; override what the test is about. */
export function alertFixture(id: number, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    ruleId: 1,
    ruleName: 'Prison breaks in Syria',
    severity: 'critical',
    storyId: 100 + id,
    storyTitle: `Dozens of detainees escape Hasakah prison (${id})`,
    storyUrl: `https://news.example.org/story/${100 + id}`,
    firedAt: new Date(Date.UTC(2026, 0, 31, 12, 0, 0) + id * 60_000).toISOString(),
    attachedStoryIds: [],
    clusterId: null,
    sources: [],
    corroboration: null,
    followUpOf: null,
    acknowledgedAt: null,
    deliveries: [],
    ...overrides,
  };
}

export function ruleFixture(id: number, overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    id,
    ownerId: 1,
    name: 'Prison breaks in Syria',
    query: '"prison break" OR (escape* NEAR/5 prison) region:SY',
    mode: 'each',
    severity: 'critical',
    channels: [],
    cooldownSec: 1800,
    threshold: 5,
    windowSec: 3600,
    enabled: true,
    muted: false,
    followUpOnCorroboration: false,
    snoozedUntil: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    lastFiredAt: null,
    firedLast24h: 0,
    firedTotal: 0,
    ...overrides,
  };
}
