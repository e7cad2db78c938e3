import { EntryDraft, FeedDraft, MAX_ID_LENGTH, RAW_SUMMARY_CAP, RAW_TITLE_CAP } from './feed-draft';
import { FeedParseError } from './feed-parse-error';
import { resolveHttpUrl } from './item-url';

/**
 * JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1). The document is hostile until checked:
 * every field is read only when it has the type the spec gives it, and strings are cut to size
 * before anything else looks at them.
 */
export function parseJsonFeed(text: string, documentUrl: string | null): FeedDraft {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FeedParseError('invalid-json', `invalid JSON: ${reason.slice(0, 200)}`, { cause: error });
  }
  if (!isRecord(document)) throw new FeedParseError('not-a-feed', 'not a feed: the server returned JSON that is not a JSON Feed');
  const version = ownString(document, 'version');
  const items = document.items;
  if (!(version !== null && /^https?:\/\/jsonfeed\.org\/version\//.test(version)) && !Array.isArray(items)) {
    throw new FeedParseError('not-a-feed', 'not a feed: the server returned JSON that is not a JSON Feed');
  }
  const homePage = ownString(document, 'home_page_url');
  const entries: EntryDraft[] = [];
  let droppedEntries = 0;
  for (const item of Array.isArray(items) ? items : []) {
    if (!isRecord(item)) {
      droppedEntries++;
      continue;
    }
    entries.push(readItem(item, documentUrl));
  }
  return {
    format: 'json',
    title: cap(ownString(document, 'title'), RAW_TITLE_CAP),
    siteUrl: homePage === null ? null : resolveHttpUrl(homePage, documentUrl),
    entries,
    droppedEntries,
  };
}

function readItem(item: Record<string, unknown>, documentUrl: string | null): EntryDraft {
  const rawId = item.id;
  const id = typeof rawId === 'string' ? rawId : typeof rawId === 'number' && Number.isFinite(rawId) ? String(rawId) : null;
  const url = ownString(item, 'url');
  const externalUrl = ownString(item, 'external_url');
  return {
    id: cap(id, MAX_ID_LENGTH * 2),
    url: (url === null ? null : resolveHttpUrl(url, documentUrl)) ?? (externalUrl === null ? null : resolveHttpUrl(externalUrl, documentUrl)),
    title: cap(ownString(item, 'title'), RAW_TITLE_CAP),
    summary: cap(ownString(item, 'summary'), RAW_SUMMARY_CAP),
    content: cap(ownString(item, 'content_text') ?? ownString(item, 'content_html'), RAW_SUMMARY_CAP),
    dates: [ownString(item, 'date_published'), ownString(item, 'date_modified')]
      .filter((value): value is string => value !== null)
      .map((value) => value.slice(0, 256)),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function ownString(record: Record<string, unknown>, key: string): string | null {
  if (!Object.prototype.hasOwnProperty.call(record, key)) return null;
  const value = record[key];
  return typeof value === 'string' && value.trim().length > 0 ? value : null;
}

function cap(value: string | null, length: number): string | null {
  return value === null ? null : value.slice(0, length);
}
