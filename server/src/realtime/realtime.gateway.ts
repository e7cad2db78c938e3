import { Inject, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { CHANGE_KINDS, storyFilterOfScope, subjectOf, type Cluster, type ClientToServerEvents, type FilterableStory, type ServerToClientEvents } from '@sentinel/shared';
import type { Server, Socket } from 'socket.io';
import { DomainEvents } from '../events/domain-events';
import { TokenBucket } from './rate-limiter';
import { ReplayService, ReplayedEvent } from './replay.service';
import { StatsService } from './stats.service';
import { EVERYTHING, isEverything, parseSubscription, Subscription, SubscriptionContext, subscriptionMatches } from './subscription';
import { FeedGroups } from '../feeds/feed-groups';
import { TAXONOMY_LOOKUP, TaxonomyLookup } from '../tagging/taxonomy-lookup';
import { AuthEvents, Revocation } from '../auth/auth-events';
import { Authenticator } from '../auth/authenticator';
import { APP_CONFIG, AppConfig } from '../config/config';
import { checkHandshake, ConnectionCounter, SocketIdentity } from './socket-auth';
import { alertAsSeenBy, alertVisibleTo } from '../alerts/alert-visibility';

/** What a socket carries: its filter, its message budget, and its place in the event stream. */
interface SocketState {
  identity: SocketIdentity;
  /** A scoped wall token's regions and topics: every story must match them as well as the subscription. */
  scope: Subscription | null;
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
/** How often sockets are checked for credentials that expired while they were connected. */
const EXPIRY_SWEEP_MS = 5000;

/**
 * Pushes committed changes to dashboards. Thin: filtering, replay and statistics live in plain
 * services; this class only moves events between them and the sockets.
 */
@WebSocketGateway({ maxHttpBufferSize: MAX_CLIENT_PAYLOAD_BYTES, pingInterval: 10_000, pingTimeout: 10_000, serveClient: false })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnApplicationBootstrap, OnApplicationShutdown {
  @WebSocketServer() private server!: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketState>;
  private readonly logger = new Logger('Realtime');
  private readonly unsubscribe: (() => void)[] = [];
  private statsTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private readonly connections: ConnectionCounter;

  constructor(
    private readonly events: DomainEvents,
    private readonly replay: ReplayService,
    private readonly stats: StatsService,
    @Inject(TAXONOMY_LOOKUP) private readonly taxonomy: TaxonomyLookup,
    private readonly authenticator: Authenticator,
    private readonly authEvents: AuthEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly feedGroups: FeedGroups,
  ) {
    this.connections = new ConnectionCounter({ perPrincipal: config.auth.socketsPerPrincipal, perAddress: config.auth.socketsPerAddress });
  }

  /** The socket door: nobody connects without credentials, from a foreign origin, or past the caps. */
  afterInit(server: Server): void {
    server.use((socket, next) => {
      checkHandshake({ headers: socket.handshake.headers, auth: socket.handshake.auth ?? {}, address: socket.handshake.address }, this.authenticator, this.config.auth).then(
        (result) => {
          if (!result.ok) return next(new Error(result.message));
          const full = this.connections.admit(result.identity);
          if (full) return next(new Error(full));
          socket.data = { identity: result.identity } as SocketState;
          next();
        },
        (error: Error) => {
          this.logger.error(`socket handshake check failed: ${error.message}`);
          next(new Error('the server could not check these credentials; try again'));
        },
      );
    });
  }

  onApplicationBootstrap(): void {
    // Every change kind declared in shared/src/events.ts goes out under its own name.
    for (const kind of CHANGE_KINDS) {
      this.unsubscribe.push(this.events.on(kind, (payload) => this.broadcast({ ...payload, kind } as ReplayedEvent)));
    }
    this.unsubscribe.push(this.authEvents.onRevoked((revocation) => this.disconnectRevoked(revocation)));
    this.statsTimer = setInterval(() => void this.pushStats(), STATS_EVERY_MS);
    this.statsTimer.unref();
    this.sweepTimer = setInterval(() => this.disconnectExpired(), EXPIRY_SWEEP_MS);
    this.sweepTimer.unref();
  }

  onApplicationShutdown(): void {
    for (const off of this.unsubscribe) off();
    if (this.statsTimer) clearInterval(this.statsTimer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
  }

  async handleConnection(socket: ClientSocket): Promise<void> {
    const identity = socket.data.identity;
    socket.data = { identity, scope: this.scopeOf(identity), subscription: EVERYTHING, bucket: new TokenBucket(10, 1), live: false, pending: [], lastEventId: 0, warned: false };
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
    if (!socket.data?.identity) return;
    socket.data.pending = [];
    this.connections.release(socket.data.identity);
  }

  /**
   * A wall token's scope as a subscription, or null when the caller may see everything. A region
   * the taxonomy no longer has matches nothing, so a stale scope fails closed.
   */
  private scopeOf(identity: SocketIdentity): Subscription | null {
    const scope: Subscription = { filter: storyFilterOfScope(identity.principal.scope), context: this.matchContext };
    return isEverything(scope) ? null : scope;
  }

  /** What subscriptions are checked and matched against: the taxonomy and the feeds' groups. */
  private readonly matchContext: SubscriptionContext = {
    resolveRegion: (id) => this.taxonomy.resolveRegion(id),
    isTopic: (id) => this.taxonomy.isTopic(id),
    groupOf: (feedId) => this.feedGroups.groupOf(feedId),
  };

  private disconnectRevoked(revocation: Revocation): void {
    for (const socket of this.server.sockets.sockets.values() as IterableIterator<ClientSocket>) {
      const identity = socket.data?.identity;
      if (!identity) continue;
      const ended =
        (revocation.kind === 'token' && identity.tokenId === revocation.tokenId) ||
        (revocation.kind === 'sessions' && identity.sessionHash !== null && revocation.idHashes.includes(identity.sessionHash)) ||
        (revocation.kind === 'user' && identity.principal.kind === 'user' && identity.principal.userId === revocation.userId);
      if (ended) socket.disconnect(true);
    }
  }

  private disconnectExpired(now = Date.now()): void {
    for (const socket of this.server.sockets.sockets.values() as IterableIterator<ClientSocket>) {
      const expiresAt = socket.data?.identity?.expiresAt;
      if (expiresAt !== null && expiresAt !== undefined && expiresAt <= now) socket.disconnect(true);
    }
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
    if (socket.data.live && !socket.data.scope && isEverything(socket.data.subscription)) void socket.join(EVERYONE_ROOM);
    else void socket.leave(EVERYONE_ROOM);
  }

  private broadcast(event: ReplayedEvent): void {
    // Alerts are not for everyone (an analyst sees their own rules'), so each socket decides.
    const shared = subjectOf(event.kind) !== 'alert';
    // socket.io encodes an event before it looks for recipients: skip the room when it is empty.
    if (shared && this.server.sockets.adapter.rooms.has(EVERYONE_ROOM)) this.server.to(EVERYONE_ROOM).emit(event.kind, wire(event) as never);
    for (const socket of this.server.sockets.sockets.values() as IterableIterator<ClientSocket>) {
      if (!socket.data?.identity || (shared && socket.rooms.has(EVERYONE_ROOM))) continue;
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
    // Feed health reaches every dashboard, alerts whoever may see them; subscriptions narrow stories only.
    switch (event.kind) {
      case 'feed:health':
        socket.emit(event.kind, { eventId: event.eventId, feed: event.feed });
        return;
      case 'alert:fired': {
        const caller = socket.data.identity.principal;
        if (alertVisibleTo(caller, event.audience, this.taxonomy.resolveRegion)) {
          socket.emit(event.kind, { eventId: event.eventId, alert: alertAsSeenBy(caller, event.alert, event.audience.ruleOwnerId) });
        }
        return;
      }
      case 'cluster:new':
      case 'cluster:updated':
        // Events follow the wall's scope (regions, topics) like stories; a story subscription does not narrow them.
        if (socket.data.scope && !subscriptionMatches(socket.data.scope, clusterAsFilterable(event.cluster))) return;
        socket.emit(event.kind, { eventId: event.eventId, cluster: event.cluster });
        return;
      case 'cluster:merged':
        // Judged by the event it went into: it has every region and topic the merged one had, so a
        // wall that could see the merged event sees this, and one that could not learns nothing.
        if (socket.data.scope && !subscriptionMatches(socket.data.scope, clusterAsFilterable(event.cluster))) return;
        socket.emit(event.kind, { eventId: event.eventId, id: event.id, into: event.into, cluster: event.cluster });
        return;
      case 'story:new':
      case 'story:updated':
        if (socket.data.scope && !subscriptionMatches(socket.data.scope, event.story)) return;
        if (!subscriptionMatches(socket.data.subscription, event.story)) return;
        socket.emit(event.kind, { eventId: event.eventId, story: event.story });
        return;
      default:
        // A kind added to shared/src/events.ts without a rule here fails to compile.
        return assertNever(event);
    }
  }

  private onSubscribe(socket: ClientSocket, filter: unknown, ack: unknown): void {
    const reply = typeof ack === 'function' ? (ack as (r: { ok: boolean; error?: string }) => void) : () => undefined;
    if (!this.spend(socket)) return reply({ ok: false, error: 'too many messages; slow down (at most 10 at once, then 1 a second)' });
    const parsed = parseSubscription(filter, this.matchContext);
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

/** What a client receives for an event: everything but the kind, which is the socket.io event name. */
function wire(event: ReplayedEvent): Record<string, unknown> {
  const { kind: _kind, ...payload } = event;
  return payload;
}

function assertNever(event: never): never {
  throw new Error(`no delivery rule for event ${JSON.stringify((event as { kind?: unknown }).kind)}`);
}

/** What a scope is matched against for an event: its merged regions and topics. */
function clusterAsFilterable(cluster: Cluster): FilterableStory {
  return { title: cluster.headline.title, summary: '', regions: cluster.regions, topics: cluster.topics, publishedAt: cluster.updatedAt, feedId: null, sources: [] };
}
