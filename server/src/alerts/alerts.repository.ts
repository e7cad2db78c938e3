import { Injectable } from '@nestjs/common';
import { type AlertCorroboration, type Cluster, type CorroborationLevel, isCorroborated } from '@sentinel/shared';
import { EntityManager, In, IsNull, LessThanOrEqual, Not } from 'typeorm';
import { appendChanges } from '../database/change-log';
import { Database, isUniqueViolation } from '../database/database';
import { AlertChannelEntity, AlertDeliveryEntity, AlertEntity, AlertMatchEntity, AlertRuleEntity, ClusterEntity, EngineStateEntity, StoryEntity } from '../database/entities';
import { AlertDecision, decideForEvent, followUpDue, matchCounts } from './alert-decision';

const CURSOR_KEY = 'alerts.cursor';
/** Values per `IN (...)` list. */
const IN_LIST_BATCH = 400;
/** A match whose event does not yet meet the rule's event conditions (alert_matches.reason). */
const AWAITING_EVENT = 'awaiting-event';
/** Events re-checked at start-up, at most. */
const RECHECK_LIMIT = 2000;

export interface MatchOutcome {
  decision: AlertDecision;
  /** Set when the match fired a new alert. */
  fired?: { alertId: number; eventId: number };
}

/** What an alert keeps of its event when it fires: which event, its sources and corroboration then. */
export type AlertEventSnapshot = Pick<Cluster, 'id' | 'sources' | 'corroboration'>;

/** The event (cluster) a story was in when its match was recorded, and whether it meets the rule's event conditions. */
interface MatchedEvent {
  /** Null for a story evaluated on its own (never placed in an event). */
  event: AlertEventSnapshot | null;
  /** Whether the event meets the rule's event conditions (see matchEvent). */
  conditionsMet: boolean;
}

/**
 * How an alert's event is found: an alert of the rule whose event it is, or whose story is in it
 * now. The second part keeps "once per event" across an analyst's merge in either direction (the
 * alert's story moves with its event) and a split (both halves keep the alert).
 */
const ALERT_OF_EVENT = '(a.cluster_id = :cluster OR a.story_id IN (SELECT s.id FROM stories s WHERE s.cluster_id = :cluster))';

/** Every query of the alerts module. */
@Injectable()
export class AlertsRepository {
  constructor(private readonly db: Database) {}

  private get ds() {
    return this.db.dataSource;
  }

  // Rules
  /** Every rule, or those of one owner. */
  rules(ownerId?: number): Promise<AlertRuleEntity[]> {
    return this.ds.getRepository(AlertRuleEntity).find({ where: ownerId === undefined ? {} : { ownerId }, order: { id: 'ASC' } });
  }

  /** The role of a rule's owner (null without owner), to know which channels the rule may use. */
  async ownerRole(ruleId: number): Promise<'viewer' | 'analyst' | 'admin' | null> {
    const rule = await this.ds.getRepository(AlertRuleEntity).findOne({ where: { id: ruleId }, relations: { owner: true } });
    return rule?.owner?.role ?? null;
  }

  /** Disables the enabled rules of `ownerId`; returns their ids. */
  async disableRulesOwnedBy(ownerId: number, at: number): Promise<number[]> {
    return this.db.write(async (m) => {
      const rules = await m.getRepository(AlertRuleEntity).find({ select: { id: true }, where: { ownerId, enabled: true } });
      if (rules.length) await m.getRepository(AlertRuleEntity).update({ id: In(rules.map((r) => r.id)) }, { enabled: false, updatedAt: at });
      return rules.map((r) => r.id);
    });
  }

  rulesByIds(ids: number[]): Promise<AlertRuleEntity[]> {
    return ids.length ? this.ds.getRepository(AlertRuleEntity).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  rule(id: number): Promise<AlertRuleEntity | null> {
    return this.ds.getRepository(AlertRuleEntity).findOneBy({ id });
  }

  async insertRule(rule: Partial<AlertRuleEntity>): Promise<AlertRuleEntity> {
    return this.db.write((m) => m.getRepository(AlertRuleEntity).save(m.getRepository(AlertRuleEntity).create(rule)));
  }

  async updateRule(id: number, changes: Partial<AlertRuleEntity>): Promise<void> {
    await this.db.write((m) => m.getRepository(AlertRuleEntity).update({ id }, changes));
  }

  async deleteRule(id: number): Promise<boolean> {
    const result = await this.db.write((m) => m.getRepository(AlertRuleEntity).delete({ id }));
    return (result.affected ?? 0) > 0;
  }

  /** Alerts fired by each of `ruleIds`, in all and since `since`; reads only those rules' alerts (alerts_rule_idx). */
  async firedCounts(ruleIds: readonly number[], since: number): Promise<Map<number, { total: number; recent: number }>> {
    const counts = new Map<number, { total: number; recent: number }>();
    const unique = [...new Set(ruleIds)];
    for (let i = 0; i < unique.length; i += IN_LIST_BATCH) {
      const ids = unique.slice(i, i + IN_LIST_BATCH);
      const rows = await this.ds
        .createQueryBuilder()
        .select('a.rule_id', 'rule_id')
        .addSelect('COUNT(*)', 'total')
        .addSelect('SUM(CASE WHEN a.fired_at >= :since THEN 1 ELSE 0 END)', 'recent')
        .from(AlertEntity, 'a')
        .where('a.rule_id IN (:...ids)')
        .groupBy('a.rule_id')
        .setParameters({ since, ids })
        .getRawMany<{ rule_id: number; total: string | number; recent: string | number | null }>();
      for (const r of rows) counts.set(Number(r.rule_id), { total: Number(r.total), recent: Number(r.recent ?? 0) });
    }
    return counts;
  }

  // Channels
  /** Every channel, or those of one owner. */
  channels(ownerId?: number): Promise<AlertChannelEntity[]> {
    return this.ds.getRepository(AlertChannelEntity).find({ where: ownerId === undefined ? {} : { ownerId }, order: { id: 'ASC' } });
  }

  /** Disables the enabled channels of `ownerId`; returns how many. */
  async disableChannelsOwnedBy(ownerId: number): Promise<number> {
    const result = await this.db.write((m) => m.getRepository(AlertChannelEntity).update({ ownerId, enabled: true }, { enabled: false }));
    return result.affected ?? 0;
  }

  channel(id: number): Promise<AlertChannelEntity | null> {
    return this.ds.getRepository(AlertChannelEntity).findOneBy({ id });
  }

  async channelsByIds(ids: number[]): Promise<AlertChannelEntity[]> {
    return ids.length ? this.ds.getRepository(AlertChannelEntity).findBy({ id: In(ids) }) : [];
  }

  async insertChannel(channel: Partial<AlertChannelEntity>): Promise<AlertChannelEntity> {
    return this.db.write((m) => m.getRepository(AlertChannelEntity).save(m.getRepository(AlertChannelEntity).create(channel)));
  }

  async updateChannel(id: number, changes: Partial<AlertChannelEntity>): Promise<void> {
    await this.db.write((m) => m.getRepository(AlertChannelEntity).update({ id }, changes));
  }

  async deleteChannel(id: number): Promise<boolean> {
    const result = await this.db.write((m) => m.getRepository(AlertChannelEntity).delete({ id }));
    return (result.affected ?? 0) > 0;
  }

  // Engine state
  async cursor(): Promise<number | null> {
    const row = await this.ds.getRepository(EngineStateEntity).findOneBy({ key: CURSOR_KEY });
    return row ? Number(row.value) : null;
  }

  async saveCursor(storyId: number): Promise<void> {
    await this.db.write((m) => m.getRepository(EngineStateEntity).save({ key: CURSOR_KEY, value: String(storyId) }));
  }

  /**
   * Records that `rule`'s text matched a story and decides, in one transaction, what it becomes:
   * attached to the alert the rule already fired for the story's event, awaiting the event (it
   * does not yet meet the rule's event conditions), or as `decide` says. When it fires, earlier
   * matches that awaited the same event fire with it, and the first of them names the alert. A
   * story a rule already matched is ignored, so re-polls and restarts never fire twice.
   */
  recordMatch(rule: AlertRuleEntity, storyId: number, at: number, { event, conditionsMet }: MatchedEvent): Promise<MatchOutcome | null> {
    return this.db.write(async (m) => {
      const matches = m.getRepository(AlertMatchEntity);
      if (await matches.findOneBy({ ruleId: rule.id, storyId })) return null;
      const current = (await m.getRepository(AlertRuleEntity).findOneBy({ id: rule.id })) ?? rule;
      const clusterId = event?.id ?? null;
      const eventAlert = clusterId === null ? null : await this.eventAlert(m, rule.id, clusterId);
      const counts = await matchCounts(current, at, (from, to) => this.countMatches(m, rule.id, from, to));
      const decision = decideForEvent(current, at, counts, { eventAlertId: eventAlert?.id ?? null, conditionsMet });
      const match = { ruleId: rule.id, storyId, matchedAt: at, clusterId };
      if (decision.kind !== 'fire') {
        await matches.insert({ ...match, alertId: decision.kind === 'attach' ? decision.alertId : null, reason: decision.kind === 'record' ? decision.reason : null });
        return { decision };
      }
      const awaiting = clusterId === null ? [] : await this.awaitingMatches(m, clusterId, rule.id);
      const fired = await this.fire(m, current, awaiting[0]?.storyId ?? storyId, at, event);
      await matches.insert({ ...match, alertId: fired.alertId, reason: null });
      await this.settleAwaiting(m, rule.id, awaiting.map((w) => w.storyId), { alertId: fired.alertId, reason: null });
      return { decision, fired };
    });
  }

  /**
   * The event changed and now meets the rule's event conditions (the caller checked): the rule's
   * matches that awaited it fire once for the event (the first names the alert), or attach, or
   * are recorded with `decide`'s reason, in one transaction. Null when none awaited it.
   */
  fireAwaitingEvent(rule: AlertRuleEntity, event: AlertEventSnapshot, at: number): Promise<MatchOutcome | null> {
    return this.db.write(async (m) => {
      const awaiting = await this.awaitingMatches(m, event.id, rule.id);
      if (awaiting.length === 0) return null;
      const storyIds = awaiting.map((w) => w.storyId);
      const current = (await m.getRepository(AlertRuleEntity).findOneBy({ id: rule.id })) ?? rule;
      const eventAlert = await this.eventAlert(m, rule.id, event.id);
      const counts = await matchCounts(current, at, (from, to) => this.countMatches(m, rule.id, from, to));
      const decision = decideForEvent(current, at, counts, { eventAlertId: eventAlert?.id ?? null, conditionsMet: true });
      if (decision.kind === 'record') {
        await this.settleAwaiting(m, rule.id, storyIds, { alertId: null, reason: decision.reason });
        return { decision };
      }
      if (decision.kind === 'attach') {
        await this.settleAwaiting(m, rule.id, storyIds, { alertId: decision.alertId, reason: null });
        return { decision };
      }
      const fired = await this.fire(m, current, storyIds[0], at, event);
      await this.settleAwaiting(m, rule.id, storyIds, { alertId: fired.alertId, reason: null });
      return { decision, fired };
    });
  }

  /** Rules with matches awaiting this event: matches of stories that are in it now. */
  async rulesAwaiting(clusterId: number): Promise<number[]> {
    const rows = await this.awaitingMatches(this.ds.manager, clusterId);
    return [...new Set(rows.map((r) => r.ruleId))];
  }

  /**
   * Alerts of `ruleIds` for this event that could still get a follow-up: not follow-ups
   * themselves, fired while the event was not corroborated, and not followed up yet. The rest of
   * followUpDue is checked when one is fired (fireFollowUp).
   */
  async followUpCandidates(clusterId: number, ruleIds: number[]): Promise<AlertEntity[]> {
    if (ruleIds.length === 0) return [];
    const alerts = await this.ds
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .where('a.rule_id IN (:...ruleIds) AND a.follow_up_of IS NULL AND a.corroboration IS NOT NULL', { ruleIds })
      .andWhere(ALERT_OF_EVENT, { cluster: clusterId })
      .andWhere('NOT EXISTS (SELECT 1 FROM alerts f WHERE f.follow_up_of = a.id)')
      .orderBy('a.id', 'ASC')
      .getMany();
    return alerts.filter((a) => {
      const firedWhile = corroborationLevel(a);
      return firedWhile !== null && !isCorroborated(firedWhile);
    });
  }

  /**
   * Fires the one follow-up of `original`, whose event is now `event`, to the channels the
   * original went to; null when it is not due (followUpDue, on the rule as it is now) or was
   * sent already. The unique follow_up_of makes "once" hold even against a concurrent writer.
   */
  async fireFollowUp(original: AlertEntity, event: AlertEventSnapshot, at: number): Promise<MatchOutcome | null> {
    try {
      return await this.db.write(async (m) => {
        const rule = await m.getRepository(AlertRuleEntity).findOneBy({ id: original.ruleId });
        if (!rule || (await m.getRepository(AlertEntity).existsBy({ followUpOf: original.id }))) return null;
        if (!followUpDue(rule, corroborationLevel(original), event.corroboration.level, at)) return null;
        const channelIds = [...new Set((await m.getRepository(AlertDeliveryEntity).findBy({ alertId: original.id })).map((d) => d.channelId))];
        const fired = await this.insertAlert(m, { ruleId: rule.id, storyId: original.storyId, followUpOf: original.id }, event, channelIds);
        return { decision: { kind: 'fire' as const }, fired };
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /**
   * Events to re-check at start-up: those that changed after a match started awaiting them, or
   * after an alert of a follow-up rule fired for them without a follow-up yet, since `since`.
   * Catches up on event changes announced while the engine was not running.
   */
  async eventsToRecheck(since: number): Promise<number[]> {
    const awaiting = await this.ds
      .createQueryBuilder()
      .select('DISTINCT s.cluster_id', 'id')
      .from(AlertMatchEntity, 'x')
      .innerJoin(StoryEntity, 's', 's.id = x.story_id')
      .innerJoin(ClusterEntity, 'c', 'c.id = s.cluster_id')
      .where('x.reason = :awaiting AND x.matched_at >= :since AND c.updated_at >= x.matched_at', { awaiting: AWAITING_EVENT, since })
      .limit(RECHECK_LIMIT)
      .getRawMany<{ id: number | string }>();
    const followUps = await this.ds
      .createQueryBuilder()
      .select('DISTINCT s.cluster_id', 'id')
      .from(AlertEntity, 'a')
      .innerJoin(AlertRuleEntity, 'r', 'r.id = a.rule_id')
      .innerJoin(StoryEntity, 's', 's.id = a.story_id')
      .innerJoin(ClusterEntity, 'c', 'c.id = s.cluster_id')
      .where('r.follow_up_on_corroboration = :yes AND a.follow_up_of IS NULL AND a.corroboration IS NOT NULL', { yes: true })
      .andWhere('a.fired_at >= :since AND c.updated_at >= a.fired_at', { since })
      .andWhere('NOT EXISTS (SELECT 1 FROM alerts f WHERE f.follow_up_of = a.id)')
      .limit(RECHECK_LIMIT)
      .getRawMany<{ id: number | string }>();
    return [...new Set([...awaiting, ...followUps].map((r) => Number(r.id)))];
  }

  /** The rule's matches in (from, to] that count for threshold and spike: those awaiting their event do not (yet). */
  private countMatches(m: EntityManager, ruleId: number, from: number, to: number): Promise<number> {
    return m
      .createQueryBuilder()
      .from(AlertMatchEntity, 'x')
      .where('x.rule_id = :rule AND x.matched_at > :from AND x.matched_at <= :to', { rule: ruleId, from, to })
      .andWhere('(x.reason IS NULL OR x.reason <> :awaiting)', { awaiting: AWAITING_EVENT })
      .getCount();
  }

  /**
   * The alert the rule fired for this event (see ALERT_OF_EVENT); the first, if an analyst merged
   * two alerted events. Two lookups rather than the OR, so each uses its index.
   */
  private async eventAlert(m: EntityManager, ruleId: number, clusterId: number): Promise<AlertEntity | null> {
    const alerts = m.getRepository(AlertEntity);
    const byEvent = await alerts.findOne({ where: { ruleId, clusterId, followUpOf: IsNull() }, order: { id: 'ASC' } });
    const byStory = await alerts
      .createQueryBuilder('a')
      .where('a.rule_id = :rule AND a.follow_up_of IS NULL', { rule: ruleId })
      .andWhere('a.story_id IN (SELECT s.id FROM stories s WHERE s.cluster_id = :cluster)', { cluster: clusterId })
      .orderBy('a.id', 'ASC')
      .getOne();
    if (!byEvent || !byStory) return byEvent ?? byStory;
    return byEvent.id < byStory.id ? byEvent : byStory;
  }

  /** Matches awaiting the event, by the stories in it now (so a merge or split carries them along), oldest first. */
  private async awaitingMatches(m: EntityManager, clusterId: number, ruleId?: number): Promise<{ ruleId: number; storyId: number }[]> {
    const query = m
      .createQueryBuilder()
      .select('x.rule_id', 'rule_id')
      .addSelect('x.story_id', 'story_id')
      .from(AlertMatchEntity, 'x')
      .innerJoin(StoryEntity, 's', 's.id = x.story_id')
      .where('s.cluster_id = :cluster AND x.reason = :awaiting', { cluster: clusterId, awaiting: AWAITING_EVENT })
      .orderBy('x.matched_at', 'ASC')
      .addOrderBy('x.story_id', 'ASC');
    if (ruleId !== undefined) query.andWhere('x.rule_id = :rule', { rule: ruleId });
    const rows = await query.getRawMany<{ rule_id: number | string; story_id: number | string }>();
    return rows.map((r) => ({ ruleId: Number(r.rule_id), storyId: Number(r.story_id) }));
  }

  private async settleAwaiting(m: EntityManager, ruleId: number, storyIds: number[], outcome: { alertId: number | null; reason: string | null }): Promise<void> {
    for (let i = 0; i < storyIds.length; i += IN_LIST_BATCH) {
      await m.getRepository(AlertMatchEntity).update({ ruleId, storyId: In(storyIds.slice(i, i + IN_LIST_BATCH)), reason: AWAITING_EVENT }, outcome);
    }
  }

  /** A new alert of the rule for `storyId`'s event (null: the story alone), delivered to the rule's channels; the rule remembers it for its cooldown. */
  private async fire(m: EntityManager, rule: AlertRuleEntity, storyId: number, at: number, event: AlertEventSnapshot | null): Promise<{ alertId: number; eventId: number }> {
    const fired = await this.insertAlert(m, { ruleId: rule.id, storyId, followUpOf: null }, event, JSON.parse(rule.channels) as number[]);
    await m.getRepository(AlertRuleEntity).update({ id: rule.id }, { lastFiredAt: at, lastAlertId: fired.alertId });
    return fired;
  }

  /** Stores an alert with its event's snapshot, a pending delivery per enabled channel, and its change-log entry. */
  private async insertAlert(
    m: EntityManager,
    alert: { ruleId: number; storyId: number; followUpOf: number | null },
    event: AlertEventSnapshot | null,
    channelIds: number[],
  ): Promise<{ alertId: number; eventId: number }> {
    const firedAt = Date.now();
    const saved = await m.getRepository(AlertEntity).save({
      ...alert,
      firedAt,
      acknowledgedAt: null,
      clusterId: event?.id ?? null,
      sources: JSON.stringify(event?.sources.list ?? []),
      corroboration: event ? JSON.stringify({ level: event.corroboration.level, text: event.corroboration.text }) : null,
    });
    const channels = channelIds.length ? await m.getRepository(AlertChannelEntity).findBy({ id: In(channelIds), enabled: true }) : [];
    if (channels.length) {
      await m.getRepository(AlertDeliveryEntity).insert(
        channels.map((c) => ({ alertId: saved.id, channelId: c.id, status: 'pending' as const, attempts: 0, nextAttemptAt: firedAt, lastError: null, deliveredAt: null })),
      );
    }
    const [eventId] = await appendChanges(m, [{ kind: 'alert:fired', subjectId: saved.id }], firedAt);
    return { alertId: saved.id, eventId };
  }

  // Alerts
  alert(id: number): Promise<AlertEntity | null> {
    return this.ds.getRepository(AlertEntity).findOneBy({ id });
  }

  alertsByIds(ids: number[]): Promise<AlertEntity[]> {
    return ids.length ? this.ds.getRepository(AlertEntity).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** Alerts newest first; `ruleOwnerId` keeps those of rules that user owns. */
  async alertPage(filter: { ruleId?: number; ruleOwnerId?: number; acknowledged?: boolean; limit: number; before?: { firedAt: number; id: number } }): Promise<AlertEntity[]> {
    const qb = this.ds.getRepository(AlertEntity).createQueryBuilder('a').orderBy('a.fired_at', 'DESC').addOrderBy('a.id', 'DESC').limit(filter.limit);
    if (filter.ruleId !== undefined) qb.andWhere('a.rule_id = :ruleId', { ruleId: filter.ruleId });
    if (filter.ruleOwnerId !== undefined) qb.andWhere('a.rule_id IN (SELECT r.id FROM alert_rules r WHERE r.owner_id = :owner)', { owner: filter.ruleOwnerId });
    if (filter.acknowledged !== undefined) qb.andWhere(filter.acknowledged ? 'a.acknowledged_at IS NOT NULL' : 'a.acknowledged_at IS NULL');
    if (filter.before) {
      qb.andWhere('(a.fired_at < :bf OR (a.fired_at = :bf AND a.id < :bid))', { bf: filter.before.firedAt, bid: filter.before.id });
    }
    return qb.getMany();
  }

  async acknowledge(id: number, at: number): Promise<void> {
    await this.db.write((m) => m.getRepository(AlertEntity).update({ id, acknowledgedAt: IsNull() }, { acknowledgedAt: at }));
  }

  /** Stories attached to each alert during its cooldown (not the one that fired it). */
  async attached(alerts: AlertEntity[]): Promise<Map<number, number[]>> {
    const byAlert = new Map<number, number[]>();
    if (alerts.length === 0) return byAlert;
    const rows = await this.ds.getRepository(AlertMatchEntity).find({ where: { alertId: In(alerts.map((a) => a.id)) }, order: { matchedAt: 'ASC' } });
    const firing = new Map(alerts.map((a) => [a.id, a.storyId]));
    for (const row of rows) {
      if (row.alertId === null || firing.get(row.alertId) === row.storyId) continue;
      byAlert.set(row.alertId, [...(byAlert.get(row.alertId) ?? []), row.storyId]);
    }
    return byAlert;
  }

  // Deliveries
  deliveriesFor(alertIds: number[]): Promise<AlertDeliveryEntity[]> {
    return alertIds.length ? this.ds.getRepository(AlertDeliveryEntity).find({ where: { alertId: In(alertIds) }, order: { id: 'ASC' } }) : Promise.resolve([]);
  }

  /** Pending deliveries due by `now`, oldest first, leaving out channels in `busyChannels`. */
  dueDeliveries(now: number, limit: number, busyChannels: number[]): Promise<AlertDeliveryEntity[]> {
    return this.ds.getRepository(AlertDeliveryEntity).find({
      where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now), ...(busyChannels.length ? { channelId: Not(In(busyChannels)) } : {}) },
      order: { nextAttemptAt: 'ASC' },
      take: limit,
    });
  }

  async updateDelivery(id: number, changes: Partial<AlertDeliveryEntity>): Promise<void> {
    await this.db.write((m) => m.getRepository(AlertDeliveryEntity).update({ id }, changes));
  }
}

/** The corroboration of the alert's event when it fired; null for an alert without an event. */
function corroborationLevel(alert: Pick<AlertEntity, 'corroboration'>): CorroborationLevel | null {
  return alert.corroboration === null ? null : (JSON.parse(alert.corroboration) as AlertCorroboration).level;
}
