/** A fetched document as the fetcher returns it. */
export interface RawFeedDocument {
  body: Buffer;
  contentType: string | null;
  /** The feed URL after redirects, for resolving relative links. */
  url: string;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  siteUrl: string | null;
  items: NormalisedItem[];
  /** Items dropped: nothing to show (no title, link or text), beyond the per-document cap, or cut off by truncation. */
  skippedItems: number;
}

export interface NormalisedItem {
  /** The item's guid/id (trimmed, at most 512 chars), else 'h:' + sha256(url + '\n' + title) in hex. */
  guidKey: string;
  /** Absolute http(s) link or null. */
  url: string | null;
  canonicalUrl: string | null;
  /** Plain text, at most 500 chars; taken from the summary when the item has no title. */
  title: string;
  /** Plain text, at most 2000 chars. */
  summary: string;
  /** The item's date; `now` when missing or unreadable, and when more than 5 minutes in the future. */
  publishedAt: Date;
  /** True when the date was missing or unreadable. */
  dateMissing: boolean;
}
