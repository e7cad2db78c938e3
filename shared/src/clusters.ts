/**
 * Events (clusters of stories about the same happening): the API shapes of /api/clusters and
 * /api/publisher-families, and of the socket events cluster:new / cluster:updated /
 * cluster:merged (events.ts). Declared once, used by server and client.
 * Times are ISO 8601.
 */
import type { StoryLanguage } from './text/language';

/** How well an event is confirmed, from its independent sources and their tiers. */
export type CorroborationLevel = 'single-source' | 'official-only' | 'corroborated' | 'wire-and-others' | 'widely-reported';

/** What kind of outlet a source is; ships with defaults for the bundled feeds, editable per feed. */
export type SourceTier = 'wire' | 'major' | 'regional' | 'official' | 'partisan' | 'unverified';

export interface ClusterHeadline {
  storyId: number;
  title: string;
  url: string | null;
  feedTitle: string;
}

export interface ClusterSource {
  /** The outlet (registrable domain of the feed's site by default, or the feed's `outlet`). */
  outlet: string;
  feedTitle: string;
  storyId: number;
  firstSeenAt: string;
  /** The story this one is a near-duplicate of (syndicated wire copy), from another outlet; null when independent. */
  copyOf: number | null;
}

/** One figure as one source gave it: "281 inmates" → value 281. */
export interface FigureValue {
  value: number;
  /** The words as the story wrote them. */
  text: string;
  /** Story ids that gave this value. */
  sources: number[];
}

/** A quantity the sources disagree on: killed, wounded, escaped, detained, displaced, transferred. */
export interface FigureConflict {
  what: 'killed' | 'wounded' | 'escaped' | 'detained' | 'displaced' | 'transferred';
  values: FigureValue[];
}

export interface Cluster {
  id: number;
  /**
   * The most representative story. By default English (or another Latin-script story) when there
   * is one; `GET /api/clusters?lang=` (or the request's Accept-Language) makes it the one in that
   * language when the event has one. Socket events carry the default: pick with `headlineIn`.
   */
  headline: ClusterHeadline;
  /** For each language among the event's stories, its most representative story in that language. */
  headlines: Partial<Record<StoryLanguage, ClusterHeadline>>;
  firstSeenAt: string;
  updatedAt: string;
  storyCount: number;
  storyIds: number[];
  sources: {
    /** Distinct outlets (publisher families count once). */
    outlets: number;
    /** Outlets that are not copies of another outlet's story. */
    independent: number;
    list: ClusterSource[];
  };
  corroboration: { level: CorroborationLevel; text: string };
  regions: string[];
  topics: string[];
  places: string[];
  breaking: boolean;
  conflicts: FigureConflict[];
}

/**
 * The headline to show someone who reads `language`: the event's story in that language when it
 * has one, otherwise its default headline (also for no preference, null).
 */
export function headlineIn(cluster: Pick<Cluster, 'headline' | 'headlines'>, language: StoryLanguage | null): ClusterHeadline {
  return (language && cluster.headlines[language]) || cluster.headline;
}

/** `GET /api/clusters/:id`: the event with its stories, oldest first (the timeline). */
export interface ClusterDetail extends Cluster {
  stories: import('./api').Story[];
}

/**
 * `GET /api/publisher-families`: outlets that belong to one publisher and count as one source,
 * e.g. `{outlet: 'bbc.com', family: 'bbc.co.uk'}`. An outlet not listed is its own family.
 */
export interface PublisherFamily {
  outlet: string;
  family: string;
}

/** `PUT /api/publisher-families/:outlet`: the outlet counts as `family` from now on. */
export interface SetPublisherFamilyRequest {
  family: string;
}
