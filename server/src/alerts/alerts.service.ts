import { Injectable } from '@nestjs/common';
import type { Alert, AlertChannel, Page, Principal } from '@sentinel/shared';
import { AuditService } from '../audit/audit.service';
import { isAdmin, ownsOrAdmin } from '../auth/principal';
import { decodeKeysetCursor, encodeKeysetCursor } from '../common/keyset-cursor';
import type { AlertChannelEntity, AlertEntity } from '../database/entities';
import { StoriesService } from '../stories/stories.service';
import { TaggingService } from '../tagging/tagging.service';
import { AlertViews, maskWebhookUrl } from './alert-views';
import { alertAsSeenBy, AlertAudience, alertVisibleTo } from './alert-visibility';
import { type AlertListDto, type CreateChannelDto, MIN_SECRET_LENGTH, type UpdateChannelDto } from './alerts.dto';
import { AlertsRepository } from './alerts.repository';
import { DeliveryService } from './delivery/delivery.service';
import { DeliveryError } from './delivery/webhook-sender';
import { InvalidInputError, NotFoundError } from '../common/domain-error';

const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}\.[^\s@<>.]{2,}$/;
/** A scoped wall's list reads at most this many alerts per request; the cursor carries on from there. */
const MAX_SCANNED = 2000;

/**
 * Alert history, acknowledgement, and the channels alerts are delivered to. Who sees which
 * alert is alert-visibility.ts; channels belong to their owner like rules do.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly repository: AlertsRepository,
    private readonly views: AlertViews,
    private readonly stories: StoriesService,
    private readonly tagging: TaggingService,
    private readonly delivery: DeliveryService,
    private readonly audit: AuditService,
  ) {}

  /**
   * The alerts `caller` may see, newest first. Analysts' alerts are narrowed in SQL (their own
   * rules); a scope is checked per alert, reading on until the page is full or MAX_SCANNED
   * alerts were read (the next cursor then continues where this request stopped).
   */
  async list(caller: Principal, query: AlertListDto): Promise<Page<Alert>> {
    if (caller.role === 'analyst' && caller.userId === null) return { items: [], nextCursor: null };
    const ruleOwnerId = caller.role === 'analyst' ? (caller.userId as number) : undefined;
    const visible: { alert: AlertEntity; audience: AlertAudience }[] = [];
    let before = query.cursor ? toAlertKey(decodeKeysetCursor(query.cursor)) : undefined;
    let scanned = 0;
    let exhausted = false;
    while (visible.length <= query.limit && scanned < MAX_SCANNED) {
      const rows = await this.repository.alertPage({
        ruleId: query.ruleId,
        ruleOwnerId,
        acknowledged: query.acknowledged === undefined ? undefined : query.acknowledged === 'true',
        limit: query.limit + 1,
        before,
      });
      const audiences = await this.audiences(rows, caller);
      for (const alert of rows) {
        scanned++;
        before = { firedAt: alert.firedAt, id: alert.id };
        const audience = audiences.get(alert.id) as AlertAudience;
        if (alertVisibleTo(caller, audience, this.tagging.resolveRegion)) visible.push({ alert, audience });
        if (visible.length > query.limit) break;
      }
      if (rows.length < query.limit + 1) {
        exhausted = visible.length <= query.limit;
        break;
      }
    }
    const page = visible.slice(0, query.limit);
    const views = await this.views.alerts(page.map((v) => v.alert));
    const items = views.map((view, i) => alertAsSeenBy(caller, view, page[i].audience.ruleOwnerId));
    let nextCursor: string | null = null;
    if (visible.length > query.limit) nextCursor = encodeKeysetCursor(page[page.length - 1].alert.firedAt, page[page.length - 1].alert.id);
    else if (!exhausted && before) nextCursor = encodeKeysetCursor(before.firedAt, before.id);
    return { items, nextCursor };
  }

  /** Acknowledging is for whoever may see the alert; anyone else gets 404 as if it did not exist. */
  async acknowledge(caller: Principal, id: number): Promise<Alert> {
    const alert = await this.repository.alert(id);
    const audience = alert && (await this.audiences([alert], caller)).get(alert.id);
    if (!alert || !audience || !alertVisibleTo(caller, audience, this.tagging.resolveRegion)) throw new NotFoundError(`alert ${id} does not exist`);
    await this.repository.acknowledge(id, Date.now());
    const [view] = await this.views.alerts([(await this.repository.alert(id)) ?? alert]);
    return alertAsSeenBy(caller, view, audience.ruleOwnerId);
  }

  /** Alerts built as the API shows them (for replay of `alert:fired`), unfiltered: see audiences. */
  async byIds(ids: number[]): Promise<Alert[]> {
    return this.views.alerts(await this.repository.alertsByIds(ids));
  }

  /**
   * What alertVisibleTo needs of each alert (its rule's owner, its story's regions and topics),
   * for callers such as the real-time gateway that filter alerts per reader.
   */
  async audiencesOf(alerts: Pick<Alert, 'id' | 'ruleId' | 'storyId'>[]): Promise<Map<number, AlertAudience>> {
    return this.audienceMap(alerts, true);
  }

  async channels(caller: Principal): Promise<AlertChannel[]> {
    if (!isAdmin(caller) && caller.userId === null) return [];
    const rows = await this.repository.channels(isAdmin(caller) ? undefined : (caller.userId as number));
    return rows.map((c) => this.views.channel(c));
  }

  async createChannel(caller: Principal, dto: CreateChannelDto): Promise<AlertChannel> {
    refuseOtherTypesFields(dto.type, dto);
    const fields = await this.channelFields(dto.type, dto);
    const channel = await this.repository.insertChannel({ ownerId: caller.userId, type: dto.type, name: dto.name.trim(), enabled: dto.enabled ?? true, createdAt: Date.now(), ...fields });
    await this.audit.record(caller, { action: 'channel.create', subjectType: 'channel', subjectId: channel.id, detail: `"${channel.name}", ${describeTarget(channel)}` });
    return this.views.channel(channel);
  }

  async updateChannel(caller: Principal, id: number, dto: UpdateChannelDto): Promise<AlertChannel> {
    const channel = await this.channel(caller, id);
    refuseOtherTypesFields(channel.type, dto);
    const changes: Partial<AlertChannelEntity> = {};
    if (dto.name !== undefined) changes.name = dto.name.trim();
    if (dto.enabled !== undefined) changes.enabled = dto.enabled;
    if (channel.type === 'email' && dto.to !== undefined) Object.assign(changes, await this.channelFields('email', { to: dto.to }));
    if (channel.type === 'webhook') {
      // A client that sends back the masked URL it was shown means "unchanged".
      const url = dto.url === undefined || dto.url === channel.target || dto.url === maskWebhookUrl(channel.target) ? undefined : dto.url;
      if (url !== undefined && dto.secret === undefined) {
        throw new InvalidInputError(`secret: changing a webhook's url needs a new secret (at least ${MIN_SECRET_LENGTH} characters) in the same request`);
      }
      if (url !== undefined && dto.secret === channel.secret) throw new InvalidInputError('secret: a webhook moved to a new url needs a new secret, not its old one');
      if (url !== undefined) Object.assign(changes, await this.channelFields('webhook', { url, secret: dto.secret, format: dto.format ?? channel.format }));
      else if (dto.secret !== undefined) changes.secret = dto.secret;
      if (dto.format !== undefined) changes.format = dto.format;
    }
    await this.repository.updateChannel(id, changes);
    const updated = await this.channel(caller, id);
    const changed = Object.keys(changes).map((k) => (k === 'target' ? (channel.type === 'webhook' ? 'url' : 'to') : k));
    await this.audit.record(caller, { action: 'channel.update', subjectType: 'channel', subjectId: id, detail: `"${updated.name}": ${changed.length ? `changed ${changed.join(', ')}` : 'no change'}` });
    return this.views.channel(updated);
  }

  async removeChannel(caller: Principal, id: number): Promise<void> {
    const channel = await this.channel(caller, id);
    if (!(await this.repository.deleteChannel(id))) throw new NotFoundError(`channel ${id} does not exist`);
    await this.audit.record(caller, { action: 'channel.delete', subjectType: 'channel', subjectId: id, detail: `"${channel.name}", ${describeTarget(channel)}` });
  }

  /** Disables every channel of a user about to be deleted; the rows stay for the delivery history. */
  disableChannelsOwnedBy(userId: number): Promise<number> {
    return this.repository.disableChannelsOwnedBy(userId);
  }

  /** The channel, if the caller may see it; else 404 as if it did not exist. */
  private async channel(caller: Principal, id: number): Promise<AlertChannelEntity> {
    const channel = await this.repository.channel(id);
    if (!channel || !ownsOrAdmin(caller, channel.ownerId)) throw new NotFoundError(`channel ${id} does not exist`);
    return channel;
  }

  /** The stored fields of a channel's destination, or a 400 that says what to fix. */
  private async channelFields(type: 'webhook' | 'email', dto: { url?: string; secret?: string; format?: 'generic' | 'slack'; to?: string }): Promise<Partial<AlertChannelEntity>> {
    if (type === 'email') {
      if (!dto.to || !EMAIL.test(dto.to)) throw new InvalidInputError('to must be an e-mail address for an email channel');
      return { target: dto.to, secret: null, format: 'generic' };
    }
    if (!dto.url) throw new InvalidInputError('url is required for a webhook channel');
    if (!dto.secret) throw new InvalidInputError(`secret is required for a webhook channel (at least ${MIN_SECRET_LENGTH} characters): it signs every call (X-Sentinel-Signature)`);
    try {
      await this.delivery.checkWebhookUrl(dto.url);
    } catch (error) {
      if (error instanceof DeliveryError) throw new InvalidInputError(`url: ${error.message}`);
      throw error;
    }
    return { target: dto.url, secret: dto.secret, format: dto.format ?? 'generic' };
  }

  private audiences(alerts: AlertEntity[], caller: Principal): Promise<Map<number, AlertAudience>> {
    const scoped = caller.scope.regions.length > 0 || caller.scope.topics.length > 0;
    return this.audienceMap(alerts, scoped);
  }

  /** Rule owners always; stories only when a scope needs their regions and topics. */
  private async audienceMap(alerts: Pick<AlertEntity, 'id' | 'ruleId' | 'storyId'>[], withStories: boolean): Promise<Map<number, AlertAudience>> {
    const audiences = new Map<number, AlertAudience>();
    if (alerts.length === 0) return audiences;
    const owners = new Map((await this.repository.rulesByIds([...new Set(alerts.map((a) => a.ruleId))])).map((r) => [r.id, r.ownerId]));
    const stories = withStories ? new Map((await this.stories.findByIds([...new Set(alerts.map((a) => a.storyId))])).map((s) => [s.id, s])) : new Map();
    for (const alert of alerts) {
      const story = stories.get(alert.storyId);
      audiences.set(alert.id, { ruleOwnerId: owners.get(alert.ruleId) ?? null, story: story ? { regions: story.regions, topics: story.topics } : null });
    }
    return audiences;
  }
}

/** A field of the other channel type is a mistake worth saying, not something to ignore. */
function refuseOtherTypesFields(type: 'webhook' | 'email', dto: { url?: string; secret?: string; format?: string; to?: string }): void {
  if (type === 'webhook' && dto.to !== undefined) throw new InvalidInputError('to is for email channels; a webhook channel takes url, secret and format');
  const webhookOnly = (['url', 'secret', 'format'] as const).filter((k) => dto[k] !== undefined);
  if (type === 'email' && webhookOnly.length) throw new InvalidInputError(`${webhookOnly.join(', ')}: only for webhook channels; an email channel takes to`);
}

/** The channel's destination for the audit log: the address, or the webhook's masked URL. */
function describeTarget(channel: AlertChannelEntity): string {
  return channel.type === 'email' ? `e-mail to ${channel.target}` : `webhook to ${maskWebhookUrl(channel.target)}`;
}

const toAlertKey = ({ time, id }: { time: number; id: number }) => ({ firedAt: time, id });
