import type { Feed } from '@sentinel/shared';
import type { FeedEntity } from '../database/entities';
import { feedOutlet, feedTier } from '../clusters/feed-outlet';
import { failureIntervalSec, healthyIntervalSec, ScheduleLimits } from './schedule';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toFeedDto(feed: FeedEntity, stories: { total: number; perDay: number }, limits: ScheduleLimits): Feed {
  return {
    id: feed.id,
    url: feed.url,
    title: feed.title,
    siteUrl: feed.siteUrl,
    group: feed.group,
    enabled: feed.enabled,
    intervalSec: feed.intervalSec,
    effectiveIntervalSec:
      feed.consecutiveFailures > 0 ? failureIntervalSec(feed.consecutiveFailures, limits) : healthyIntervalSec(feed, limits),
    status: feed.status,
    lastError: feed.lastError,
    failingSince: iso(feed.failingSince),
    lastPolledAt: iso(feed.lastPolledAt),
    lastSuccessAt: iso(feed.lastSuccessAt),
    nextPollAt: new Date(feed.nextPollAt).toISOString(),
    consecutiveFailures: feed.consecutiveFailures,
    storyCount: stories.total,
    storiesPerDay: stories.perDay,
    movedFrom: feed.movedFrom,
    outlet: feedOutlet(feed),
    tier: feedTier(feed),
  };
}
