import type { Feed } from '@sentinel/shared';
import type { FeedEntity } from '../database/entities';
import { DomainEvents } from '../events/domain-events';
import { FeedGroups } from './feed-groups';
import type { FeedsRepository } from './feeds.repository';

describe('FeedGroups', () => {
  let rows: Pick<FeedEntity, 'id' | 'group'>[];
  let reads: number;
  let events: DomainEvents;
  let groups: FeedGroups;

  beforeEach(async () => {
    rows = [{ id: 1, group: 'Arabic' }, { id: 2, group: null }];
    reads = 0;
    const repository = { all: async () => (reads++, rows.map((row) => ({ ...row }))) } as unknown as FeedsRepository;
    events = new DomainEvents();
    groups = new FeedGroups(repository, events);
    await groups.onApplicationBootstrap();
  });

  afterEach(() => groups.onApplicationShutdown());

  it('knows every feed group once started, and null for a feed without one', () => {
    expect([groups.groupOf(1), groups.groupOf(2)]).toEqual(['Arabic', null]);
  });

  it('knows a feed added or regrouped once reloaded', async () => {
    rows = [{ id: 1, group: 'Levant' }, { id: 2, group: null }, { id: 3, group: 'Arabic' }];
    await groups.reload();
    expect([groups.groupOf(1), groups.groupOf(3)]).toEqual(['Levant', 'Arabic']);
  });

  it('serves callers during a reload with one more read that sees their change', async () => {
    const first = groups.reload();
    rows = [...rows, { id: 4, group: 'Europe' }];
    await Promise.all([first, groups.reload(), groups.reload()]);
    expect(reads).toBe(3);
    expect(groups.groupOf(4)).toBe('Europe');
  });

  it('takes a feed health event as the feed current group', () => {
    events.emit('feed:health', { eventId: 1, feed: { id: 2, group: 'Sahel' } as Feed });
    expect(groups.groupOf(2)).toBe('Sahel');
  });

  it('says it does not know a feed it has not read, and reloads for it in the background', async () => {
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 10_000);
    rows = [...rows, { id: 5, group: 'Wire' }];
    expect(groups.groupOf(5)).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    jest.restoreAllMocks();
    expect(reads).toBe(2);
    expect(groups.groupOf(5)).toBe('Wire');
  });
});
