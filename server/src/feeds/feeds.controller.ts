import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Feed, FeedPollResult, OpmlImportResult } from '@sentinel/shared';
import type { Request } from 'express';
import { idParam } from '../common/id-param';
import { CreateFeedDto, UpdateFeedDto } from './feeds.dto';
import { FeedsService } from './feeds.service';

@Controller('api/feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Post()
  create(@Body() dto: CreateFeedDto): Promise<Feed> {
    return this.feeds.create(dto);
  }

  @Get()
  list(): Promise<Feed[]> {
    return this.feeds.list();
  }

  @Get(':id')
  get(@Param('id', idParam('feed')) id: number): Promise<Feed> {
    return this.feeds.get(id);
  }

  @Patch(':id')
  update(@Param('id', idParam('feed')) id: number, @Body() dto: UpdateFeedDto): Promise<Feed> {
    return this.feeds.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', idParam('feed')) id: number): Promise<void> {
    return this.feeds.remove(id);
  }

  @Post(':id/poll')
  @HttpCode(200)
  poll(@Param('id', idParam('feed')) id: number): Promise<FeedPollResult> {
    return this.feeds.pollNow(id);
  }
}

export const OPML_CONTENT_TYPES = ['text/xml', 'application/xml', 'text/x-opml', 'application/x-opml', 'text/plain'];

@Controller('api/opml')
export class OpmlController {
  constructor(private readonly feeds: FeedsService) {}

  @Get()
  @Header('Content-Type', 'text/x-opml; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="sentinel-wire-feeds.opml"')
  export(): Promise<string> {
    return this.feeds.exportOpml();
  }

  @Post()
  @HttpCode(200)
  import(@Req() request: Request): Promise<OpmlImportResult> {
    if (typeof request.body !== 'string') {
      throw new UnsupportedMediaTypeException(`send the OPML file as the request body with Content-Type ${OPML_CONTENT_TYPES.slice(0, 3).join(', ')}`);
    }
    return this.feeds.importOpml(request.body);
  }
}
