import { createHash } from 'node:crypto';
import type { HashedItem, IngestItem, StoredKeys } from '../stories/stories.types';

/** What one poll's items mean against what is stored; pure, so it is tested without a database. */
export interface IngestPlan {
  /** New stories in storing order, each with the other items of this poll that are the same article. */
  created: { item: HashedItem; copies: HashedItem[] }[];
  /** Changes to stored stories, in item order. */
  changes: ({ kind: 'edit'; item: HashedItem; sourceId: number; storyId: number } | { kind: 'copy'; item: HashedItem; storyId: number })[];
}

export function contentHash(item: { title: string; summary: string }): string {
  return createHash('sha256').update(item.title).update('\n').update(item.summary).digest('hex');
}

/**
 * A poll's items once each (the first of a repeated guid wins), oldest first, so that story ids
 * and eventIds follow publication order. Feeds list their newest item first, so items with the
 * same date are taken in reverse document order.
 */
export function inStoringOrder(items: readonly IngestItem[]): IngestItem[] {
  const unique = new Map<string, IngestItem>();
  for (const item of items) if (!unique.has(item.guidKey)) unique.set(item.guidKey, item);
  return [...unique.values()].reverse().sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
}

/**
 * Decides, for items in storing order, what each one is:
 * - a guid this feed brought before: unchanged, or an edit when its title or summary changed;
 * - else a canonical URL already stored: another source of that story (a copy);
 * - else a canonical URL an earlier item of this poll brings: another source of that new story;
 * - else a new story.
 */
export function planIngest(items: readonly IngestItem[], stored: StoredKeys): IngestPlan {
  const plan: IngestPlan = { created: [], changes: [] };
  const createdByCanonicalUrl = new Map<string, IngestPlan['created'][number]>();
  for (const raw of items) {
    const item: HashedItem = { ...raw, contentHash: contentHash(raw) };
    const source = stored.sources.get(item.guidKey);
    if (source) {
      if (source.contentHash !== item.contentHash) plan.changes.push({ kind: 'edit', item, sourceId: source.sourceId, storyId: source.storyId });
      continue;
    }
    const storyId = item.canonicalUrl ? stored.storiesByCanonicalUrl.get(item.canonicalUrl) : undefined;
    if (storyId !== undefined) {
      plan.changes.push({ kind: 'copy', item, storyId });
      continue;
    }
    const twin = item.canonicalUrl ? createdByCanonicalUrl.get(item.canonicalUrl) : undefined;
    if (twin) {
      twin.copies.push(item);
      continue;
    }
    const entry: IngestPlan['created'][number] = { item, copies: [] };
    plan.created.push(entry);
    if (item.canonicalUrl) createdByCanonicalUrl.set(item.canonicalUrl, entry);
  }
  return plan;
}
