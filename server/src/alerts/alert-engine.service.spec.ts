import { Logger } from '@nestjs/common';
import { type Cluster, type CorroborationLevel, parseAlertQuery } from '@sentinel/shared';
import type { DataSource } from 'typeorm';
import type { ClustersService } from '../clusters/clusters.service';
import { openDatabase } from '../database/data-source';
import { Database } from '../database/database';
import { AlertMatchEntity, AlertRuleEntity, ClusterEntity, FeedEntity, StoryEntity } from '../database/entities';
import { DomainEvents } from '../events/domain-events';
import { StoriesRepository } from '../stories/stories.repository';
import type { StoriesService } from '../stories/stories.service';
import { AlertEngine } from './alert-engine.service';
import type { AlertQueryParser } from './alert-query';
import { AlertViews } from './alert-views';
import { AlertsRepository } from './alerts.repository';
import type { DeliveryService } from './delivery/delivery.service';

/**
 * A stand-in for the clusters room: events kept in memory and answered by `byIds` as the
 * clusters service would, and the columns the alert queries join on (stories.cluster_id, the
 * clusters row) written to the real database.
 */
class EventBoard {
  private readonly events = new Map<number, Cluster>();

  constructor(private readonly dataSource: DataSource) {}

  readonly service = { byIds: async (ids: number[]) => ids.flatMap((id) => this.events.get(id) ?? []) } as unknown as ClustersService;

  /** Puts the stories in event `id`, with `independent` outlets and the corroboration they make; returns the event as it is now. */
  async place(id: number, storyIds: number[], independent = storyIds.length, level: CorroborationLevel = independent > 1 ? 'corroborated' : 'single-source'): Promise<Cluster> {
    const before = this.events.get(id);
    const all = [...new Set([...(before?.storyIds ?? []), ...storyIds])];
    const updatedAt = Date.now();
    const event: Cluster = {
      id,
      headline: { storyId: all[0], title: `story ${all[0]}`, url: null, feedTitle: 'Wire' },
      headlines: {},
      firstSeenAt: new Date(updatedAt).toISOString(),
      updatedAt: new Date(updatedAt).toISOString(),
      storyCount: all.length,
      storyIds: all,
      sources: {
        outlets: independent,
        independent,
        list: all.map((storyId, i) => ({ outlet: `outlet${i + 1}.example`, feedTitle: `Outlet ${i + 1}`, storyId, firstSeenAt: new Date(updatedAt).toISOString(), copyOf: null })),
      },
      corroboration: { level, text: level === 'single-source' ? 'single source' : `${independent} independent sources` },
      regions: [],
      topics: [],
      places: [],
      breaking: false,
      conflicts: [],
    };
    this.events.set(id, event);
    if (before) await this.dataSource.getRepository(ClusterEntity).update(id, { updatedAt, independent });
    else await this.dataSource.getRepository(ClusterEntity).insert({ id, firstSeenAt: updatedAt, updatedAt, independent });
    await this.dataSource.getRepository(StoryEntity).update(storyIds, { clusterId: id });
    return event;
  }
}

/** The engine over a real (in-memory SQLite) database, with the other rooms as plain stand-ins. */
async function engineOver(dataSource: DataSource, board: EventBoard, events: DomainEvents, delivery: { kick: () => void }) {
  const db = new Database(dataSource);
  const repository = new AlertsRepository(db);
  const storiesRepository = new StoriesRepository(db);
  const stories = storiesRepository as unknown as StoriesService;
  const parser = { parse: (text: string) => parseAlertQuery(text) } as unknown as AlertQueryParser;
  const engine = new AlertEngine(repository, stories, board.service, parser, new AlertViews(repository, stories), events, delivery as unknown as DeliveryService);
  return { engine, repository, storiesRepository };
}

function ruleRow(query: string, overrides: Partial<AlertRuleEntity> = {}): Partial<AlertRuleEntity> {
  const now = Date.now();
  return { ownerId: null, name: 'Prison breaks', query, mode: 'each', severity: 'critical', channels: '[]', cooldownSec: 0, threshold: 1, windowSec: 3600, enabled: true, muted: false, followUpOnCorroboration: false, snoozedUntil: null, lastFiredAt: null, lastAlertId: null, createdAt: now, updatedAt: now, ...overrides };
}

async function storeStory(storiesRepository: StoriesRepository, feed: { id: number; title: string }, n: number, title: string): Promise<number> {
  const outcome = await storiesRepository.store({
    feed,
    now: Date.now(),
    created: [{ item: { guidKey: `g${n}`, url: `https://news.example/${n}`, canonicalUrl: `https://news.example/${n}`, title, summary: '', publishedAt: new Date(), contentHash: `h${n}` }, tags: { regions: [], topics: [], places: [], why: [] }, copies: [] }],
    changes: [],
  });
  return outcome.createdIds[0];
}

describe('AlertEngine when the database fails', () => {
  let dataSource: DataSource;
  let repository: AlertsRepository;
  let storiesRepository: StoriesRepository;
  let engine: AlertEngine;
  let events: DomainEvents;
  let board: EventBoard;
  let feed: { id: number; title: string };
  const errors: string[] = [];
  const delivery = { kick: jest.fn() };

  /** A story, placed in an event of its own (the engine evaluates placed stories). */
  const ingest = async (n: number, title: string) => {
    const id = await storeStory(storiesRepository, feed, n, title);
    await board.place(n, [id]);
  };

  beforeEach(async () => {
    errors.length = 0;
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => void errors.push(String(message)));
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    board = new EventBoard(dataSource);
    events = new DomainEvents();
    ({ engine, repository, storiesRepository } = await engineOver(dataSource, board, events, delivery));
    feed = await dataSource.getRepository(FeedEntity).save({ url: 'https://news.example/feed.xml', title: 'Wire', nextPollAt: 0, createdAt: 0 });
    await repository.insertRule(ruleRow('escape*'));
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

describe('AlertEngine over events', () => {
  let dataSource: DataSource;
  let board: EventBoard;
  let events: DomainEvents;
  let engine: AlertEngine;
  let repository: AlertsRepository;
  let storiesRepository: StoriesRepository;
  let feed: { id: number; title: string };
  let fired: { id: number; storyId: number; followUpOf: number | null; sources: number }[];
  const delivery = { kick: jest.fn() };

  const start = async () => {
    ({ engine, repository, storiesRepository } = await engineOver(dataSource, board, events, delivery));
    await engine.onApplicationBootstrap();
  };
  const story = (n: number, title: string) => storeStory(storiesRepository, feed, n, title);
  const alerts = () => repository.alertPage({ limit: 50 });
  /** The event changed: announced on the bus, as the clusters room does, then the engine's run is awaited. */
  const changed = async (event: Cluster) => {
    events.emit('cluster:updated', { eventId: 0, cluster: event });
    await engine.kick();
  };

  beforeEach(async () => {
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    board = new EventBoard(dataSource);
    events = new DomainEvents();
    fired = [];
    events.on('alert:fired', ({ alert }) => fired.push({ id: alert.id, storyId: alert.storyId, followUpOf: alert.followUpOf, sources: alert.sources.length }));
    await start();
    feed = await dataSource.getRepository(FeedEntity).save({ url: 'https://news.example/feed.xml', title: 'Wire', nextPollAt: 0, createdAt: 0 });
  });

  afterEach(async () => {
    await engine.beforeApplicationShutdown();
    engine.onApplicationShutdown();
    if (dataSource.isInitialized) await dataSource.destroy();
  });

  it('fires once per event: a later story of the event attaches to its alert, whatever the cooldown', async () => {
    const rule = await repository.insertRule(ruleRow('escape*', { cooldownSec: 0 }));
    engine.reload(rule, rule.id);
    const first = await story(1, 'Inmates escape prison in Hasakah');
    const second = await story(2, 'Escaped inmates hunted after Hasakah attack');
    const elsewhere = await story(3, 'Prisoners escape jail in Kirkuk');
    await board.place(7, [first, second]);
    await board.place(8, [elsewhere]);
    await engine.kick();
    const stored = await alerts();
    expect(stored.map((a) => [a.storyId, a.clusterId]).sort()).toEqual([[first, 7], [elsewhere, 8]]);
    const attached = await repository.attached(stored);
    expect(attached.get(stored.find((a) => a.clusterId === 7)!.id)).toEqual([second]);
    expect(fired).toHaveLength(2);
  });

  it('evaluates a story only once it is placed in an event', async () => {
    const rule = await repository.insertRule(ruleRow('escape*'));
    engine.reload(rule, rule.id);
    const id = await story(1, 'Inmates escape prison in Hasakah');
    await engine.kick();
    expect(await dataSource.getRepository(AlertMatchEntity).count()).toBe(0);
    await board.place(3, [id]);
    events.emit('cluster:new', { eventId: 0, cluster: (await board.service.byIds([3]))[0] });
    await engine.kick();
    expect((await alerts()).map((a) => a.storyId)).toEqual([id]);
  });

  it('records a match whose event lacks the sources, and fires once for the event when it has them', async () => {
    const rule = await repository.insertRule(ruleRow('escape* sources>=3', { cooldownSec: 0 }));
    engine.reload(rule, rule.id);
    const first = await story(1, 'Inmates escape prison in Hasakah');
    await board.place(5, [first], 1);
    await engine.kick();
    expect(await alerts()).toEqual([]);
    expect(await dataSource.getRepository(AlertMatchEntity).findBy({ ruleId: rule.id })).toEqual([expect.objectContaining({ storyId: first, reason: 'awaiting-event', clusterId: 5, alertId: null })]);

    // A second outlet's report that does not match the words: still two sources.
    const second = await story(2, 'Attack on Hasakah jail');
    await changed(await board.place(5, [second], 2));
    expect(await alerts()).toEqual([]);
    // The third makes it: the first matching story fires, with the event's three sources.
    const third = await story(3, 'Hasakah jail attacked, officials say');
    await changed(await board.place(5, [third], 3));
    const [alert] = await alerts();
    expect(alert).toMatchObject({ storyId: first, clusterId: 5 });
    expect(JSON.parse(alert.sources)).toHaveLength(3);
    expect(fired).toEqual([{ id: alert.id, storyId: first, followUpOf: null, sources: 3 }]);

    // Announced again, and evaluated again after a restart: nothing fires twice.
    await changed((await board.service.byIds([5]))[0]);
    await engine.beforeApplicationShutdown();
    await start();
    await engine.kick();
    expect(await alerts()).toHaveLength(1);
  });

  it('sends one follow-up when a single-source event it alerted on becomes corroborated, and never a second', async () => {
    const rule = await repository.insertRule(ruleRow('escape*', { followUpOnCorroboration: true }));
    engine.reload(rule, rule.id);
    const first = await story(1, 'Inmates escape prison in Hasakah');
    await board.place(9, [first], 1, 'single-source');
    await engine.kick();
    expect(fired).toHaveLength(1);
    const original = fired[0];

    const second = await story(2, 'Attack on Hasakah jail');
    await changed(await board.place(9, [second], 2, 'corroborated'));
    expect(fired).toEqual([original, { id: expect.any(Number), storyId: first, followUpOf: original.id, sources: 2 }]);
    const followUp = (await repository.alert(fired[1].id))!;
    expect(JSON.parse(followUp.corroboration!)).toEqual({ level: 'corroborated', text: '2 independent sources' });

    const third = await story(3, 'Hasakah jail attacked, officials say');
    await changed(await board.place(9, [third], 3, 'corroborated'));
    await engine.beforeApplicationShutdown();
    await start();
    await changed((await board.service.byIds([9]))[0]);
    expect(fired).toHaveLength(2);
    expect(await alerts()).toHaveLength(2);
  });

  it('without rules, moves past a burst of new stories in one step, reading none of them', async () => {
    const walked = jest.spyOn(storiesRepository, 'idsAfter');
    const read = jest.spyOn(storiesRepository, 'findByIds');
    const ids = [await story(1, 'Talks resume'), await story(2, 'Aid convoy arrives'), await story(3, 'Bridge reopened')];
    for (const id of ids) {
      events.emit('story:new', { eventId: 0, story: { id } as never });
      events.emit('cluster:new', { eventId: 0, cluster: await board.place(id, [id]) });
    }
    await engine.kick();
    expect(await repository.cursor()).toBe(ids[2]);
    expect(walked).not.toHaveBeenCalled();
    expect(read).not.toHaveBeenCalled();

    // A rule made afterwards starts from there.
    const rule = await repository.insertRule(ruleRow('escape*'));
    engine.reload(rule, rule.id);
    const later = await story(4, 'Inmates escape prison in Hasakah');
    await board.place(10, [later]);
    await engine.kick();
    expect((await alerts()).map((a) => a.storyId)).toEqual([later]);
  });

  it('catches up at start-up on an event that changed while the engine was down', async () => {
    const rule = await repository.insertRule(ruleRow('escape* corroborated:true'));
    engine.reload(rule, rule.id);
    const first = await story(1, 'Inmates escape prison in Hasakah');
    await board.place(4, [first], 1);
    await engine.kick();
    await engine.beforeApplicationShutdown();
    // While it is down the event gains a second source; nobody hears of it.
    const second = await story(2, 'Attack on Hasakah jail');
    await board.place(4, [second], 2, 'corroborated');
    await start();
    await engine.kick();
    expect((await alerts()).map((a) => [a.storyId, a.clusterId])).toEqual([[first, 4]]);
  });
});
