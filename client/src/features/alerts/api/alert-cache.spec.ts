import type { AlertRule } from '@sentinel/shared';
import { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { alertFixture, ruleFixture } from './alert-fixture';
import type { AlertHistoryData, AlertHistoryFilter } from './alert-cache';
import { mergeRecentAlerts, withRuleFired } from './alert-cache';
import { receiveFiredAlert, storeAlert, type FiredAlert } from './alerts';

const ALL: AlertHistoryFilter = { ruleId: null, acknowledged: null };
const RULE_2: AlertHistoryFilter = { ruleId: 2, acknowledged: null };
const ACKNOWLEDGED: AlertHistoryFilter = { ruleId: null, acknowledged: true };
const OPEN: AlertHistoryFilter = { ruleId: null, acknowledged: false };

function seedHistory(client: QueryClient, filter: AlertHistoryFilter, pages: number[][]): void {
  const data: AlertHistoryData = {
    pages: pages.map((ids, index) => ({ items: ids.map((id) => alertFixture(id)), nextCursor: index < pages.length - 1 ? `c${index}` : null })),
    pageParams: [null, ...pages.slice(1).map((_, index) => `c${index}`)],
  };
  client.setQueryData(queryKeys.alerts.history(filter), data);
}

const historyIds = (client: QueryClient, filter: AlertHistoryFilter) =>
  client.getQueryData<AlertHistoryData>(queryKeys.alerts.history(filter))?.pages.map((page) => page.items.map((alert) => alert.id));

describe('a fired alert arriving over the socket', () => {
  let client: QueryClient;
  beforeEach(() => {
    client = new QueryClient();
  });
  afterEach(() => client.clear());

  it('goes on top of the newest page of the history, leaving older pages alone', () => {
    seedHistory(client, ALL, [[5, 4], [3, 2]]);
    receiveFiredAlert(client, { eventId: 9, alert: alertFixture(6) });
    expect(historyIds(client, ALL)).toEqual([[6, 5, 4], [3, 2]]);
  });

  it('goes only into histories whose rule and acknowledged filters it matches', () => {
    seedHistory(client, RULE_2, [[4]]);
    seedHistory(client, ACKNOWLEDGED, [[3]]);
    seedHistory(client, OPEN, [[2]]);
    receiveFiredAlert(client, { eventId: 9, alert: alertFixture(6, { ruleId: 1 }) });
    expect(historyIds(client, RULE_2)).toEqual([[4]]);
    expect(historyIds(client, ACKNOWLEDGED)).toEqual([[3]]);
    expect(historyIds(client, OPEN)).toEqual([[6, 2]]);
  });

  it('is shown once when the server replays it after a reconnect, and reports it as not new', () => {
    seedHistory(client, ALL, [[5]]);
    expect(receiveFiredAlert(client, { eventId: 9, alert: alertFixture(6) })).toBe(true);
    expect(receiveFiredAlert(client, { eventId: 9, alert: alertFixture(6) })).toBe(false);
    expect(historyIds(client, ALL)).toEqual([[6, 5]]);
    expect(client.getQueryData<FiredAlert[]>(queryKeys.firedAlerts)?.map((alert) => alert.id)).toEqual([6]);
  });

  it("adds one to its rule's 24-hour and total counts and moves its last-fired time", () => {
    client.setQueryData<AlertRule[]>(queryKeys.alerts.rules, [
      ruleFixture(1, { firedLast24h: 2, firedTotal: 10, lastFiredAt: '2026-01-31T11:00:00.000Z' }),
      ruleFixture(2, { firedLast24h: 1, firedTotal: 1 }),
    ]);
    const alert = alertFixture(6, { ruleId: 1, firedAt: '2026-01-31T12:30:00.000Z' });
    receiveFiredAlert(client, { eventId: 9, alert });
    const [first, second] = client.getQueryData<AlertRule[]>(queryKeys.alerts.rules)!;
    expect(first).toMatchObject({ firedLast24h: 3, firedTotal: 11, lastFiredAt: '2026-01-31T12:30:00.000Z' });
    expect(second).toMatchObject({ firedLast24h: 1, firedTotal: 1 });
  });

  it('does not count an alert a second time when the rule list was fetched after it fired', () => {
    const rules = [ruleFixture(1, { firedLast24h: 3, firedTotal: 11, lastFiredAt: '2026-01-31T12:30:00.000Z' })];
    expect(withRuleFired(rules, alertFixture(6, { ruleId: 1, firedAt: '2026-01-31T12:30:00.000Z' }))).toBe(rules);
  });

  it('keeps the banner list newest first and at most twenty long', () => {
    for (let id = 1; id <= 25; id++) receiveFiredAlert(client, { eventId: id, alert: alertFixture(id) });
    const recent = client.getQueryData<FiredAlert[]>(queryKeys.firedAlerts)!;
    expect(recent).toHaveLength(20);
    expect(recent[0].id).toBe(25);
    expect(recent[19].id).toBe(6);
  });
});

describe('an alert acknowledged by the reader', () => {
  it('replaces its copy in place in every cached list, without reordering', () => {
    const client = new QueryClient();
    seedHistory(client, ALL, [[3, 2, 1]]);
    client.setQueryData<FiredAlert[]>(queryKeys.firedAlerts, [alertFixture(3), alertFixture(2)]);
    storeAlert(client, alertFixture(2, { acknowledgedAt: '2026-01-31T13:00:00.000Z' }));
    const history = client.getQueryData<AlertHistoryData>(queryKeys.alerts.history(ALL))!.pages[0].items;
    expect(history.map((alert) => [alert.id, alert.acknowledgedAt])).toEqual([
      [3, null],
      [2, '2026-01-31T13:00:00.000Z'],
      [1, null],
    ]);
    expect(client.getQueryData<FiredAlert[]>(queryKeys.firedAlerts)![1].acknowledgedAt).toBe('2026-01-31T13:00:00.000Z');
    client.clear();
  });
});

describe('merging the recent alerts the API returns with those the socket pushed', () => {
  it('keeps the fresher copy from the API and drops duplicates', () => {
    const pushed = [alertFixture(7), alertFixture(5)];
    const fetched = [alertFixture(6), alertFixture(5, { acknowledgedAt: '2026-01-31T13:00:00.000Z' })];
    const merged = mergeRecentAlerts(pushed, fetched, 20);
    expect(merged.map((alert) => alert.id)).toEqual([7, 6, 5]);
    expect(merged[2].acknowledgedAt).toBe('2026-01-31T13:00:00.000Z');
  });
});
