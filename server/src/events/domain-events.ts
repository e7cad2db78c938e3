import { EventEmitter } from 'node:events';
import { Injectable, Logger } from '@nestjs/common';
import type { ChangeKind, LiveEventPayloads } from '@sentinel/shared';
import type { AlertAudience } from '../alerts/alert-visibility';

/** What the server adds to an event's public payload; it never leaves the process. */
interface ServerOnlyFields {
  /** Decides which sockets may see the alert (see alerts/alert-visibility.ts). */
  'alert:fired': { audience: AlertAudience };
}

/**
 * In-process events that announce a committed change. The names and payloads are the live event
 * kinds declared in shared/src/events.ts (a change kind is one that is replayed), plus the
 * server-only fields above. The real-time gateway and the alert engine subscribe here; a
 * multi-instance deployment swaps this for a bus behind the same interface. Events are emitted
 * only after the transaction that made the change commits, and carry the change-log id written
 * with it (see database/change-log.ts).
 */
export type DomainEventMap = { [K in ChangeKind]: LiveEventPayloads[K] & (K extends keyof ServerOnlyFields ? ServerOnlyFields[K] : unknown) };

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
