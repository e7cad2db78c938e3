import type { Story } from '@sentinel/shared';

/** What one socket wants to receive; an empty set means "everything". */
export interface Subscription {
  regions: ReadonlySet<string>;
  topics: ReadonlySet<string>;
  words: readonly string[];
}

export const EVERYTHING: Subscription = { regions: new Set(), topics: new Set(), words: [] };

const MAX_VALUES = 100;
const MAX_Q = 200;

/** Lower-case letters and digits, accents removed: how `q` and story text are compared. */
export function searchTokens(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * Checks a client's `subscribe` payload. Regions may be ISO codes or macro-region ids
 * (expanded through `resolveRegion`); unknown ones are an error the client sees.
 */
export function parseSubscription(
  input: unknown,
  resolveRegion: (id: string) => string[] | null,
  isTopic: (id: string) => boolean,
): { ok: true; subscription: Subscription } | { ok: false; error: string } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, error: 'subscribe expects an object {regions?, topics?, q?}' };
  }
  const request = input as Record<string, unknown>;
  const unknownKeys = Object.keys(request).filter((k) => !['regions', 'topics', 'q'].includes(k));
  if (unknownKeys.length) return { ok: false, error: `subscribe: unknown field ${unknownKeys[0]}; fields are regions, topics, q` };
  const list = (name: 'regions' | 'topics'): string[] | string => {
    const value = request[name];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.length > MAX_VALUES || !value.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 64)) {
      return `subscribe: ${name} must be a list of at most ${MAX_VALUES} ids`;
    }
    return value as string[];
  };
  const regionIds = list('regions');
  if (typeof regionIds === 'string') return { ok: false, error: regionIds };
  const topicIds = list('topics');
  if (typeof topicIds === 'string') return { ok: false, error: topicIds };
  const regions = new Set<string>();
  for (const id of regionIds) {
    const countries = resolveRegion(id);
    if (!countries) return { ok: false, error: `subscribe: unknown region ${JSON.stringify(id)}; use an ISO country code or a macro-region id` };
    for (const country of countries) regions.add(country);
  }
  for (const id of topicIds) if (!isTopic(id)) return { ok: false, error: `subscribe: unknown topic ${JSON.stringify(id)}` };
  const q = request.q;
  if (q !== undefined && (typeof q !== 'string' || q.length > MAX_Q)) return { ok: false, error: `subscribe: q must be text of at most ${MAX_Q} characters` };
  return { ok: true, subscription: { regions, topics: new Set(topicIds), words: q ? searchTokens(q as string) : [] } };
}

export function subscriptionMatches(subscription: Subscription, story: Pick<Story, 'regions' | 'topics' | 'title' | 'summary'>): boolean {
  if (subscription.regions.size && !story.regions.some((r) => subscription.regions.has(r))) return false;
  if (subscription.topics.size && !story.topics.some((t) => subscription.topics.has(t))) return false;
  if (subscription.words.length) {
    const tokens = new Set(searchTokens(`${story.title} ${story.summary}`));
    if (!subscription.words.every((w) => tokens.has(w))) return false;
  }
  return true;
}
