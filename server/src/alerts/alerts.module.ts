import { Module, OnModuleInit } from '@nestjs/common';
import { UsersService } from '../auth/users.service';
import { ClustersModule } from '../clusters/clusters.module';
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
  // ClustersModule: the engine reads the event a story was placed in (ClustersService.byIds).
  imports: [StoriesModule, TaggingModule, ClustersModule],
  // Rules and channels before the alert routes, so /api/alerts/rules is not read as an alert id.
  controllers: [AlertRulesController, AlertChannelsController, AlertsController],
  providers: [AlertsRepository, AlertQueryParser, AlertViews, AlertEngine, DeliveryService, AlertRulesService, AlertsService],
  // AlertRulesService and AlertsService.disableChannelsOwnedBy: the users module disables a deleted user's rules and channels.
  exports: [AlertsService, AlertRulesService],
})
export class AlertsModule implements OnModuleInit {
  constructor(
    private readonly users: UsersService,
    private readonly rules: AlertRulesService,
    private readonly alerts: AlertsService,
  ) {}

  /** A deleted user's rules and channels are disabled, not deleted, so their alert history stays. */
  onModuleInit(): void {
    this.users.onRemove(async (userId) => {
      await this.rules.disableOwnedBy(userId);
      await this.alerts.disableChannelsOwnedBy(userId);
    });
  }
}
