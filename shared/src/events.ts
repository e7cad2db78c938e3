import type { Alert } from './alerts';
import type { Feed, Story } from './api';

/** Socket.io event map (real-time gateway, same port as the API). Declared once, used by both sides. */

export interface StoryEvent {
  /** Monotonic id of the change, stored with it; a client passes the last one it saw as `auth.since`. */
  eventId: number;
  story: Story;
}

export interface FeedHealthEvent {
  eventId: number;
  feed: Feed;
}

export interface AlertFiredEvent {
  eventId: number;
  alert: Alert;
}

export interface StatsEvent {
  at: string;
  /** Stories first seen in the last hour, by topic id and by macro-region id. */
  lastHourByTopic: Record<string, number>;
  lastHourByRegion: Record<string, number>;
  feeds: { ok: number; stale: number; error: number; pending: number };
  clients: number;
}

export interface ResyncEvent {
  reason: string;
}

export interface GatewayErrorEvent {
  message: string;
}

export interface SubscribeRequest {
  regions?: string[];
  topics?: string[];
  q?: string;
}

export interface ServerToClientEvents {
  'story:new': (event: StoryEvent) => void;
  'story:updated': (event: StoryEvent) => void;
  'feed:health': (event: FeedHealthEvent) => void;
  'alert:fired': (event: AlertFiredEvent) => void;
  stats: (event: StatsEvent) => void;
  /** The client was away too long to replay: refetch from the API. */
  resync: (event: ResyncEvent) => void;
  error: (event: GatewayErrorEvent) => void;
}

export interface ClientToServerEvents {
  subscribe: (filter: SubscribeRequest, ack?: (result: { ok: boolean; error?: string }) => void) => void;
}

export interface SocketAuth {
  since?: number;
  /** A wall or integration token; browsers signed in with the session cookie need none. */
  token?: string;
}
