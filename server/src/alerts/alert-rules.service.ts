import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { AlertRule, PreviewResponse, ValidateQueryResponse } from '@sentinel/shared';
import { matchStory, prepareStory } from '@sentinel/shared';
import type { AlertRuleEntity } from '../database/entities';
import { StoriesService } from '../stories/stories.service';
import { decide, matchCounts, RuleState } from './alert-decision';
import { AlertEngine } from './alert-engine.service';
import { AlertQueryParser } from './alert-query';
import { AlertViews } from './alert-views';
import type { CreateRuleDto, PreviewDto, UpdateRuleDto } from './alerts.dto';
import { AlertsRepository } from './alerts.repository';

const DEFAULT_COOLDOWN_SEC = 900;
const PREVIEW_MAX_STORIES = 20_000;
const PREVIEW_SHOWN = 100;
const HOUR_MS = 3600_000;

@Injectable()
export class AlertRulesService {
  constructor(
    private readonly repository: AlertsRepository,
    private readonly parser: AlertQueryParser,
    private readonly engine: AlertEngine,
    private readonly views: AlertViews,
    private readonly stories: StoriesService,
  ) {}

  async list(): Promise<AlertRule[]> {
    return this.views.rules(await this.repository.rules());
  }

  async get(id: number): Promise<AlertRule> {
    return this.views.rule(await this.entity(id));
  }

  validate(query: string): ValidateQueryResponse {
    const parsed = this.parser.parse(query);
    return parsed.ok ? { valid: true, normalized: this.parser.normalized(parsed.query) } : { valid: false, error: parsed.error };
  }

  async create(dto: CreateRuleDto): Promise<AlertRule> {
    this.parser.compileOrThrow(dto.query);
    const channels = await this.checkedChannels(dto.channels ?? []);
    const now = Date.now();
    const entity = await this.repository.insertRule({
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
      snoozedUntil: null,
      lastFiredAt: null,
      lastAlertId: null,
      createdAt: now,
      updatedAt: now,
    });
    this.engine.reload(entity, entity.id);
    return this.views.rule(entity);
  }

  async update(id: number, dto: UpdateRuleDto): Promise<AlertRule> {
    await this.entity(id);
    if (dto.query !== undefined) this.parser.compileOrThrow(dto.query);
    const changes: Partial<AlertRuleEntity> = { updatedAt: Date.now() };
    if (dto.name !== undefined) changes.name = dto.name.trim();
    if (dto.query !== undefined) changes.query = dto.query;
    if (dto.channels !== undefined) changes.channels = JSON.stringify(await this.checkedChannels(dto.channels));
    for (const key of ['mode', 'severity', 'cooldownSec', 'threshold', 'windowSec', 'enabled'] as const) {
      if (dto[key] !== undefined) Object.assign(changes, { [key]: dto[key] });
    }
    return this.save(id, changes);
  }

  async remove(id: number): Promise<void> {
    if (!(await this.repository.deleteRule(id))) throw new NotFoundException(`alert rule ${id} does not exist`);
    this.engine.reload(null, id);
  }

  /** Quiets a rule for `minutes`; 0 ends a snooze early. */
  snooze(id: number, minutes: number): Promise<AlertRule> {
    return this.save(id, { snoozedUntil: minutes === 0 ? null : Date.now() + minutes * 60_000, updatedAt: Date.now() });
  }

  mute(id: number, muted: boolean): Promise<AlertRule> {
    return this.save(id, { muted, updatedAt: Date.now() });
  }

  /**
   * Backtest: which stored stories the rule would have matched since `since` (default: a week),
   * and how often it would have fired with its mode and cooldown, before it is saved.
   */
  async preview(dto: PreviewDto): Promise<PreviewResponse> {
    const compiled = this.parser.compileOrThrow(dto.query);
    const since = dto.since ? Date.parse(dto.since) : Date.now() - 7 * 24 * HOUR_MS;
    const stories = (await this.stories.recent(since, PREVIEW_MAX_STORIES)).reverse();
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
    const matchedAt: number[] = [];
    const fired: PreviewResponse['alerts'] = [];
    const within = (from: number, to: number) => matchedAt.filter((t) => t > from && t <= to).length;
    for (const story of stories) {
      if (!matchStory(compiled, prepareStory(story))) continue;
      const at = Date.parse(story.publishedAt);
      const counts = await matchCounts(state, at, within);
      matchedAt.push(at);
      const decision = decide(state, at, counts);
      if (decision.kind === 'fire') {
        fired.push({ firedAt: story.publishedAt, storyId: story.id, storyTitle: story.title, attached: 0 });
        state.lastFiredAt = at;
        state.lastAlertId = fired.length;
      } else if (decision.kind === 'attach') {
        fired[fired.length - 1].attached++;
      }
    }
    return { scanned: stories.length, matched: matchedAt.length, wouldFire: fired.length, alerts: fired.reverse().slice(0, PREVIEW_SHOWN) };
  }

  private async save(id: number, changes: Partial<AlertRuleEntity>): Promise<AlertRule> {
    await this.entity(id);
    await this.repository.updateRule(id, changes);
    const entity = await this.entity(id);
    this.engine.reload(entity, id);
    return this.views.rule(entity);
  }

  private async entity(id: number): Promise<AlertRuleEntity> {
    const rule = await this.repository.rule(id);
    if (!rule) throw new NotFoundException(`alert rule ${id} does not exist`);
    return rule;
  }

  private async checkedChannels(ids: number[]): Promise<number[]> {
    const unique = [...new Set(ids)];
    const found = new Set((await this.repository.channelsByIds(unique)).map((c) => c.id));
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length) throw new BadRequestException(`channels: no channel with id ${missing.join(', ')}; create it first (POST /api/alerts/channels)`);
    return unique;
  }
}
