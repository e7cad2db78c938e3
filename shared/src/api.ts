/** HTTP API payloads, shared by the server (which produces them) and the client. Times are ISO 8601 strings. */
import type { Place, TagEvidence } from './taxonomy';
import type { SourceTier } from './clusters';

export type FeedStatus = 'pending' | 'ok' | 'stale' | 'error';

export interface Feed {
  id: number;
  url: string;
  title: string;
  siteUrl: string | null;
  group: string | null;
  enabled: boolean;
  /** A fixed polling interval chosen by a person; null when the scheduler adapts it. */
  intervalSec: number | null;
  /** The interval the scheduler currently uses. */
  effectiveIntervalSec: number;
  status: FeedStatus;
  /** What went wrong on the last poll, in words; null when it succeeded. */
  lastError: string | null;
  failingSince: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string;
  consecutiveFailures: number;
  storyCount: number;
  /** Average stories a day over the last seven days. */
  storiesPerDay: number;
  /** The address the feed had before a permanent redirect moved it. */
  movedFrom: string | null;
  /** The outlet its stories count as for corroboration: the registrable domain of its site unless set. */
  outlet: string;
  /** What kind of source it is: a default for its outlet unless set. */
  tier: SourceTier;
}

export interface CreateFeedRequest {
  url: string;
  title?: string;
  group?: string;
  intervalSec?: number;
}

export type UpdateFeedRequest = Partial<Pick<Feed, 'title' | 'group' | 'enabled' | 'intervalSec'>> & {
  /** null goes back to the outlet derived from the feed's site. */
  outlet?: string | null;
  /** null goes back to the default tier of the outlet. */
  tier?: SourceTier | null;
};

export interface FeedPollResult {
  status: 'ok' | 'not-modified' | 'error';
  newStories: number;
  updatedStories: number;
  error?: string;
}

export interface StorySource {
  feedId: number | null;
  feedTitle: string;
  url: string | null;
}

export interface Story {
  id: number;
  title: string;
  url: string | null;
  summary: string;
  publishedAt: string;
  firstSeenAt: string;
  updatedAt: string;
  feedId: number | null;
  feedTitle: string;
  sources: StorySource[];
  /** ISO 3166-1 alpha-2 codes of the countries where the events happen. */
  regions: string[];
  /** Topic ids of the taxonomy. */
  topics: string[];
  /** Named places found in the story, for the map. */
  places: Place[];
  /** The evidence for every region and topic: what matched and which rule or gazetteer entry fired. */
  why: TagEvidence[];
  /** The event (cluster) the story belongs to; null until it has been clustered. */
  clusterId: number | null;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface OpmlImportResult {
  added: number;
  duplicates: number;
  invalid: { url: string; reason: string }[];
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: 'ok' | 'unreachable';
  feeds: { total: number; ok: number; stale: number; error: number; pending: number };
}

/** Every error response has this shape; `message` says what to fix. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** Set on 409 for a duplicate feed: the feed that already has this URL. */
  existingId?: number;
}

export const STORY_PAGE_MAX = 200;
export const STORY_PAGE_DEFAULT = 50;

export interface TaggingRules {
  text: string;
  /** `default` until an operator saves rules of their own. */
  source: 'default' | 'custom';
  updatedAt: string | null;
}

export interface RetagJob {
  /**
   * 'cancelled': the server stopped between two batches while shutting down; `processed` says how
   * far it got, and the next start resumes from there.
   */
  state: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  since: string | null;
  total: number;
  processed: number;
  changed: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}
