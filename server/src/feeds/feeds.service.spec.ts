import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { openDatabase } from '../database/data-source';
import { Database } from '../database/database';
import { FeedEntity } from '../database/entities';
import { DomainEvents } from '../events/domain-events';
import { OutboundError } from '../outbound';
import { StoriesRepository } from '../stories/stories.repository';
import { StoriesService } from '../stories/stories.service';
import type { TaggingService } from '../tagging/tagging.service';
import type { FeedFetcher, FetchResult } from './feed-fetcher';
import { FeedGroups } from './feed-groups';
import type { FeedScheduler } from './feed-scheduler';
import { FeedViews } from './feed-views';
import { FeedsRepository } from './feeds.repository';
import { FeedsService } from './feeds.service';

const config = {
  polling: { minIntervalSec: 60, maxIntervalSec: 3600, workers: 1, perHost: 1, shutdownGraceMs: 0, enabled: false },
  defaultFeeds: 'none',
} as unknown as AppConfig;

const rss = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://news.example/</link></channel></rss>`;
const page = (feedHref?: string) => `<!doctype html><html><head><title>News</title>${feedHref ? `<link rel="alternate" type="application/rss+xml" href="${feedHref}">` : ''}</head><body>News</body></html>`;

/** FeedsService over an in-memory SQLite database, with a stand-in for the one fetch a subscription makes. */
describe('FeedsService', () => {
  let dataSource: DataSource;
  let stories: StoriesRepository;
  let service: FeedsService;
  let documents: Map<string, { body: string; type: string } | Error>;
  let nudges: number;

  const fetcher = {
    fetch: async ({ url }: { url: string }): Promise<FetchResult> => {
      const document = documents.get(url);
      if (!document) throw new OutboundError('http-status', `HTTP 404 from ${url}`);
      if (document instanceof Error) throw document;
      return { kind: 'ok', url, permanentRedirectTo: null, status: 200, contentType: document.type, body: Buffer.from(document.body), etag: null, lastModified: null };
    },
  };

  /** One story brought by `feed`, first seen `ageMs` ago. */
  const story = (guid: string, feed: { id: number; title: string }, ageMs = 0) =>
    stories.store({
      feed,
      now: Date.now() - ageMs,
      created: [{ item: { guidKey: guid, url: null, canonicalUrl: null, title: guid, summary: '', publishedAt: new Date(), contentHash: guid }, tags: { regions: [], topics: [], places: [], why: [] }, copies: [] }],
      changes: [],
    });

  beforeEach(async () => {
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    const db = new Database(dataSource);
    const feeds = new FeedsRepository(db);
    stories = new StoriesRepository(db);
    const views = new FeedViews(feeds, new StoriesService(stories, new DomainEvents(), {} as TaggingService), new DomainEvents(), config);
    nudges = 0;
    const scheduler = { nudge: () => void nudges++ } as unknown as FeedScheduler;
    service = new FeedsService(feeds, views, scheduler, new FeedGroups(feeds, new DomainEvents()), fetcher as unknown as FeedFetcher, config);
    documents = new Map();
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  describe('subscribing', () => {
    it("takes a feed's title from the document and has the scheduler poll it at once", async () => {
      documents.set('https://news.example/rss', { body: rss('Example Wire'), type: 'application/rss+xml' });
      const feed = await service.create({ url: ' https://news.example/rss#top ' });
      expect(feed).toMatchObject({ url: 'https://news.example/rss', title: 'Example Wire', status: 'pending', storyCount: 0 });
      expect(nudges).toBe(1);
    });

    it('subscribes the feed a page advertises, not the page', async () => {
      documents.set('https://news.example/', { body: page('/feed.xml'), type: 'text/html' });
      documents.set('https://news.example/feed.xml', { body: rss('Advertised'), type: 'application/rss+xml' });
      expect(await service.create({ url: 'https://news.example/' })).toMatchObject({ url: 'https://news.example/feed.xml', title: 'Advertised', siteUrl: 'https://news.example/' });
    });

    it('refuses a page that advertises no feed', async () => {
      documents.set('https://news.example/', { body: page(), type: 'text/html' });
      await expect(service.create({ url: 'https://news.example/' })).rejects.toThrow(/advertises no feed/);
      expect(await service.list()).toEqual([]);
    });

    it('adds an address that cannot be reached right now, named after its host', async () => {
      documents.set('https://down.example/rss', new OutboundError('connect', 'could not connect to down.example'));
      expect(await service.create({ url: 'https://down.example/rss' })).toMatchObject({ title: 'down.example', status: 'pending' });
    });

    it('refuses an address already subscribed, naming the feed that has it', async () => {
      documents.set('https://news.example/rss', { body: rss('Example Wire'), type: 'application/rss+xml' });
      const first = await service.create({ url: 'https://news.example/rss' });
      await expect(service.create({ url: 'https://news.example/rss' })).rejects.toThrow(`already subscribed: feed ${first.id} has this URL`);
    });
  });

  it("counts a feed's own stories, in all and per day over the last week", async () => {
    const a = await dataSource.getRepository(FeedEntity).save({ url: 'https://a.example/rss', title: 'A', nextPollAt: 0, createdAt: 0 });
    const b = await dataSource.getRepository(FeedEntity).save({ url: 'https://b.example/rss', title: 'B', nextPollAt: 0, createdAt: 0 });
    for (let i = 0; i < 14; i++) await story(`a${i}`, a, i < 7 ? 0 : 30 * 86_400_000);
    await story('b0', b);
    const counting = jest.spyOn(stories, 'countByFeed');
    expect(await service.get(a.id)).toMatchObject({ storyCount: 14, storiesPerDay: 1 });
    // Only the feed shown is counted, however many others there are.
    expect(counting).toHaveBeenCalledWith([a.id], expect.any(Number));
    expect((await service.list()).map((f) => [f.id, f.storyCount])).toEqual([
      [a.id, 14],
      [b.id, 1],
    ]);
    expect((await service.byIds([b.id, 999])).map((f) => [f.id, f.storyCount])).toEqual([[b.id, 1]]);
  });

  it('imports the new feeds of an OPML file in one go, counting duplicates and refusing unusable addresses', async () => {
    documents.set('https://news.example/rss', { body: rss('Example Wire'), type: 'application/rss+xml' });
    await service.create({ url: 'https://news.example/rss' });
    const opml = `<?xml version="1.0"?><opml version="2.0"><body>
      <outline text="Known" xmlUrl="https://news.example/rss"/>
      <outline text="New" xmlUrl="https://new.example/rss"/>
      <outline text="New again" xmlUrl="https://new.example/rss#again"/>
      <outline text="Bad" xmlUrl="ftp://files.example/rss"/>
    </body></opml>`;
    const result = await service.importOpml(opml);
    expect(result).toMatchObject({ added: 1, duplicates: 2 });
    expect(result.invalid.map((i) => i.url)).toEqual(['ftp://files.example/rss']);
    expect((await service.list()).map((f) => f.title)).toEqual(['Example Wire', 'New']);
  });

  it('polls sooner when a shorter interval is set on a healthy feed', async () => {
    const feed = await dataSource.getRepository(FeedEntity).save({ url: 'https://a.example/rss', title: 'A', nextPollAt: Date.now() + 3600_000, lastPolledAt: Date.now(), createdAt: 0 });
    const updated = await service.update(feed.id, { intervalSec: 60 });
    expect(Date.parse(updated.nextPollAt)).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(updated.intervalSec).toBe(60);
  });

  it('says a feed that does not exist does not exist', async () => {
    await expect(service.get(404)).rejects.toThrow('feed 404 does not exist');
    await expect(service.remove(404)).rejects.toThrow('feed 404 does not exist');
  });
});
