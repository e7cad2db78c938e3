import type { Alert } from './alerts';
import type { Feed, Story } from './api';
import type { Cluster } from './clusters';
import type { StoryFilter } from './story-filter';

/**
 * Every event the server pushes to dashboards, declared once: its name, its payload and whether
 * it is replayed. A replayed event announces a committed change: it is written to the change log
 * in the same transaction as the change, travels the server's internal bus under the same name,
 * and is sent again to a client that reconnects with the last `eventId` it saw (`auth.since`).
 * The others describe the connection itself and are never stored.
 *
 * Adding a kind means adding it to `LiveEventPayloads` and `LIVE_EVENTS`; the compiler then
 * points at each place that must handle it (replay's subject loaders, the gateway's delivery,
 * the client's cache bridge).
 */

export interface StoryEvent {
  /** Monotonic id of the change, stored with it; a client passes the last one it saw as `auth.since`. */
  eventId: number;
  story: Story;
}

export interface ClusterEvent {
  eventId: number;
  cluster: Cluster;
}

/**
 * An event (cluster) was merged into another by an analyst: `id` no longer exists and its stories
 * are in `into`. A client drops `id` from every list and shows `cluster` (the event it went into,
 * as it is now) instead. Replayed as the merge stands now: if `into` was merged again since, it
 * names the event the stories ended in.
 */
export interface ClusterMergedEvent {
  eventId: number;
  /** The event that was merged away. */
  id: number;
  /** The event it went into. */
  into: number;
  cluster: Cluster;
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
  /**
   * Events (clusters) that gained a story first seen in the last hour, by topic id and by
   * macro-region id: each event once per topic or macro-region, however many of its stories came
   * in; a story not yet placed in an event counts as one (see `volumeEventKey`).
   */
  lastHourEventsByTopic: Record<string, number>;
  lastHourEventsByRegion: Record<string, number>;
  feeds: { ok: number; stale: number; error: number; pending: number };
  clients: number;
}

export interface ResyncEvent {
  reason: string;
}

export interface GatewayErrorEvent {
  message: string;
}

/** What a socket subscribes to: the story filter of the stories list (see story-filter.ts). */
export type SubscribeRequest = StoryFilter;

/** The payload of each server-to-client event. */
export interface LiveEventPayloads {
  'story:new': StoryEvent;
  'story:updated': StoryEvent;
  'feed:health': FeedHealthEvent;
  /** An event (cluster) was started by a story. */
  'cluster:new': ClusterEvent;
  /**
   * An event gained or lost a story (a merge, a split), its stories were edited or re-tagged, or
   * its outlets were regrouped (publisher families, a feed's outlet or tier): its row was rewritten.
   */
  'cluster:updated': ClusterEvent;
  /** An event was merged into another and is gone; `cluster:updated` for the event it went into follows. */
  'cluster:merged': ClusterMergedEvent;
  'alert:fired': AlertFiredEvent;
  stats: StatsEvent;
  /** The client was away too long to replay: refetch from the API. */
  resync: ResyncEvent;
  error: GatewayErrorEvent;
}

/**
 * What a replayed event names in the change log; replay loads that thing's current state.
 * `cluster-merge`: a merged-away cluster, replayed with the cluster its stories are in now.
 */
export type ChangeSubject = 'story' | 'feed' | 'alert' | 'cluster' | 'cluster-merge';

/** Whether each event is replayed, and, if so, what it is about. */
export const LIVE_EVENTS = {
  'story:new': { replayed: true, subject: 'story' },
  'story:updated': { replayed: true, subject: 'story' },
  'feed:health': { replayed: true, subject: 'feed' },
  'cluster:new': { replayed: true, subject: 'cluster' },
  'cluster:updated': { replayed: true, subject: 'cluster' },
  'cluster:merged': { replayed: true, subject: 'cluster-merge' },
  'alert:fired': { replayed: true, subject: 'alert' },
  stats: { replayed: false },
  resync: { replayed: false },
  error: { replayed: false },
} as const satisfies { [K in keyof LiveEventPayloads]: { replayed: true; subject: ChangeSubject } | { replayed: false } };

export type LiveEventKind = keyof typeof LIVE_EVENTS;
/** The kinds that announce a committed change: stored in the change log, sent on the bus, replayed. */
export type ChangeKind = { [K in LiveEventKind]: (typeof LIVE_EVENTS)[K] extends { replayed: true } ? K : never }[LiveEventKind];

export const LIVE_EVENT_KINDS = Object.keys(LIVE_EVENTS) as LiveEventKind[];
export const CHANGE_KINDS = LIVE_EVENT_KINDS.filter((kind): kind is ChangeKind => LIVE_EVENTS[kind].replayed);

export function isLiveEventKind(name: string): name is LiveEventKind {
  return Object.prototype.hasOwnProperty.call(LIVE_EVENTS, name);
}

/** The subject a change kind names (`story` for `story:new`). */
export function subjectOf(kind: ChangeKind): ChangeSubject {
  return LIVE_EVENTS[kind].subject;
}

/** Socket.io's typed map, derived from the declaration above; used by the gateway and the client. */
export type ServerToClientEvents = { [K in LiveEventKind]: (event: LiveEventPayloads[K]) => void };

export interface ClientToServerEvents {
  subscribe: (filter: SubscribeRequest, ack?: (result: { ok: boolean; error?: string }) => void) => void;
}

export interface SocketAuth {
  since?: number;
  /** A wall or integration token; browsers signed in with the session cookie need none. */
  token?: string;
}
