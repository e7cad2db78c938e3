/**
 * What a format reader (XML through rss-parser, or JSON Feed) hands to normalisation: the fields
 * we use, still raw (markup, unparsed dates), links already absolute http(s) or null.
 */
export interface FeedDraft {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  siteUrl: string | null;
  entries: EntryDraft[];
  /** Entries the reader already had to drop (e.g. non-object items in a JSON Feed, a partial item of a truncated document). */
  droppedEntries: number;
}

export interface EntryDraft {
  id: string | null;
  url: string | null;
  /** Title markup or text; read as HTML. */
  title: string | null;
  /** The short field (RSS description, Atom summary, JSON summary). */
  summary: string | null;
  /** The long field (content:encoded, Atom content, JSON content_html / content_text). */
  content: string | null;
  /** Date strings in order of preference (published before updated). */
  dates: string[];
}

/** Bounds on raw field sizes, applied before any HTML processing. */
export const RAW_TITLE_CAP = 2_000;
export const RAW_SUMMARY_CAP = 100_000;
export const MAX_ID_LENGTH = 512;
