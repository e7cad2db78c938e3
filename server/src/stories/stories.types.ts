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
}

export interface StoryFilter {
  feedId?: number;
  /** Search words; every one must occur (title or summary). */
  words?: string[];
  since?: number;
  until?: number;
  limit: number;
  /** Keyset position: only stories strictly older than this. */
  before?: { publishedAt: number; id: number };
}
