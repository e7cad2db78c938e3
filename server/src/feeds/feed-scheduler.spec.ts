import { Logger } from '@nestjs/common';
import type { FeedPollResult } from '@sentinel/shared';
import { loadConfig } from '../config/config';
import type { FeedEntity } from '../database/entities';
import type { IngestService } from '../ingest/ingest.service';
import { FeedPoller } from './feed-poller';
import { FeedScheduler, HostBusyError } from './feed-scheduler';
import type { FeedViews } from './feed-views';
import type { FeedsRepository } from './feeds.repository';
import { OutboundError } from '../outbound';
import type { FeedFetcher } from './feed-fetcher';

function feed(id: number, url: string): FeedEntity {
  return {
    id, url, title: `Feed ${id}`, titleFromUser: false, siteUrl: null, group: null, enabled: true, intervalSec: null, status: 'ok', lastError: null,
    lastPolledAt: null, lastSuccessAt: null, latestItemAt: null, nextPollAt: 0, failingSince: null, consecutiveFailures: 0, publishIntervalSec: null,
    etag: null, lastModified: null, movedFrom: null, createdAt: 0, outlet: null, tier: null,
  };
}

// The failures these tests cause are logged on purpose; keep the test output quiet.
beforeAll(() => Logger.overrideLogger(false));

const databaseGone = () => Promise.reject(new Error('SQLITE_MISUSE: database connection is not open'));

describe('FeedPoller', () => {
  it('resolves with the feed error when the database cannot record the failure either', async () => {
    const fetcher = { fetch: () => Promise.reject(new OutboundError('http-status', 'the server answered 500', { status: 500 })) } as unknown as FeedFetcher;
    const feeds = { update: databaseGone, updateHealth: databaseGone } as unknown as FeedsRepository;
    const poller = new FeedPoller(fetcher, feeds, {} as IngestService, { minIntervalSec: 60, maxIntervalSec: 600 }, () => undefined);
    await expect(poller.poll(feed(1, 'https://a.example/rss'))).resolves.toEqual({ status: 'error', newStories: 0, updatedStories: 0, error: 'the server answered 500' });
  });
});

describe('FeedScheduler.pollNow', () => {
  const config = loadConfig({ POLLING_ENABLED: 'false', POLL_PER_HOST: '2', FETCH_TIMEOUT_SEC: '30', DEFAULT_FEEDS: 'none' });

  function scheduler(entities: FeedEntity[]) {
    const releases: (() => void)[] = [];
    // Every fetch hangs until released, so that polls stay running while the test looks.
    const fetcher = { fetch: () => new Promise((_, reject) => releases.push(() => reject(new OutboundError('timeout', 'timed out')))) } as unknown as FeedFetcher;
    const feeds = { byId: (id: number) => Promise.resolve(entities.find((f) => f.id === id) ?? null), update: () => Promise.resolve(), updateHealth: () => Promise.resolve(1) } as unknown as FeedsRepository;
    const views = { announceHealth: () => Promise.resolve() } as unknown as FeedViews;
    return { scheduler: new FeedScheduler(feeds, {} as IngestService, views, fetcher, config), releaseAll: () => releases.splice(0).forEach((release) => release()) };
  }

  it('refuses a manual poll when the host already has its limit of polls running, and says when to retry', async () => {
    const [a, b, c, other] = [feed(1, 'https://busy.example/a'), feed(2, 'https://busy.example/b'), feed(3, 'https://BUSY.example/c'), feed(4, 'https://calm.example/d')];
    const { scheduler: s, releaseAll } = scheduler([a, b, c, other]);
    const running: Promise<FeedPollResult>[] = [s.pollNow(a), s.pollNow(b)];
    await new Promise((resolve) => setImmediate(resolve));
    const refused = s.pollNow(c);
    await expect(refused).rejects.toBeInstanceOf(HostBusyError);
    await expect(refused).rejects.toMatchObject({ host: 'busy.example', limit: 2, retryAfterSec: 30 });
    running.push(s.pollNow(other));
    await new Promise((resolve) => setImmediate(resolve));
    releaseAll();
    expect((await Promise.all(running)).map((r) => r.status)).toEqual(['error', 'error', 'error']);
    // The slots are free again.
    const again = s.pollNow(c);
    await new Promise((resolve) => setImmediate(resolve));
    releaseAll();
    await expect(again).resolves.toMatchObject({ status: 'error' });
  });

  it('shares the outcome of a poll of the same feed that is already running', async () => {
    const a = feed(1, 'https://one.example/a');
    const { scheduler: s, releaseAll } = scheduler([a]);
    const first = s.pollNow(a);
    const second = s.pollNow(a);
    await new Promise((resolve) => setImmediate(resolve));
    releaseAll();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    releaseAll();
    await expect(second).resolves.toMatchObject({ status: 'error' });
  });
});
