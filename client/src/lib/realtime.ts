import { isLiveEventKind, type ClientToServerEvents, type ServerToClientEvents, type SocketAuth, type SubscribeRequest } from '@sentinel/shared';
import { useEffect, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import { wallToken } from './wall-token';

/**
 * The one socket.io connection of the tab. It reconnects forever with backoff, passes the last
 * eventId it saw as `auth.since` so the server replays what was missed, re-sends the current
 * subscription after every reconnect, and hands events to whoever registered with `on`.
 * It holds no story data: the query caches do (see app/realtime-bridge.ts).
 *
 * Who it connects as: a wall's token (`auth.token`) when this tab has one, otherwise the session
 * cookie, which the browser sends itself (same origin). A handshake the server refuses with
 * "unauthorized" is not retried: the socket stops and tells `onRefused` listeners (the session
 * gate), which treat it like an HTTP 401. A disconnect by the server ("io server disconnect",
 * e.g. its token was revoked) is retried once soon, and `onServerDisconnect` listeners are told
 * so that they can check the session.
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** When any event (stats included) last arrived; null before the first. */
  lastEventAt: number | null;
  /** When the socket last connected or dropped, for "down since". */
  changedAt: number;
  /** Why the last attempt failed, in the transport's words. */
  lastError: string | null;
  attempt: number;
  /** False until the first successful connection: "never reached" reads differently from "lost". */
  everConnected: boolean;
}

type EventName = keyof ServerToClientEvents;
export type RealtimePayload<K extends EventName> = Parameters<ServerToClientEvents[K]>[0];
type Handler<K extends EventName> = (payload: RealtimePayload<K>) => void;

const MAX_BACKOFF_MS = 30_000;
/** The `connect_error` message of a handshake the server's auth middleware refused. */
export const SOCKET_UNAUTHORIZED = 'unauthorized';

export class RealtimeClient {
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private readonly handlers = new Map<EventName, Set<Handler<EventName>>>();
  private readonly listeners = new Set<() => void>();
  private state: ConnectionSnapshot = {
    status: 'disconnected',
    lastEventAt: null,
    changedAt: Date.now(),
    lastError: null,
    attempt: 0,
    everConnected: false,
  };
  private lastEventId: number | undefined;
  private subscription: SubscribeRequest = {};
  /** What this connection was last sent; cleared on every connect, when the server forgets it. */
  private sentSubscription: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly onOnline = () => this.retryNow();
  private readonly refusedListeners = new Set<() => void>();
  private readonly serverDisconnectListeners = new Set<() => void>();

  start(): void {
    if (!this.socket) this.socket = this.createSocket();
    if (this.socket.connected || this.socket.active) return;
    this.update({ status: this.state.everConnected ? 'reconnecting' : 'connecting' });
    window.addEventListener('online', this.onOnline);
    this.socket.connect();
  }

  stop(): void {
    this.clearRetry();
    window.removeEventListener('online', this.onOnline);
    this.socket?.disconnect();
    this.update({ status: 'disconnected', changedAt: Date.now() });
  }

  /** Registers a handler; returns the function that removes it. */
  on<K extends EventName>(event: K, handler: Handler<K>): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler as Handler<EventName>);
    return () => set.delete(handler as Handler<EventName>);
  }

  /** Called when the server refuses this socket's credentials; the socket has stopped by then. */
  onRefused(listener: () => void): () => void {
    this.refusedListeners.add(listener);
    return () => this.refusedListeners.delete(listener);
  }

  /** Called when the server closes the socket on its side (a revoked token, a kicked session). */
  onServerDisconnect(listener: () => void): () => void {
    this.serverDisconnectListeners.add(listener);
    return () => this.serverDisconnectListeners.delete(listener);
  }

  /** Narrows what this socket receives; kept and re-sent after every reconnect. */
  subscribe(request: SubscribeRequest): void {
    this.subscription = request;
    if (this.socket?.connected) this.sendSubscription();
  }

  getSnapshot = (): ConnectionSnapshot => this.state;

  subscribeToState = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private createSocket(): Socket<ServerToClientEvents, ClientToServerEvents> {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      path: '/socket.io',
      autoConnect: false,
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: MAX_BACKOFF_MS,
      randomizationFactor: 0.5,
      // A function, so every reconnect sends the newest eventId rather than the one at start-up.
      auth: (send) => send(this.auth()),
    });
    socket.on('connect', () => {
      this.clearRetry();
      this.update({ status: 'connected', changedAt: Date.now(), lastError: null, attempt: 0, everConnected: true });
      this.sentSubscription = null;
      this.sendSubscription();
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.update({ status: 'reconnecting', changedAt: Date.now(), lastError: reason });
      // socket.io gives up by design when the server closes the socket; a wall must not. If the
      // server closed it because the credentials are no longer good, the retry is refused and
      // the socket stops there.
      if (!socket.active) this.scheduleRetry();
      if (reason === 'io server disconnect') this.serverDisconnectListeners.forEach((listener) => listener());
    });
    socket.on('connect_error', (error) => {
      if (error.message === SOCKET_UNAUTHORIZED) {
        // Asking again with the same credentials cannot help: stop, and let the page sign in.
        this.stop();
        this.update({ lastError: error.message });
        this.refusedListeners.forEach((listener) => listener());
        return;
      }
      this.update({ status: 'reconnecting', lastError: error.message, attempt: this.state.attempt + 1 });
      // A rejection by server middleware is not retried by socket.io itself.
      if (!socket.active) this.scheduleRetry();
    });
    socket.onAny((event: string, payload: unknown) => this.dispatch(event, payload));
    return socket;
  }

  private auth(): SocketAuth {
    const token = wallToken();
    return { ...(this.lastEventId === undefined ? {} : { since: this.lastEventId }), ...(token ? { token } : {}) };
  }

  private sendSubscription(): void {
    const request = JSON.stringify(this.subscription);
    if (request === this.sentSubscription) return;
    this.sentSubscription = request;
    this.socket?.emit('subscribe', this.subscription, (result) => {
      if (result && !result.ok) console.warn(`The live feed refused the filter: ${result.error ?? 'no reason given'}`);
    });
  }

  private dispatch(event: string, payload: unknown): void {
    // Only the events declared in shared/src/events.ts reach handlers.
    if (!isLiveEventKind(event)) return;
    const eventId = typeof payload === 'object' && payload !== null ? (payload as { eventId?: unknown }).eventId : undefined;
    // The latest id, not the largest: after the server's store is reset its ids start again.
    if (typeof eventId === 'number' && Number.isFinite(eventId)) this.lastEventId = eventId;
    this.update({ lastEventAt: Date.now() });
    const handlers = this.handlers.get(event);
    if (!handlers) return;
    for (const handler of handlers) {
      try {
        handler(payload as RealtimePayload<EventName>);
      } catch (error) {
        console.error(`handling "${event}" failed`, error);
      }
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    const base = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.min(this.state.attempt, 5));
    const delay = base / 2 + Math.random() * (base / 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.socket?.connect();
    }, delay);
  }

  private retryNow(): void {
    if (!this.socket || this.socket.connected) return;
    this.clearRetry();
    this.socket.disconnect().connect();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private update(patch: Partial<ConnectionSnapshot>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

export const realtime = new RealtimeClient();

/** Keeps the socket's subscription equal to `request` while the calling page is mounted. */
export function useLiveSubscription(request: SubscribeRequest): void {
  const key = JSON.stringify(request);
  useEffect(() => {
    realtime.subscribe(JSON.parse(key) as SubscribeRequest);
  }, [key]);
}

export function useConnection(): ConnectionSnapshot {
  return useSyncExternalStore(realtime.subscribeToState, realtime.getSnapshot);
}
