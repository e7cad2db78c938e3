import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { Alert, AlertChannel, Page } from '@sentinel/shared';
import { FeedFetchError, parseFeedUrl } from '../feeds/fetcher';
import { decodeKeysetCursor, encodeKeysetCursor } from '../common/keyset-cursor';
import type { AlertChannelEntity } from '../database/entities';
import { AlertViews } from './alert-views';
import type { AlertListDto, CreateChannelDto, UpdateChannelDto } from './alerts.dto';
import { AlertsRepository } from './alerts.repository';

const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}\.[^\s@<>.]{2,}$/;

/** Alert history, acknowledgement, and the channels alerts are delivered to. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly repository: AlertsRepository,
    private readonly views: AlertViews,
  ) {}

  async list(query: AlertListDto): Promise<Page<Alert>> {
    const rows = await this.repository.alertPage({
      ruleId: query.ruleId,
      acknowledged: query.acknowledged === undefined ? undefined : query.acknowledged === 'true',
      limit: query.limit + 1,
      before: query.cursor ? toAlertKey(decodeKeysetCursor(query.cursor)) : undefined,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: await this.views.alerts(page),
      nextCursor: rows.length > query.limit ? encodeKeysetCursor(last.firedAt, last.id) : null,
    };
  }

  async acknowledge(id: number): Promise<Alert> {
    if (!(await this.repository.alert(id))) throw new NotFoundException(`alert ${id} does not exist`);
    await this.repository.acknowledge(id, Date.now());
    const [alert] = await this.views.alerts([(await this.repository.alert(id))!]);
    return alert;
  }

  /** One alert, built as the API shows it (for replay of `alert:fired`). */
  async byIds(ids: number[]): Promise<Alert[]> {
    return this.views.alerts(await this.repository.alertsByIds(ids));
  }

  async channels(): Promise<AlertChannel[]> {
    return (await this.repository.channels()).map((c) => this.views.channel(c));
  }

  async createChannel(dto: CreateChannelDto): Promise<AlertChannel> {
    const fields = channelFields(dto.type, dto);
    const channel = await this.repository.insertChannel({ type: dto.type, name: dto.name.trim(), enabled: dto.enabled ?? true, createdAt: Date.now(), ...fields });
    return this.views.channel(channel);
  }

  async updateChannel(id: number, dto: UpdateChannelDto): Promise<AlertChannel> {
    const channel = await this.channel(id);
    const changes: Partial<AlertChannelEntity> = {};
    if (dto.name !== undefined) changes.name = dto.name.trim();
    if (dto.enabled !== undefined) changes.enabled = dto.enabled;
    if (dto.url !== undefined || dto.secret !== undefined || dto.format !== undefined || dto.to !== undefined) {
      Object.assign(changes, channelFields(channel.type, { url: dto.url ?? channel.target, to: dto.to ?? channel.target, secret: dto.secret ?? channel.secret ?? undefined, format: dto.format ?? channel.format }));
    }
    await this.repository.updateChannel(id, changes);
    return this.views.channel(await this.channel(id));
  }

  async removeChannel(id: number): Promise<void> {
    if (!(await this.repository.deleteChannel(id))) throw new NotFoundException(`channel ${id} does not exist`);
  }

  private async channel(id: number): Promise<AlertChannelEntity> {
    const channel = await this.repository.channel(id);
    if (!channel) throw new NotFoundException(`channel ${id} does not exist`);
    return channel;
  }
}

function channelFields(type: 'webhook' | 'email', dto: { url?: string; secret?: string; format?: 'generic' | 'slack'; to?: string }): Partial<AlertChannelEntity> {
  if (type === 'email') {
    if (!dto.to || !EMAIL.test(dto.to)) throw new BadRequestException('to must be an e-mail address for an email channel');
    return { target: dto.to, secret: null, format: 'generic' };
  }
  if (!dto.url) throw new BadRequestException('url is required for a webhook channel');
  try {
    parseFeedUrl(dto.url);
  } catch (error) {
    throw new BadRequestException(`url: ${error instanceof FeedFetchError ? error.message : 'not a valid URL'}`);
  }
  if (!dto.secret) throw new BadRequestException('secret is required for a webhook channel: it signs every call (X-Sentinel-Signature)');
  return { target: dto.url, secret: dto.secret, format: dto.format ?? 'generic' };
}

const toAlertKey = ({ time, id }: { time: number; id: number }) => ({ firedAt: time, id });
