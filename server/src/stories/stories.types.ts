import type { StoryFilter, StoryTags } from '@sentinel/shared';

/** One item of a feed, normalised and ready to store (the parser's output). */
export interface IngestItem {
  guidKey: string;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  summary: string;
  publishedAt: Date;
}

/** An item with the hash of its title and summary, which tells a later edit of it apart. */
export interface HashedItem extends IngestItem {
  contentHash: string;
}

/** What is stored already under a poll's keys (see StoriesRepository.storedKeys). */
export interface StoredKeys {
  /** This feed's sources by guid key. */
  sources: Map<string, { sourceId: number; storyId: number; contentHash: string }>;
  /** Story ids by canonical URL, looked up for the items whose guid is not known. */
  storiesByCanonicalUrl: Map<string, number>;
}

/** A change to a stored story: an edited copy of one of this feed's items, or another outlet's copy. */
export type StoryChange =
  | { kind: 'edit'; item: HashedItem; tags: StoryTags; sourceId: number; storyId: number }
  | { kind: 'copy'; item: HashedItem; storyId: number };

/**
 * One poll's decided changes, tagged, as StoriesRepository.store writes them in one transaction.
 * Ingest decides; stories only writes.
 */
export interface IngestWrite {
  feed: { id: number; title: string };
  now: number;
  /** New stories, in storing order; `copies` are the same article from this poll under other guids. */
  created: { item: HashedItem; tags: StoryTags; copies: HashedItem[] }[];
  /** Changes to stored stories, in item order. */
  changes: StoryChange[];
}

export interface IngestOutcome {
  createdIds: number[];
  updatedIds: number[];
  /** The change-log id (eventId) of each created or updated story, written in the same transaction. */
  eventIds: Map<number, number>;
}

/** Another writer stored one of these keys between the look-up and the write: look up again and decide again. */
export class StoryKeyConflictError extends Error {
  constructor(cause: unknown) {
    super('a story or source with the same key was stored meanwhile', { cause });
    this.name = 'StoryKeyConflictError';
  }
}

export type TagStory = (story: { title: string; summary: string }) => StoryTags;

/** One page of stories: the shared filter (turned into SQL by StoriesRepository.findPage), newest first. */
export interface StoryPageQuery {
  filter: StoryFilter;
  limit: number;
  /** Keyset position: only stories strictly older than this. */
  before?: { publishedAt: number; id: number };
}

/** One re-tagged batch: where it ended, how many stories it went through, and the eventId of each story whose tags changed. */
export interface RetagBatch {
  lastId: number;
  processed: number;
  eventIds: Map<number, number>;
}
