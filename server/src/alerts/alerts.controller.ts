import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Alert, AlertChannel, AlertRule, Page, PreviewResponse, Principal, ValidateQueryResponse } from '@sentinel/shared';
import { idParam } from '../common/id-param';
import { AlertRulesService } from './alert-rules.service';
import { AlertListDto, CreateChannelDto, CreateRuleDto, MuteDto, PreviewDto, QueryDto, SnoozeDto, UpdateChannelDto, UpdateRuleDto } from './alerts.dto';
import { AlertsService } from './alerts.service';
import { Access, Caller } from '../auth/access.decorator';

@Controller('api/alerts/rules')
@Access('analyst')
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Get() list(@Caller() caller: Principal): Promise<AlertRule[]> {
    return this.rules.list(caller);
  }

  @Post() create(@Caller() caller: Principal, @Body() dto: CreateRuleDto): Promise<AlertRule> {
    return this.rules.create(caller, dto);
  }

  @Post('validate') @HttpCode(200) validate(@Body() dto: QueryDto): ValidateQueryResponse {
    return this.rules.validate(dto.query);
  }

  @Post('preview') @HttpCode(200) preview(@Body() dto: PreviewDto): Promise<PreviewResponse> {
    return this.rules.preview(dto);
  }

  @Get(':id') get(@Caller() caller: Principal, @Param('id', idParam('alert rule')) id: number): Promise<AlertRule> {
    return this.rules.get(caller, id);
  }

  @Patch(':id') update(@Caller() caller: Principal, @Param('id', idParam('alert rule')) id: number, @Body() dto: UpdateRuleDto): Promise<AlertRule> {
    return this.rules.update(caller, id, dto);
  }

  @Delete(':id') @HttpCode(204) remove(@Caller() caller: Principal, @Param('id', idParam('alert rule')) id: number): Promise<void> {
    return this.rules.remove(caller, id);
  }

  @Post(':id/snooze') @HttpCode(200) snooze(@Caller() caller: Principal, @Param('id', idParam('alert rule')) id: number, @Body() dto: SnoozeDto): Promise<AlertRule> {
    return this.rules.snooze(caller, id, dto.minutes);
  }

  @Post(':id/mute') @HttpCode(200) mute(@Caller() caller: Principal, @Param('id', idParam('alert rule')) id: number, @Body() dto: MuteDto): Promise<AlertRule> {
    return this.rules.mute(caller, id, dto.muted);
  }
}

@Controller('api/alerts/channels')
@Access('analyst')
export class AlertChannelsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get() list(@Caller() caller: Principal): Promise<AlertChannel[]> {
    return this.alerts.channels(caller);
  }

  /** E-mail channels could relay mail anywhere, so creating any channel needs analyst (the class's role). */
  @Post() create(@Caller() caller: Principal, @Body() dto: CreateChannelDto): Promise<AlertChannel> {
    return this.alerts.createChannel(caller, dto);
  }

  @Patch(':id') update(@Caller() caller: Principal, @Param('id', idParam('channel')) id: number, @Body() dto: UpdateChannelDto): Promise<AlertChannel> {
    return this.alerts.updateChannel(caller, id, dto);
  }

  @Delete(':id') @HttpCode(204) remove(@Caller() caller: Principal, @Param('id', idParam('channel')) id: number): Promise<void> {
    return this.alerts.removeChannel(caller, id);
  }
}

@Controller('api/alerts')
@Access('analyst')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  /** Everyone signed in reads alerts (see alert-visibility.ts for which); walls and viewers only read. */
  @Get() @Access('wall') list(@Caller() caller: Principal, @Query() query: AlertListDto): Promise<Page<Alert>> {
    return this.alerts.list(caller, query);
  }

  @Post(':id/acknowledge') @HttpCode(200) acknowledge(@Caller() caller: Principal, @Param('id', idParam('alert')) id: number): Promise<Alert> {
    return this.alerts.acknowledge(caller, id);
  }
}
