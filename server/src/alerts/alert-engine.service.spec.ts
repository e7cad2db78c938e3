import { Logger } from '@nestjs/common';
import { parseAlertQuery } from '@sentinel/shared';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../database/data-source';
import { Database } from '../database/database';
import { FeedEntity } from '../database/entities';
import { DomainEvents } from '../events/domain-events';
import { StoriesRepository } from '../stories/stories.repository';
import type { StoriesService } from '../stories/stories.service';
import { AlertEngine } from './alert-engine.service';
import type { AlertQueryParser } from './alert-query';
import { AlertViews } from './alert-views';
import { AlertsRepository } from './alerts.repository';
import type { DeliveryService } from './delivery/delivery.service';

/** The alert engine over a real (in-memory SQLite) database that the tests break. */
describe('AlertEngine when the database fails', () => {
  let dataSource: DataSource;
  let repository: AlertsRepository;
  let storiesRepository: StoriesRepository;
  let engine: AlertEngine;
  let events: DomainEvents;
  let feed: { id: number; title: string };
  const errors: string[] = [];
  const delivery = { kick: jest.fn() };

  const ingest = (n: number, title: string) =>
    storiesRepository.store({
      feed,
      now: Date.now(),
      created: [{ item: { guidKey: `g${n}`, url: `https://news.example/${n}`, canonicalUrl: `https://news.example/${n}`, title, summary: '', publishedAt: new Date(), contentHash: `h${n}` }, tags: { regions: [], topics: [], places: [], why: [] }, copies: [] }],
      changes: [],
    });

  beforeEach(async () => {
    errors.length = 0;
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void errors.push(String(message)));
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    const db = new Database(dataSource);
    repository = new AlertsRepository(db);
    storiesRepository = new StoriesRepository(db);
    const stories = storiesRepository as unknown as StoriesService;
    feed = await dataSource.getRepository(FeedEntity).save({ url: 'https://news.example/feed.xml', title: 'Wire', nextPollAt: 0, createdAt: 0 });
    const now = Date.now();
    await repository.insertRule({ ownerId: null, name: 'Prison breaks', query: 'escape*', mode: 'each', severity: 'critical', channels: '[]', cooldownSec: 0, threshold: 1, windowSec: 3600, enabled: true, muted: false, snoozedUntil: null, lastFiredAt: null, lastAlertId: null, createdAt: now, updatedAt: now });
    const parser = { parse: (text: string) => parseAlertQuery(text) } as unknown as AlertQueryParser;
    events = new DomainEvents();
    engine = new AlertEngine(repository, stories, parser, new AlertViews(repository, stories), events, delivery as unknown as DeliveryService);
    await engine.onApplicationBootstrap();
  });

  afterEach(async () => {
    await engine.beforeApplicationShutdown();
    engine.onApplicationShutdown();
    if (dataSource.isInitialized) await dataSource.destroy();
    jest.restoreAllMocks();
  });

  // Jest fails a test on any unhandled rejection during it, so passing also means none happened.
  it('fires normally while the database works', async () => {
    const fired: number[] = [];
    events.on('alert:fired', ({ alert }) => fired.push(alert.id));
    await ingest(1, 'Inmates escape prison');
    await engine.kick();
    expect(fired).toHaveLength(1);
    expect(delivery.kick).toHaveBeenCalled();
  });

  it('logs and carries on when the database is closed under it', async () => {
    await ingest(1, 'Inmates escape prison');
    await dataSource.destroy();
    await expect(engine.kick()).resolves.toBeUndefined();
    events.emit('story:new', { eventId: 1, story: {} as never });
    await engine.kick();
    expect(errors.filter((e) => /evaluation failed, trying again/.test(e)).length).toBeGreaterThanOrEqual(2);
  });

  it('survives a write that rejects with something that is not an Error', async () => {
    await ingest(1, 'Inmates escape prison');
    jest.spyOn(repository, 'recordMatch').mockRejectedValue(undefined);
    await expect(engine.kick()).resolves.toBeUndefined();
    expect(errors.some((e) => /evaluation failed.*undefined/.test(e))).toBe(true);
  });

  it('lets shutdown wait for the story being evaluated, while the database is still open', async () => {
    await ingest(1, 'Inmates escape prison');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const recordMatch = repository.recordMatch.bind(repository);
    const matching = jest.spyOn(repository, 'recordMatch').mockImplementation(async (...args) => {
      await gate;
      return recordMatch(...args);
    });
    void engine.kick();
    for (let i = 0; i < 100 && matching.mock.calls.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(matching).toHaveBeenCalled();
    let stopped = false;
    const shutdown = engine.beforeApplicationShutdown().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await shutdown;
    // The match in flight was stored before shutdown went on to close the database.
    expect(await repository.alertPage({ limit: 10 })).toHaveLength(1);
  });

  it('stores the alert even when announcing it fails', async () => {
    await ingest(1, 'Inmates escape prison');
    jest.spyOn(AlertViews.prototype, 'alerts').mockRejectedValue(new Error('database is locked'));
    await engine.kick();
    expect(errors.some((e) => /was stored but not announced: database is locked/.test(e))).toBe(true);
    expect(await repository.alertPage({ limit: 10 })).toHaveLength(1);
  });
});
