import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../database/data-source';
import { Database } from '../database/database';
import { FeedEntity } from '../database/entities';
import { FeedsRepository } from './feeds.repository';

/** The times of unchanged polls, recorded without a transaction each, over a real (in-memory SQLite) database. */
describe('FeedsRepository poll times', () => {
  let dataSource: DataSource;
  let feeds: FeedsRepository;
  let id: number;
  const row = () => dataSource.getRepository(FeedEntity).findOneByOrFail({ id });

  // The failed write below is logged on purpose; keep the output quiet.
  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(async () => {
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    feeds = new FeedsRepository(new Database(dataSource));
    [id] = await feeds.insert([{ url: 'https://news.example/rss', title: 'Wire', titleFromUser: false, siteUrl: null, group: null, intervalSec: null }], 1_000);
  });

  afterEach(async () => {
    await feeds.writePollTimes();
    await dataSource.destroy();
  });

  it('shows recorded times to every read at once, and writes them when asked', async () => {
    feeds.recordPollTimes(id, { lastPolledAt: 2_000, lastSuccessAt: 2_100, nextPollAt: 60_000 });
    const expected = { lastPolledAt: 2_000, lastSuccessAt: 2_100, nextPollAt: 60_000 };
    expect(await feeds.byId(id)).toMatchObject(expected);
    expect((await feeds.all())[0]).toMatchObject(expected);
    expect(await feeds.byUrl('https://news.example/rss')).toMatchObject(expected);
    expect(await row()).toMatchObject({ lastPolledAt: null, nextPollAt: 1_000 });
    await feeds.writePollTimes();
    expect(await row()).toMatchObject(expected);
  });

  it('does not offer a feed as due when its recorded next poll is still ahead, though its row says so', async () => {
    expect((await feeds.due(5_000, 10, [])).map((f) => f.id)).toEqual([id]);
    feeds.recordPollTimes(id, { lastPolledAt: 2_000, lastSuccessAt: 2_000, nextPollAt: 60_000 });
    expect(await feeds.due(5_000, 10, [])).toEqual([]);
    expect((await feeds.due(60_000, 10, [])).map((f) => f.id)).toEqual([id]);
  });

  it('writes recorded times with the feed\'s next update, whose own values win', async () => {
    feeds.recordPollTimes(id, { lastPolledAt: 2_000, lastSuccessAt: 2_000, nextPollAt: 60_000 });
    await feeds.update(id, { title: 'Wire (renamed)', nextPollAt: 30_000 });
    expect(await row()).toMatchObject({ title: 'Wire (renamed)', lastPolledAt: 2_000, lastSuccessAt: 2_000, nextPollAt: 30_000 });
    // Nothing is left to write over the update.
    await feeds.writePollTimes();
    expect(await row()).toMatchObject({ nextPollAt: 30_000 });
  });

  it('keeps times recorded while a write is under way for the next one', async () => {
    feeds.recordPollTimes(id, { lastPolledAt: 2_000, lastSuccessAt: 2_000, nextPollAt: 60_000 });
    const writing = feeds.writePollTimes();
    feeds.recordPollTimes(id, { lastPolledAt: 62_000, lastSuccessAt: 62_000, nextPollAt: 120_000 });
    await writing;
    expect(await feeds.byId(id)).toMatchObject({ lastPolledAt: 62_000, nextPollAt: 120_000 });
    await feeds.writePollTimes();
    expect(await row()).toMatchObject({ lastPolledAt: 62_000, nextPollAt: 120_000 });
  });

  it('keeps the times when the database cannot take them, for the next write', async () => {
    feeds.recordPollTimes(id, { lastPolledAt: 2_000, lastSuccessAt: 2_000, nextPollAt: 60_000 });
    await dataSource.query('CREATE TRIGGER "refuse" BEFORE UPDATE ON "feeds" BEGIN SELECT RAISE(ABORT, \'disk full\'); END');
    await expect(feeds.writePollTimes()).resolves.toBeUndefined();
    await dataSource.query('DROP TRIGGER "refuse"');
    await feeds.writePollTimes();
    expect(await row()).toMatchObject({ lastPolledAt: 2_000, nextPollAt: 60_000 });
  });
});
