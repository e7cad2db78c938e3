import { Module } from '@nestjs/common';
import { StoriesModule } from '../stories/stories.module';
import { TaggingModule } from '../tagging/tagging.module';
import { AlertEngine } from './alert-engine.service';
import { AlertQueryParser } from './alert-query';
import { AlertRulesService } from './alert-rules.service';
import { AlertViews } from './alert-views';
import { AlertChannelsController, AlertRulesController, AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';
import { DeliveryService } from './delivery/delivery.service';

@Module({
  imports: [StoriesModule, TaggingModule],
  // Rules and channels before the alert routes, so /api/alerts/rules is not read as an alert id.
  controllers: [AlertRulesController, AlertChannelsController, AlertsController],
  providers: [AlertsRepository, AlertQueryParser, AlertViews, AlertEngine, DeliveryService, AlertRulesService, AlertsService],
  exports: [AlertsService],
})
export class AlertsModule {}
