import type { StoryTags } from '@sentinel/shared';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../database/data-source';
import { Database } from '../database/database';
import { ChangeEventEntity, FeedEntity, StorySourceEntity, StoryTagEntity } from '../database/entities';
import { DomainEvents } from '../events/domain-events';
import { StoriesRepository } from '../stories/stories.repository';
import { StoriesService } from '../stories/stories.service';
import type { IngestItem } from '../stories/stories.types';
import type { TaggingService } from '../tagging/tagging.service';
import { IngestService } from './ingest.service';

/** Ingest through the real stories room, over an in-memory SQLite database. */
describe('IngestService with the stories room', () => {
  let dataSource: DataSource;
  let events: DomainEvents;
  let service: IngestService;
  let wireA: { id: number; title: string };
  let wireB: { id: number; title: string };

  const tags = (story: { title: string }): StoryTags => ({ regions: /Syria/.test(story.title) ? ['SY'] : [], topics: /strike/i.test(story.title) ? ['airstrike'] : [], places: [], why: [] });
  const item = (guid: string, title: string, canonical = `https://news.example/${guid}`): IngestItem => ({ guidKey: guid, url: canonical, canonicalUrl: canonical, title, summary: 'Officials said.', publishedAt: new Date('2026-02-01T10:00:00Z') });
  const sourcesOf = (storyId: number) => dataSource.getRepository(StorySourceEntity).find({ where: { storyId }, order: { id: 'ASC' } });

  beforeEach(async () => {
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    const db = new Database(dataSource);
    events = new DomainEvents();
    const stories = new StoriesService(new StoriesRepository(db), events, {} as TaggingService);
    service = new IngestService(stories, { tag: tags });
    wireA = await dataSource.getRepository(FeedEntity).save({ url: 'https://a.example/rss', title: 'Wire A', nextPollAt: 0, createdAt: 0 });
    wireB = await dataSource.getRepository(FeedEntity).save({ url: 'https://b.example/rss', title: 'Wire B', nextPollAt: 0, createdAt: 0 });
  });

  afterEach(async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
  });

  it('stores new stories with their tag rows and announces each with its change-log id', async () => {
    const announced: { eventId: number; title: string }[] = [];
    events.on('story:new', ({ eventId, story }) => announced.push({ eventId, title: story.title }));
    const { created, updated } = await service.ingest(wireA, [item('1', 'Airstrike in Syria')], 1000);
    expect(updated).toEqual([]);
    expect(created).toMatchObject([{ title: 'Airstrike in Syria', regions: ['SY'], topics: ['airstrike'], feedId: wireA.id, sources: [{ feedTitle: 'Wire A' }] }]);
    const rows = await dataSource.getRepository(StoryTagEntity).find({ where: { storyId: created[0].id }, order: { kind: 'ASC' } });
    expect(rows.map((r) => `${r.kind}:${r.value}`)).toEqual(['macro:middle-east', 'region:SY', 'topic:airstrike']);
    const [entry] = await dataSource.getRepository(ChangeEventEntity).find();
    expect(entry).toMatchObject({ kind: 'story:new', subjectId: created[0].id });
    expect(announced).toEqual([{ eventId: entry.id, title: 'Airstrike in Syria' }]);
  });

  it('updates the story, its tags and its updatedAt when the same guid comes back edited, and nothing when it comes back the same', async () => {
    const [story] = (await service.ingest(wireA, [item('1', 'Talks resume')], 1000)).created;
    expect(await service.ingest(wireA, [item('1', 'Talks resume')], 2000)).toEqual({ created: [], updated: [] });
    const { updated } = await service.ingest(wireA, [item('1', 'Strike halts talks in Syria')], 3000);
    expect(updated).toMatchObject([{ id: story.id, title: 'Strike halts talks in Syria', regions: ['SY'], topics: ['airstrike'], updatedAt: new Date(3000).toISOString(), firstSeenAt: new Date(1000).toISOString() }]);
    expect((await dataSource.getRepository(StoryTagEntity).find({ where: { storyId: story.id } })).map((r) => r.value).sort()).toEqual(['SY', 'airstrike', 'middle-east']);
  });

  it("makes another outlet's copy a source of the stored story, keeping its title and tags", async () => {
    const [story] = (await service.ingest(wireA, [item('a-1', 'Airstrike in Syria', 'https://news.example/shared')], 1000)).created;
    const { created, updated } = await service.ingest(wireB, [item('b-9', 'Different headline', 'https://news.example/shared')], 2000);
    expect(created).toEqual([]);
    expect(updated).toMatchObject([{ id: story.id, title: 'Airstrike in Syria', topics: ['airstrike'], sources: [{ feedTitle: 'Wire A' }, { feedTitle: 'Wire B' }] }]);
    // Polled again, the copy is known by its guid: nothing changes.
    expect(await service.ingest(wireB, [item('b-9', 'Different headline', 'https://news.example/shared')], 3000)).toEqual({ created: [], updated: [] });
  });

  it('stores two items of one poll with the same canonical URL as one story with two sources', async () => {
    const { created } = await service.ingest(wireA, [item('x', 'Second copy', 'https://news.example/same'), item('y', 'First copy', 'https://news.example/same')], 1000);
    expect(created).toHaveLength(1);
    // Taken in reverse document order (same date), so the later item in the document comes first.
    expect(created[0].title).toBe('First copy');
    expect((await sourcesOf(created[0].id)).map((s) => s.guidKey)).toEqual(['y', 'x']);
  });

  it('writes nothing and logs no change when a write fails half-way', async () => {
    jest.spyOn(StoriesRepository.prototype as unknown as { replaceTagRows: () => Promise<void> }, 'replaceTagRows').mockRejectedValueOnce(new Error('disk full'));
    await service.ingest(wireA, [item('1', 'Talks resume')], 1000);
    await expect(service.ingest(wireA, [item('1', 'Talks resume in Syria'), item('2', 'Aid arrives')], 2000)).rejects.toThrow('disk full');
    expect(await dataSource.getRepository(StorySourceEntity).count()).toBe(1);
    expect(await dataSource.getRepository(ChangeEventEntity).count()).toBe(1);
    jest.restoreAllMocks();
  });
});
