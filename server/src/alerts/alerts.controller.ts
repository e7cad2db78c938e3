import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Alert, AlertChannel, AlertRule, Page, PreviewResponse, ValidateQueryResponse } from '@sentinel/shared';
import { idParam } from '../common/id-param';
import { AlertRulesService } from './alert-rules.service';
import { AlertListDto, CreateChannelDto, CreateRuleDto, MuteDto, PreviewDto, QueryDto, SnoozeDto, UpdateChannelDto, UpdateRuleDto } from './alerts.dto';
import { AlertsService } from './alerts.service';

@Controller('api/alerts/rules')
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Get() list(): Promise<AlertRule[]> {
    return this.rules.list();
  }

  @Post() create(@Body() dto: CreateRuleDto): Promise<AlertRule> {
    return this.rules.create(dto);
  }

  @Post('validate') @HttpCode(200) validate(@Body() dto: QueryDto): ValidateQueryResponse {
    return this.rules.validate(dto.query);
  }

  @Post('preview') @HttpCode(200) preview(@Body() dto: PreviewDto): Promise<PreviewResponse> {
    return this.rules.preview(dto);
  }

  @Get(':id') get(@Param('id', idParam('alert rule')) id: number): Promise<AlertRule> {
    return this.rules.get(id);
  }

  @Patch(':id') update(@Param('id', idParam('alert rule')) id: number, @Body() dto: UpdateRuleDto): Promise<AlertRule> {
    return this.rules.update(id, dto);
  }

  @Delete(':id') @HttpCode(204) remove(@Param('id', idParam('alert rule')) id: number): Promise<void> {
    return this.rules.remove(id);
  }

  @Post(':id/snooze') @HttpCode(200) snooze(@Param('id', idParam('alert rule')) id: number, @Body() dto: SnoozeDto): Promise<AlertRule> {
    return this.rules.snooze(id, dto.minutes);
  }

  @Post(':id/mute') @HttpCode(200) mute(@Param('id', idParam('alert rule')) id: number, @Body() dto: MuteDto): Promise<AlertRule> {
    return this.rules.mute(id, dto.muted);
  }
}

@Controller('api/alerts/channels')
export class AlertChannelsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get() list(): Promise<AlertChannel[]> {
    return this.alerts.channels();
  }

  @Post() create(@Body() dto: CreateChannelDto): Promise<AlertChannel> {
    return this.alerts.createChannel(dto);
  }

  @Patch(':id') update(@Param('id', idParam('channel')) id: number, @Body() dto: UpdateChannelDto): Promise<AlertChannel> {
    return this.alerts.updateChannel(id, dto);
  }

  @Delete(':id') @HttpCode(204) remove(@Param('id', idParam('channel')) id: number): Promise<void> {
    return this.alerts.removeChannel(id);
  }
}

@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get() list(@Query() query: AlertListDto): Promise<Page<Alert>> {
    return this.alerts.list(query);
  }

  @Post(':id/acknowledge') @HttpCode(200) acknowledge(@Param('id', idParam('alert')) id: number): Promise<Alert> {
    return this.alerts.acknowledge(id);
  }
}
