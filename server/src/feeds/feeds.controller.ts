import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Feed, FeedPollResult, OpmlImportResult, Principal } from '@sentinel/shared';
import type { Request } from 'express';
import { AuditService } from '../audit/audit.service';
import { ClustersService } from '../clusters/clusters.service';
import { idParam } from '../common/id-param';
import { CreateFeedDto, UpdateFeedDto } from './feeds.dto';
import { FeedsService } from './feeds.service';
import { Access, Caller } from '../auth/access.decorator';

@Controller('api/feeds')
@Access('admin')
export class FeedsController {
  constructor(
    private readonly feeds: FeedsService,
    private readonly audit: AuditService,
    private readonly clusters: ClustersService,
  ) {}

  @Post()
  async create(@Body() dto: CreateFeedDto, @Caller() caller: Principal): Promise<Feed> {
    const feed = await this.feeds.create(dto);
    await this.audit.record(caller, { action: 'feed.create', subjectType: 'feed', subjectId: feed.id, detail: `subscribed to ${feed.url} as "${feed.title}"` });
    return feed;
  }

  @Get()
  @Access('viewer')
  list(): Promise<Feed[]> {
    return this.feeds.list();
  }

  @Get(':id')
  @Access('viewer')
  get(@Param('id', idParam('feed')) id: number): Promise<Feed> {
    return this.feeds.get(id);
  }

  @Patch(':id')
  async update(@Param('id', idParam('feed')) id: number, @Body() dto: UpdateFeedDto, @Caller() caller: Principal): Promise<Feed> {
    const feed = await this.feeds.update(id, dto);
    // Its stories count under the new outlet or tier in its recent events before this answers.
    if (dto.outlet !== undefined || dto.tier !== undefined) await this.clusters.feedEdited(id);
    const changed = Object.entries(dto).filter(([, value]) => value !== undefined).map(([field, value]) => `${field}=${JSON.stringify(value)}`);
    await this.audit.record(caller, { action: 'feed.update', subjectType: 'feed', subjectId: id, detail: `changed ${changed.join(', ') || 'nothing'} of ${feed.url}` });
    return feed;
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', idParam('feed')) id: number, @Caller() caller: Principal): Promise<void> {
    const removed = await this.feeds.remove(id);
    await this.audit.record(caller, { action: 'feed.delete', subjectType: 'feed', subjectId: id, detail: `unsubscribed from ${removed.url} ("${removed.title}")` });
  }

  /** A host already at its poll limit answers 429 with Retry-After (HostBusyError) rather than making the request wait. */
  @Post(':id/poll')
  @HttpCode(200)
  async poll(@Param('id', idParam('feed')) id: number, @Caller() caller: Principal): Promise<FeedPollResult> {
    const result = await this.feeds.pollNow(id);
    await this.audit.record(caller, { action: 'feed.poll', subjectType: 'feed', subjectId: id, detail: `polled now: ${result.status}${result.error ? ` (${result.error})` : ''}` });
    return result;
  }
}

export const OPML_CONTENT_TYPES = ['text/xml', 'application/xml', 'text/x-opml', 'application/x-opml', 'text/plain'];

@Controller('api/opml')
@Access('admin')
export class OpmlController {
  constructor(
    private readonly feeds: FeedsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Header('Content-Type', 'text/x-opml; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="sentinel-wire-feeds.opml"')
  export(): Promise<string> {
    return this.feeds.exportOpml();
  }

  @Post()
  @HttpCode(200)
  async import(@Req() request: Request, @Caller() caller: Principal): Promise<OpmlImportResult> {
    if (typeof request.body !== 'string') {
      throw new UnsupportedMediaTypeException(`send the OPML file as the request body with Content-Type ${OPML_CONTENT_TYPES.slice(0, 3).join(', ')}`);
    }
    const result = await this.feeds.importOpml(request.body);
    await this.audit.record(caller, {
      action: 'feed.import',
      subjectType: 'feed',
      subjectId: null,
      detail: `imported OPML: ${result.added} added, ${result.duplicates} already subscribed or repeated, ${result.invalid.length} invalid`,
    });
    return result;
  }
}
