import { Injectable } from '@nestjs/common';
import type { AlertRule, Cluster, PreviewResponse, Principal, ValidateQueryResponse } from '@sentinel/shared';
import { AuditService } from '../audit/audit.service';
import { isAdmin, ownsOrAdmin } from '../auth/principal';
import { ClustersService } from '../clusters/clusters.service';
import type { AlertRuleEntity } from '../database/entities';
import { StoriesService } from '../stories/stories.service';
import type { RuleState } from './alert-decision';
import { AlertEngine } from './alert-engine.service';
import { backtest } from './alert-preview';
import { AlertQueryParser } from './alert-query';
import { AlertViews } from './alert-views';
import type { CreateRuleDto, PreviewDto, UpdateRuleDto } from './alerts.dto';
import { AlertsRepository } from './alerts.repository';
import { InvalidInputError, NotFoundError } from '../common/domain-error';

const DEFAULT_COOLDOWN_SEC = 900;
const PREVIEW_MAX_STORIES = 20_000;
const HOUR_MS = 3600_000;
/** Events per read when a preview checks event conditions. */
const EVENTS_PER_READ = 400;

/**
 * Alert rules. Each has an owner: analysts see and change their own, admins all; another
 * user's rule answers 404 like a missing one, so ids reveal nothing. A rule delivers only to
 * channels its owner may use (their own; an admin's rule any).
 */
@Injectable()
export class AlertRulesService {
  constructor(
    private readonly repository: AlertsRepository,
    private readonly parser: AlertQueryParser,
    private readonly engine: AlertEngine,
    private readonly views: AlertViews,
    private readonly stories: StoriesService,
    private readonly clusters: ClustersService,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Principal): Promise<AlertRule[]> {
    if (isAdmin(caller)) return this.views.rules(await this.repository.rules());
    if (caller.userId === null) return [];
    return this.views.rules(await this.repository.rules(caller.userId));
  }

  async get(caller: Principal, id: number): Promise<AlertRule> {
    return this.views.rule(await this.entity(caller, id));
  }

  validate(query: string): ValidateQueryResponse {
    const parsed = this.parser.parse(query);
    return parsed.ok ? { valid: true, normalized: this.parser.normalized(parsed.query) } : { valid: false, error: parsed.error };
  }

  async create(caller: Principal, dto: CreateRuleDto): Promise<AlertRule> {
    this.parser.compileOrThrow(dto.query);
    const ownerId = caller.userId;
    const channels = await this.checkedChannels(dto.channels ?? [], { ownerId, ownerIsAdmin: isAdmin(caller) });
    const now = Date.now();
    const entity = await this.repository.insertRule({
      ownerId,
      name: dto.name.trim(),
      query: dto.query,
      mode: dto.mode ?? 'each',
      severity: dto.severity ?? 'warning',
      channels: JSON.stringify(channels),
      cooldownSec: dto.cooldownSec ?? DEFAULT_COOLDOWN_SEC,
      threshold: dto.threshold ?? (dto.mode === 'threshold' ? 5 : 1),
      windowSec: dto.windowSec ?? 3600,
      enabled: dto.enabled ?? true,
      muted: false,
      followUpOnCorroboration: dto.followUpOnCorroboration ?? false,
      snoozedUntil: null,
      lastFiredAt: null,
      lastAlertId: null,
      createdAt: now,
      updatedAt: now,
    });
    this.engine.reload(entity, entity.id);
    const delivers = channels.length ? `, delivers to channel ${channels.join(', ')}` : '';
    await this.audit.record(caller, { action: 'rule.create', subjectType: 'rule', subjectId: entity.id, detail: `"${entity.name}" (${entity.mode}, ${entity.severity})${delivers}` });
    return this.views.rule(entity);
  }

  async update(caller: Principal, id: number, dto: UpdateRuleDto): Promise<AlertRule> {
    const rule = await this.entity(caller, id);
    if (dto.query !== undefined) this.parser.compileOrThrow(dto.query);
    const changes: Partial<AlertRuleEntity> = { updatedAt: Date.now() };
    if (dto.name !== undefined) changes.name = dto.name.trim();
    if (dto.query !== undefined) changes.query = dto.query;
    if (dto.channels !== undefined) changes.channels = JSON.stringify(await this.checkedChannels(dto.channels, await this.owner(caller, rule)));
    for (const key of ['mode', 'severity', 'cooldownSec', 'threshold', 'windowSec', 'enabled', 'followUpOnCorroboration'] as const) {
      if (dto[key] !== undefined) Object.assign(changes, { [key]: dto[key] });
    }
    const changed = Object.keys(changes).filter((k) => k !== 'updatedAt');
    return this.save(caller, rule, changes, 'rule.update', changed.length ? `changed ${changed.join(', ')}` : 'no change');
  }

  async remove(caller: Principal, id: number): Promise<void> {
    const rule = await this.entity(caller, id);
    if (!(await this.repository.deleteRule(id))) throw new NotFoundError(`alert rule ${id} does not exist`);
    this.engine.reload(null, id);
    await this.audit.record(caller, { action: 'rule.delete', subjectType: 'rule', subjectId: id, detail: `"${rule.name}"` });
  }

  /** Quiets a rule for `minutes`; 0 ends a snooze early. */
  async snooze(caller: Principal, id: number, minutes: number): Promise<AlertRule> {
    const rule = await this.entity(caller, id);
    const changes = { snoozedUntil: minutes === 0 ? null : Date.now() + minutes * 60_000, updatedAt: Date.now() };
    return this.save(caller, rule, changes, 'rule.snooze', minutes === 0 ? 'snooze ended' : `snoozed for ${minutes} min`);
  }

  async mute(caller: Principal, id: number, muted: boolean): Promise<AlertRule> {
    const rule = await this.entity(caller, id);
    return this.save(caller, rule, { muted, updatedAt: Date.now() }, 'rule.mute', muted ? 'muted' : 'unmuted');
  }

  /**
   * Disables every rule of a user about to be deleted. The rows stay (and with them the alert
   * history); once the user is gone they have no owner and only admins see them.
   */
  async disableOwnedBy(userId: number): Promise<number> {
    const ids = await this.repository.disableRulesOwnedBy(userId, Date.now());
    for (const id of ids) this.engine.reload(null, id);
    return ids.length;
  }

  /**
   * Backtest: which stories first seen since `since` (default: a week) the rule would have matched,
   * and how often it would have fired with its mode and cooldown, before it is saved.
   */
  async preview(dto: PreviewDto): Promise<PreviewResponse> {
    const compiled = this.parser.compileOrThrow(dto.query);
    const since = dto.since ? Date.parse(dto.since) : Date.now() - 7 * 24 * HOUR_MS;
    const state: RuleState = {
      mode: dto.mode ?? 'each',
      threshold: dto.threshold ?? (dto.mode === 'threshold' ? 5 : 1),
      windowSec: dto.windowSec ?? 3600,
      cooldownSec: dto.cooldownSec ?? DEFAULT_COOLDOWN_SEC,
      muted: false,
      snoozedUntil: null,
      lastFiredAt: null,
      lastAlertId: null,
    };
    // First seen, as live matching goes: a story published long ago but seen today would fire today.
    return backtest(await this.stories.firstSeenSince(since, PREVIEW_MAX_STORIES), compiled, state, { loadEvents: (ids) => this.events(ids) });
  }

  /** The events with these ids as they are now, read a slice at a time. */
  private async events(ids: number[]): Promise<Map<number, Cluster>> {
    const events = new Map<number, Cluster>();
    for (let i = 0; i < ids.length; i += EVENTS_PER_READ) {
      for (const event of await this.clusters.byIds(ids.slice(i, i + EVENTS_PER_READ))) events.set(event.id, event);
    }
    return events;
  }

  private async save(caller: Principal, rule: AlertRuleEntity, changes: Partial<AlertRuleEntity>, action: string, detail: string): Promise<AlertRule> {
    await this.repository.updateRule(rule.id, changes);
    const entity = await this.repository.rule(rule.id);
    if (!entity) throw new NotFoundError(`alert rule ${rule.id} does not exist`);
    this.engine.reload(entity, rule.id);
    await this.audit.record(caller, { action, subjectType: 'rule', subjectId: rule.id, detail: `"${entity.name}": ${detail}` });
    return this.views.rule(entity);
  }

  /** The rule, if the caller may see it; else 404 as if it did not exist. */
  private async entity(caller: Principal, id: number): Promise<AlertRuleEntity> {
    const rule = await this.repository.rule(id);
    if (!rule || !ownsOrAdmin(caller, rule.ownerId)) throw new NotFoundError(`alert rule ${id} does not exist`);
    return rule;
  }

  /** Whose channels a rule may use: its owner's, or any when that owner is an admin. */
  private async owner(caller: Principal, rule: AlertRuleEntity): Promise<{ ownerId: number | null; ownerIsAdmin: boolean }> {
    if (rule.ownerId !== null && rule.ownerId === caller.userId) return { ownerId: rule.ownerId, ownerIsAdmin: isAdmin(caller) };
    // An admin editing someone else's rule (or one whose owner was deleted, which only admins see).
    return { ownerId: rule.ownerId, ownerIsAdmin: rule.ownerId === null || (await this.repository.ownerRole(rule.id)) === 'admin' };
  }

  private async checkedChannels(ids: number[], owner: { ownerId: number | null; ownerIsAdmin: boolean }): Promise<number[]> {
    const unique = [...new Set(ids)];
    const found = await this.repository.channelsByIds(unique);
    const usable = new Set(found.filter((c) => owner.ownerIsAdmin || (c.ownerId !== null && c.ownerId === owner.ownerId)).map((c) => c.id));
    const refused = unique.filter((id) => !usable.has(id));
    if (refused.length === 0) return unique;
    const whose = owner.ownerIsAdmin ? '' : ` of the rule's owner`;
    throw new InvalidInputError(`channels: no channel${whose} with id ${refused.join(', ')}; use a channel from GET /api/alerts/channels or create one (POST /api/alerts/channels)`);
  }
}
