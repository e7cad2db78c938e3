import { Injectable } from '@nestjs/common';
import { In, IsNull, LessThanOrEqual, Not } from 'typeorm';
import { appendChanges } from '../database/change-log';
import { Database } from '../database/database';
import { AlertChannelEntity, AlertDeliveryEntity, AlertEntity, AlertMatchEntity, AlertRuleEntity, EngineStateEntity } from '../database/entities';
import { AlertDecision, decide, matchCounts } from './alert-decision';

const CURSOR_KEY = 'alerts.cursor';
/** Values per `IN (...)` list. */
const IN_LIST_BATCH = 400;

export interface MatchOutcome {
  decision: AlertDecision;
  /** Set when the match fired a new alert. */
  fired?: { alertId: number; eventId: number };
}

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
   * Records that `rule` matched a story and decides, in one transaction, whether it fires. A
   * story a rule already matched is ignored, so re-polls and restarts never fire twice.
   */
  recordMatch(rule: AlertRuleEntity, storyId: number, at: number): Promise<MatchOutcome | null> {
    return this.db.write(async (m) => {
      const matches = m.getRepository(AlertMatchEntity);
      if (await matches.findOneBy({ ruleId: rule.id, storyId })) return null;
      const current = (await m.getRepository(AlertRuleEntity).findOneBy({ id: rule.id })) ?? rule;
      const count = (from: number, to: number) =>
        m.createQueryBuilder().from(AlertMatchEntity, 'x').where('x.rule_id = :rule AND x.matched_at > :from AND x.matched_at <= :to', { rule: rule.id, from, to }).getCount();
      const counts = await matchCounts(current, at, count);
      const decision = decide(current, at, counts);
      if (decision.kind !== 'fire') {
        await matches.insert({ ruleId: rule.id, storyId, matchedAt: at, alertId: decision.kind === 'attach' ? decision.alertId : null });
        return { decision };
      }
      const firedAt = Date.now();
      const alert = await m.getRepository(AlertEntity).save({ ruleId: rule.id, storyId, firedAt, acknowledgedAt: null });
      await matches.insert({ ruleId: rule.id, storyId, matchedAt: at, alertId: alert.id });
      await m.getRepository(AlertRuleEntity).update({ id: rule.id }, { lastFiredAt: at, lastAlertId: alert.id });
      const channelIds = JSON.parse(current.channels) as number[];
      const channels = channelIds.length ? await m.getRepository(AlertChannelEntity).findBy({ id: In(channelIds), enabled: true }) : [];
      if (channels.length) {
        await m.getRepository(AlertDeliveryEntity).insert(
          channels.map((c) => ({ alertId: alert.id, channelId: c.id, status: 'pending' as const, attempts: 0, nextAttemptAt: firedAt, lastError: null, deliveredAt: null })),
        );
      }
      const [eventId] = await appendChanges(m, [{ kind: 'alert:fired', subjectId: alert.id }], firedAt);
      return { decision, fired: { alertId: alert.id, eventId } };
    });
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
