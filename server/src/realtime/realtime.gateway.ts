import { Inject, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { ClientToServerEvents, ServerToClientEvents, Story } from '@sentinel/shared';
import type { Server, Socket } from 'socket.io';
import { DomainEvents } from '../events/domain-events';
import { TokenBucket } from './rate-limiter';
import { ReplayService, ReplayedEvent } from './replay.service';
import { StatsService } from './stats.service';
import { EVERYTHING, parseSubscription, Subscription, subscriptionMatches } from './subscription';
import { TAXONOMY_LOOKUP, TaxonomyLookup } from '../tagging/taxonomy-lookup';

/** What a socket carries: its filter, its message budget, and its place in the event stream. */
interface SocketState {
  subscription: Subscription;
  bucket: TokenBucket;
  /** False while missed events are replayed; live events wait in `pending` meanwhile. */
  live: boolean;
  pending: ReplayedEvent[];
  lastEventId: number;
  /** Set once the client was told it is over its budget, so a flood gets one warning, not one each. */
  warned: boolean;
}

type ClientSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketState>;

export const MAX_CLIENT_PAYLOAD_BYTES = 16 * 1024;
const MAX_PENDING = 5000;
const EVERYONE_ROOM = 'everything';
const STATS_EVERY_MS = 5000;

/**
 * Pushes committed changes to dashboards. Thin: filtering, replay and statistics live in plain
 * services; this class only moves events between them and the sockets.
 */
@WebSocketGateway({ maxHttpBufferSize: MAX_CLIENT_PAYLOAD_BYTES, pingInterval: 10_000, pingTimeout: 10_000, serveClient: false })
export class RealtimeGateway implements OnGatewayConnection, OnGatewayDisconnect, OnApplicationBootstrap, OnApplicationShutdown {
  @WebSocketServer() private server!: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketState>;
  private readonly logger = new Logger('Realtime');
  private readonly unsubscribe: (() => void)[] = [];
  private statsTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly events: DomainEvents,
    private readonly replay: ReplayService,
    private readonly stats: StatsService,
    @Inject(TAXONOMY_LOOKUP) private readonly taxonomy: TaxonomyLookup,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe.push(
      this.events.on('story.created', ({ eventId, story }) => this.broadcast({ eventId, kind: 'story:new', story })),
      this.events.on('story.updated', ({ eventId, story }) => this.broadcast({ eventId, kind: 'story:updated', story })),
      this.events.on('feed.health', ({ eventId, feed }) => this.broadcast({ eventId, kind: 'feed:health', feed })),
      this.events.on('alert.fired', ({ eventId, alert }) => this.broadcast({ eventId, kind: 'alert:fired', alert })),
    );
    this.statsTimer = setInterval(() => void this.pushStats(), STATS_EVERY_MS);
    this.statsTimer.unref();
  }

  onApplicationShutdown(): void {
    for (const off of this.unsubscribe) off();
    if (this.statsTimer) clearInterval(this.statsTimer);
  }

  async handleConnection(socket: ClientSocket): Promise<void> {
    socket.data = { subscription: EVERYTHING, bucket: new TokenBucket(10, 1), live: false, pending: [], lastEventId: 0, warned: false };
    socket.on('subscribe', (filter, ack) => this.onSubscribe(socket, filter, ack));
    socket.onAny((event: string) => {
      if (event !== 'subscribe' && this.spend(socket)) socket.emit('error', { message: `unknown event ${JSON.stringify(String(event).slice(0, 40))}; the only client event is subscribe` });
    });
    const since = socket.handshake.auth?.since;
    try {
      if (since === undefined || since === null) {
        socket.data.lastEventId = await this.replay.latestId();
      } else if (typeof since !== 'number' || !Number.isSafeInteger(since) || since < 0) {
        socket.emit('error', { message: 'auth.since must be the eventId of the last event received (a whole number)' });
        socket.data.lastEventId = await this.replay.latestId();
      } else {
        await this.catchUp(socket, since);
      }
    } catch (error) {
      this.logger.error(`replay for ${socket.id} failed: ${(error as Error).message}`);
      socket.emit('resync', { reason: 'the server could not replay missed events; refetch' });
    }
    this.goLive(socket);
  }

  handleDisconnect(socket: ClientSocket): void {
    if (socket.data) socket.data.pending = [];
  }

  private async catchUp(socket: ClientSocket, since: number): Promise<void> {
    const missed = await this.replay.since(since);
    if (missed === 'too-old') {
      socket.emit('resync', { reason: 'away too long to replay what was missed; refetch' });
      socket.data.lastEventId = await this.replay.latestId();
      return;
    }
    socket.data.lastEventId = since;
    for (const event of missed) this.deliver(socket, event);
  }

  /** Sends what arrived live during the replay, skipping anything the replay already sent. */
  private goLive(socket: ClientSocket): void {
    const pending = socket.data.pending;
    socket.data.pending = [];
    socket.data.live = true;
    for (const event of pending) this.deliver(socket, event);
    this.placeInRoom(socket);
  }

  /**
   * Live sockets without a filter (the walls, usually) share a room, so an event is encoded
   * once for all of them rather than once per socket.
   */
  private placeInRoom(socket: ClientSocket): void {
    const s = socket.data.subscription;
    if (socket.data.live && s.regions.size === 0 && s.topics.size === 0 && s.words.length === 0) void socket.join(EVERYONE_ROOM);
    else void socket.leave(EVERYONE_ROOM);
  }

  private broadcast(event: ReplayedEvent): void {
    const { eventId, kind, ...rest } = event;
    this.server.to(EVERYONE_ROOM).emit(kind, { eventId, ...rest } as never);
    for (const socket of this.server.sockets.sockets.values() as IterableIterator<ClientSocket>) {
      if (!socket.data || socket.rooms.has(EVERYONE_ROOM)) continue;
      if (socket.data.live) this.deliver(socket, event);
      else if (socket.data.pending.length < MAX_PENDING) socket.data.pending.push(event);
      else {
        socket.data.pending = [];
        socket.emit('resync', { reason: 'too many events arrived while catching up; refetch' });
      }
    }
  }

  private deliver(socket: ClientSocket, event: ReplayedEvent): void {
    if (event.eventId <= socket.data.lastEventId) return;
    socket.data.lastEventId = event.eventId;
    // Feed health and alerts reach every dashboard; subscriptions narrow stories only.
    if (event.kind === 'feed:health') {
      socket.emit('feed:health', { eventId: event.eventId, feed: event.feed });
      return;
    }
    if (event.kind === 'alert:fired') {
      socket.emit('alert:fired', { eventId: event.eventId, alert: event.alert });
      return;
    }
    if (!subscriptionMatches(socket.data.subscription, event.story as Story)) return;
    socket.emit(event.kind, { eventId: event.eventId, story: event.story });
  }

  private onSubscribe(socket: ClientSocket, filter: unknown, ack: unknown): void {
    const reply = typeof ack === 'function' ? (ack as (r: { ok: boolean; error?: string }) => void) : () => undefined;
    if (!this.spend(socket)) return reply({ ok: false, error: 'too many messages; slow down (at most 10 at once, then 1 a second)' });
    const parsed = parseSubscription(filter, this.taxonomy.resolveRegion, this.taxonomy.isTopic);
    if (!parsed.ok) {
      socket.emit('error', { message: parsed.error });
      return reply({ ok: false, error: parsed.error });
    }
    socket.data.subscription = parsed.subscription;
    this.placeInRoom(socket);
    reply({ ok: true });
  }

  /** One client message from the socket's budget; over budget, the message is dropped with one warning. */
  private spend(socket: ClientSocket): boolean {
    if (socket.data.bucket.take()) {
      socket.data.warned = false;
      return true;
    }
    if (!socket.data.warned) socket.emit('error', { message: 'too many messages; slow down (at most 10 at once, then 1 a second)' });
    socket.data.warned = true;
    return false;
  }

  private async pushStats(): Promise<void> {
    if (this.server.sockets.sockets.size === 0) return;
    try {
      this.server.emit('stats', await this.stats.current(this.server.sockets.sockets.size));
    } catch (error) {
      this.logger.warn(`stats failed: ${(error as Error).message}`);
    }
  }
}
