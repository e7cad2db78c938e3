import { createHash } from 'node:crypto';
import { canonicalUrl } from '../../stories/canonical-url';
import { FeedDraft, MAX_ID_LENGTH, RAW_SUMMARY_CAP, RAW_TITLE_CAP } from './feed-draft';
import { parseFeedDate } from './feed-date';
import { plainTextFromHtml, removeControlCharacters, titleFromSummary } from './plain-text';
import type { NormalisedItem, ParsedFeed } from './types';

/** Items read from one document; the rest are counted in `skippedItems`. */
export const MAX_ITEMS_PER_DOCUMENT = 1000;
export const MAX_TITLE_LENGTH = 500;
export const MAX_SUMMARY_LENGTH = 2000;
/** Clocks differ and feeds publish ahead of time; beyond this a date is clamped to now. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export function normaliseFeed(draft: FeedDraft, now: Date): ParsedFeed {
  const items: NormalisedItem[] = [];
  let skippedItems = draft.droppedEntries + Math.max(0, draft.entries.length - MAX_ITEMS_PER_DOCUMENT);
  for (const entry of draft.entries.slice(0, MAX_ITEMS_PER_DOCUMENT)) {
    let title = entry.title === null ? '' : plainTextFromHtml(entry.title, RAW_TITLE_CAP, MAX_TITLE_LENGTH);
    // The short field is what a reader scans; the long one only when there is no short one.
    let summary = entry.summary === null ? '' : plainTextFromHtml(entry.summary, RAW_SUMMARY_CAP, MAX_SUMMARY_LENGTH);
    if (summary === '' && entry.content !== null) summary = plainTextFromHtml(entry.content, RAW_SUMMARY_CAP, MAX_SUMMARY_LENGTH);
    if (title === '' && entry.url === null && summary === '') {
      skippedItems++;
      continue;
    }
    // Untitled items (microblogs, JSON Feed) still need something to show on the wall.
    if (title === '') title = titleFromSummary(summary);
    const id = entry.id === null ? '' : removeControlCharacters(entry.id).trim().slice(0, MAX_ID_LENGTH).trim();
    const guidKey = id !== '' ? id : 'h:' + createHash('sha256').update(`${entry.url ?? ''}\n${title}`).digest('hex');
    const { publishedAt, dateMissing } = pickDate(entry.dates, now);
    items.push({ guidKey, url: entry.url, canonicalUrl: entry.url === null ? null : canonicalUrl(entry.url), title, summary, publishedAt, dateMissing });
  }
  const feedTitle = draft.title === null ? '' : plainTextFromHtml(draft.title, RAW_TITLE_CAP, MAX_TITLE_LENGTH);
  return { format: draft.format, title: feedTitle === '' ? null : feedTitle, siteUrl: draft.siteUrl, items, skippedItems };
}

function pickDate(candidates: string[], now: Date): { publishedAt: Date; dateMissing: boolean } {
  for (const candidate of candidates) {
    const date = parseFeedDate(candidate);
    if (date === null) continue;
    if (date.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return { publishedAt: new Date(now.getTime()), dateMissing: false };
    return { publishedAt: date, dateMissing: false };
  }
  return { publishedAt: new Date(now.getTime()), dateMissing: true };
}
