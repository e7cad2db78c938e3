import type { SourceTier } from '@sentinel/shared';
import { outletOf } from './outlets';
import { defaultTierOf, SOURCE_TIERS } from './tiers';

/** What a feed's outlet and tier are decided from. */
export interface FeedOutletFields {
  url: string;
  siteUrl: string | null;
  outlet: string | null;
  tier: string | null;
}

/** The outlet a feed's stories count as: the one set on the feed, else the registrable domain of its site (or of the feed). */
export function feedOutlet(feed: FeedOutletFields): string {
  return feed.outlet ?? (outletOf(feed.siteUrl ?? feed.url) || outletOf(feed.url));
}

/** The feed's tier: the one set on it, else the default of its outlet. */
export function feedTier(feed: FeedOutletFields): SourceTier {
  return feed.tier && (SOURCE_TIERS as readonly string[]).includes(feed.tier) ? (feed.tier as SourceTier) : defaultTierOf(feedOutlet(feed));
}
