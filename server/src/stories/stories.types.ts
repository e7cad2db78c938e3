import type { StoryTags } from '@sentinel/shared';

/** One item of a feed, normalised and ready to store (the parser's output). */
export interface IngestItem {
  guidKey: string;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  summary: string;
  publishedAt: Date;
}

export interface IngestOutcome {
  createdIds: number[];
  updatedIds: number[];
  /** The change-log id (eventId) of each created or updated story, written in the same transaction. */
  eventIds: Map<number, number>;
}

export type TagStory = (story: { title: string; summary: string }) => StoryTags;

export interface StoryFilter {
  feedId?: number;
  /** ISO country codes, already expanded from macro-regions; any of them matches. */
  regions?: string[];
  topics?: string[];
  /** Search words; every one must occur (title or summary). */
  words?: string[];
  since?: number;
  until?: number;
  limit: number;
  /** Keyset position: only stories strictly older than this. */
  before?: { publishedAt: number; id: number };
}
