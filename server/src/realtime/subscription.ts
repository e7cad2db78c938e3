import { isEmptyStoryFilter, type FilterableStory, parseStoryFilter, type StoryFilter, type StoryFilterTaxonomy, storyMatchesFilter, type StoryMatchContext } from '@sentinel/shared';

/**
 * What one socket wants to receive: a story filter (shared/src/story-filter.ts, the same one the
 * stories list reads) and what matching it needs. An empty filter means "everything".
 */
export interface Subscription {
  readonly filter: StoryFilter;
  readonly context: StoryMatchContext;
}

const NO_CONTEXT: StoryMatchContext = { resolveRegion: () => null, groupOf: () => undefined };

export const EVERYTHING: Subscription = { filter: {}, context: NO_CONTEXT };

/** What a subscription is checked and matched against: the taxonomy and the feeds' groups. */
export type SubscriptionContext = StoryFilterTaxonomy & StoryMatchContext;

/**
 * Checks a client's `subscribe` payload with the shared story-filter parser: regions may be ISO
 * codes or macro-region ids, unknown regions and topics are an error the client sees.
 */
export function parseSubscription(input: unknown, context: SubscriptionContext): { ok: true; subscription: Subscription } | { ok: false; error: string } {
  const parsed = parseStoryFilter(input, { taxonomy: context });
  if (!parsed.ok) return { ok: false, error: `subscribe: ${parsed.error}` };
  return { ok: true, subscription: { filter: parsed.filter, context } };
}

export function subscriptionMatches(subscription: Subscription, story: FilterableStory): boolean {
  return storyMatchesFilter(subscription.filter, story, subscription.context);
}

export function isEverything(subscription: Subscription): boolean {
  return isEmptyStoryFilter(subscription.filter);
}
