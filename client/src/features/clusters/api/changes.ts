import type { Cluster, FigureConflict } from '@sentinel/shared';

/**
 * "Since my last visit": which events are new, which gained sources, which changed figures.
 * What the browser saw of each event last time (`SeenEvent`) is kept in localStorage; for events
 * it never saw, the sources' and figures' first-seen times still tell what arrived since.
 */
export interface SeenEvent {
  outlets: number;
  independent: number;
  /** The figures as they stood, in a comparable form (see figuresKey). */
  figures: string;
}

export type SeenEvents = Record<string, SeenEvent>;

export interface EventChange {
  cluster: Cluster;
  /** What the browser saw last time; null when it never saw this event. */
  before: SeenEvent | null;
  /** Outlets whose first story arrived after the last visit. */
  newOutlets: string[];
}

export interface ChangeGroups {
  newEvents: EventChange[];
  gainedSources: EventChange[];
  changedFigures: EventChange[];
  /** Changed some other way (a new headline, a copy, a merge): shown with updatedAt and counts. */
  otherChanges: EventChange[];
}

/** Conflicting figures, order-free: "killed:12,20|escaped:281". */
export function figuresKey(conflicts: readonly FigureConflict[]): string {
  return conflicts
    .map((conflict) => `${conflict.what}:${conflict.values.map((value) => value.value).sort((a, b) => a - b).join(',')}`)
    .sort()
    .join('|');
}

export function seenEventOf(cluster: Cluster): SeenEvent {
  return { outlets: cluster.sources.outlets, independent: cluster.sources.independent, figures: figuresKey(cluster.conflicts) };
}

const after = (iso: string, since: number) => Date.parse(iso) > since;

export function groupChanges(clusters: readonly Cluster[], lastVisit: string, seen: SeenEvents): ChangeGroups {
  const since = Date.parse(lastVisit);
  const groups: ChangeGroups = { newEvents: [], gainedSources: [], changedFigures: [], otherChanges: [] };
  for (const cluster of clusters) {
    const before = seen[cluster.id] ?? null;
    const arrived = cluster.sources.list.filter((source) => after(source.firstSeenAt, since));
    const newOutlets = [...new Set(arrived.map((source) => source.outlet))];
    const change: EventChange = { cluster, before, newOutlets };
    if (after(cluster.firstSeenAt, since)) {
      groups.newEvents.push(change);
      continue;
    }
    const gained = before ? cluster.sources.outlets > before.outlets : newOutlets.length > 0;
    const newStoryIds = new Set(arrived.map((source) => source.storyId));
    const figuresChanged = before
      ? figuresKey(cluster.conflicts) !== before.figures
      : cluster.conflicts.some((conflict) => conflict.values.some((value) => value.sources.some((id) => newStoryIds.has(id))));
    if (gained) groups.gainedSources.push(change);
    if (figuresChanged) groups.changedFigures.push(change);
    if (!gained && !figuresChanged) groups.otherChanges.push(change);
  }
  return groups;
}

/**
 * Keeps what was just seen of these events, then earlier memories of the newest events (highest
 * ids), within `max` entries so storage stays small.
 */
export function rememberSeen(seen: SeenEvents, clusters: readonly Cluster[], max = 2_000): SeenEvents {
  const next: SeenEvents = {};
  for (const cluster of clusters) next[cluster.id] = seenEventOf(cluster);
  const earlier = Object.entries(seen).sort(([a], [b]) => Number(b) - Number(a));
  for (const [id, event] of earlier) {
    if (Object.keys(next).length >= max) break;
    if (!(id in next)) next[id] = event;
  }
  return next;
}
