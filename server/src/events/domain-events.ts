import { EventEmitter } from 'node:events';
import { Injectable, Logger } from '@nestjs/common';
import type { Alert, Feed, Story } from '@sentinel/shared';
import type { AlertAudience } from '../alerts/alert-visibility';

/**
 * In-process events that announce a committed change. The real-time gateway and the alert
 * engine subscribe here; a multi-instance deployment swaps this for a bus behind the same
 * interface. Events are emitted only after the transaction that made the change commits, and
 * carry the change-log id written with it (see database/change-log.ts).
 */
export interface DomainEventMap {
  'story.created': { eventId: number; story: Story };
  'story.updated': { eventId: number; story: Story };
  'feed.health': { eventId: number; feed: Feed };
  /** `audience` decides which sockets may see it (see alerts/alert-visibility.ts). */
  'alert.fired': { eventId: number; alert: Alert; audience: AlertAudience };
}

@Injectable()
export class DomainEvents {
  private readonly emitter = new EventEmitter();
  private readonly logger = new Logger(DomainEvents.name);

  constructor() {
    this.emitter.setMaxListeners(50);
  }

  emit<K extends keyof DomainEventMap>(name: K, payload: DomainEventMap[K]): void {
    for (const listener of this.emitter.listeners(name)) {
      // One failing subscriber must not stop the others or the poll that emitted the event.
      try {
        (listener as (p: DomainEventMap[K]) => void)(payload);
      } catch (error) {
        this.logger.error(`listener for ${name} failed: ${(error as Error).message}`);
      }
    }
  }

  on<K extends keyof DomainEventMap>(name: K, listener: (payload: DomainEventMap[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
