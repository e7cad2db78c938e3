import type { DataSource } from 'typeorm';
import { openDatabase } from '../database/data-source';
import { Database } from '../database/database';
import { FeedEntity } from '../database/entities';
import { DomainEvents } from '../events/domain-events';
import type { TaggingService } from '../tagging/tagging.service';
import { StoriesRepository } from './stories.repository';
import { StoriesService } from './stories.service';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 1, 1);
const NO_TAGS = { regions: [], topics: [], places: [], why: [] };

/** The stories the alert backtest walks: chosen and ordered by first-seen time, as live matching meets them. */
describe('StoriesService.firstSeenSince', () => {
  let dataSource: DataSource;
  let repository: StoriesRepository;
  let service: StoriesService;
  let feed: { id: number; title: string };

  /** Stores one story, published at `published` and first seen at `seen`. */
  const stored = async (guid: string, published: number, seen: number) => {
    const item = { guidKey: guid, url: null, canonicalUrl: null, title: guid, summary: '', publishedAt: new Date(published), contentHash: guid };
    return (await repository.store({ feed, now: seen, created: [{ item, tags: NO_TAGS, copies: [] }], changes: [] })).createdIds[0];
  };

  beforeEach(async () => {
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    repository = new StoriesRepository(new Database(dataSource));
    service = new StoriesService(repository, new DomainEvents(), {} as TaggingService);
    feed = await dataSource.getRepository(FeedEntity).save({ url: 'https://news.example/rss', title: 'Wire', nextPollAt: 0, createdAt: 0 });
  });

  afterEach(async () => {
    await dataSource.destroy();
  });

  it('takes an old article first seen inside the window, and leaves out one seen before it whatever its date', async () => {
    await stored('published-last-month-seen-today', NOW - 30 * DAY, NOW);
    await stored('dated-today-seen-last-week', NOW, NOW - 7 * DAY);
    expect((await service.firstSeenSince(NOW - DAY, 100)).map((s) => s.title)).toEqual(['published-last-month-seen-today']);
  });

  it('returns them oldest first by first-seen time, across pages, keeping the newest when there are more than the limit', async () => {
    // Ids and publication dates run the other way from first-seen times.
    for (let i = 0; i < 450; i++) await stored(`s${i}`, NOW + i * 1000, NOW - i * 1000);
    const walked = await service.firstSeenSince(NOW - DAY, 420);
    expect(walked).toHaveLength(420);
    const seen = walked.map((s) => Date.parse(s.firstSeenAt));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(walked[walked.length - 1].title).toBe('s0');
    expect(walked[0].title).toBe('s419');
  });

  it('orders stories first seen in the same poll by id, as the alert engine walks them', async () => {
    const first = await stored('first', NOW, NOW);
    const second = await stored('second', NOW - DAY, NOW);
    expect((await service.firstSeenSince(NOW - DAY, 10)).map((s) => s.id)).toEqual([first, second]);
  });
});
