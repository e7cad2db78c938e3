import type { StoryTags } from '@sentinel/shared';
import type { IngestSummary } from '../stories/stories.service';
import { type IngestItem, type IngestWrite, StoryKeyConflictError, type StoredKeys } from '../stories/stories.types';
import { contentHash, inStoringOrder, planIngest } from './ingest-plan';
import { IngestService, type StoryStore, type StoryTagger } from './ingest.service';

const FEED = { id: 7, title: 'Wire' };
const NOW = Date.parse('2026-02-01T12:00:00Z');

function item(guid: string, extra: Partial<IngestItem> = {}): IngestItem {
  const url = `https://news.example/${guid}`;
  return { guidKey: guid, url, canonicalUrl: url, title: `Title ${guid}`, summary: `Summary ${guid}`, publishedAt: new Date('2026-02-01T10:00:00Z'), ...extra };
}

const nothingStored = (): StoredKeys => ({ sources: new Map(), storiesByCanonicalUrl: new Map() });
const tagsFor = (title: string): StoryTags => ({ regions: [], topics: [title.toLowerCase().replace(/\W+/g, '-')], places: [], why: [] });

describe('inStoringOrder', () => {
  it('keeps the first item of a repeated guid and stores the oldest first', () => {
    const items = [item('c', { publishedAt: new Date('2026-02-01T12:00:00Z') }), item('a', { publishedAt: new Date('2026-02-01T08:00:00Z') }), item('c', { title: 'later copy' })];
    expect(inStoringOrder(items).map((i) => [i.guidKey, i.title])).toEqual([
      ['a', 'Title a'],
      ['c', 'Title c'],
    ]);
  });

  it('takes items of the same date in reverse document order, since feeds list the newest first', () => {
    expect(inStoringOrder([item('newest'), item('middle'), item('oldest')]).map((i) => i.guidKey)).toEqual(['oldest', 'middle', 'newest']);
  });
});

describe('planIngest', () => {
  it('makes a new story of each item nothing stored knows', () => {
    const plan = planIngest([item('a'), item('b')], nothingStored());
    expect(plan.created.map((c) => c.item.guidKey)).toEqual(['a', 'b']);
    expect(plan.created[0].item.contentHash).toBe(contentHash({ title: 'Title a', summary: 'Summary a' }));
    expect(plan.changes).toEqual([]);
  });

  it('leaves a guid the feed brought before alone while its title and summary are the same', () => {
    const stored = nothingStored();
    stored.sources.set('a', { sourceId: 1, storyId: 10, contentHash: contentHash(item('a')) });
    expect(planIngest([item('a')], stored)).toEqual({ created: [], changes: [] });
  });

  it('updates the story of a known guid whose title changed', () => {
    const stored = nothingStored();
    stored.sources.set('a', { sourceId: 1, storyId: 10, contentHash: contentHash(item('a')) });
    const plan = planIngest([item('a', { title: 'Title a, corrected' })], stored);
    expect(plan.created).toEqual([]);
    expect(plan.changes).toMatchObject([{ kind: 'edit', sourceId: 1, storyId: 10, item: { title: 'Title a, corrected' } }]);
  });

  it("makes another outlet's copy of a stored article a source of that story", () => {
    const stored = nothingStored();
    stored.storiesByCanonicalUrl.set('https://news.example/shared', 42);
    const plan = planIngest([item('mine', { canonicalUrl: 'https://news.example/shared' })], stored);
    expect(plan.created).toEqual([]);
    expect(plan.changes).toMatchObject([{ kind: 'copy', storyId: 42, item: { guidKey: 'mine' } }]);
  });

  it('decides a known guid by its guid, not by its canonical URL', () => {
    const stored = nothingStored();
    stored.sources.set('a', { sourceId: 1, storyId: 10, contentHash: contentHash(item('a')) });
    stored.storiesByCanonicalUrl.set('https://news.example/a', 99);
    expect(planIngest([item('a')], stored).changes).toEqual([]);
  });

  it('merges two items of one poll with the same canonical URL into one new story with two sources', () => {
    const plan = planIngest([item('first', { canonicalUrl: 'https://news.example/same' }), item('second', { canonicalUrl: 'https://news.example/same' })], nothingStored());
    expect(plan.created).toHaveLength(1);
    expect(plan.created[0].item.guidKey).toBe('first');
    expect(plan.created[0].copies.map((c) => c.guidKey)).toEqual(['second']);
  });

  it('never merges items without a canonical URL', () => {
    const plan = planIngest([item('x', { canonicalUrl: null }), item('y', { canonicalUrl: null })], nothingStored());
    expect(plan.created.map((c) => c.item.guidKey)).toEqual(['x', 'y']);
  });
});

/** A stand-in for the stories room that records what ingest asks of it. */
class RecordingStore implements StoryStore {
  readonly calls: string[] = [];
  readonly writes: IngestWrite[] = [];
  /** What each look-up returns, in turn; the last one repeats. */
  lookups: StoredKeys[] = [nothingStored()];
  /** What each write throws, in turn (undefined: it succeeds). */
  failures: unknown[] = [];

  async storedKeys(): Promise<StoredKeys> {
    this.calls.push('lookup');
    return this.lookups.length > 1 ? (this.lookups.shift() as StoredKeys) : this.lookups[0];
  }

  async store(write: IngestWrite): Promise<IngestSummary> {
    this.calls.push('write');
    this.writes.push(write);
    const failure = this.failures.shift();
    if (failure) throw failure;
    return { created: [], updated: [] };
  }
}

describe('IngestService', () => {
  let store: RecordingStore;
  let tagged: string[];
  let tagger: StoryTagger;
  let service: IngestService;

  beforeEach(() => {
    store = new RecordingStore();
    tagged = [];
    tagger = {
      tag: (story) => {
        tagged.push(story.title);
        store.calls.push('tag');
        return tagsFor(story.title);
      },
    };
    service = new IngestService(store, tagger);
  });

  it('tags every story before the write begins, so a slow tagger never holds the database', async () => {
    await service.ingest(FEED, [item('b', { publishedAt: new Date('2026-02-01T11:00:00Z') }), item('a')], NOW);
    expect(store.calls).toEqual(['lookup', 'tag', 'tag', 'write']);
    const [write] = store.writes;
    expect(write).toMatchObject({ feed: FEED, now: NOW });
    expect(write.created.map((c) => [c.item.guidKey, c.tags.topics])).toEqual([
      ['a', ['title-a']],
      ['b', ['title-b']],
    ]);
  });

  it('tags new stories and edits, but not copies, whose story keeps its tags', async () => {
    const stored = nothingStored();
    stored.sources.set('edited', { sourceId: 1, storyId: 10, contentHash: 'old' });
    stored.storiesByCanonicalUrl.set('https://news.example/elsewhere', 20);
    store.lookups = [stored];
    // Newest first, as feeds list them.
    await service.ingest(FEED, [item('copy', { canonicalUrl: 'https://news.example/elsewhere' }), item('edited'), item('twin', { canonicalUrl: 'https://news.example/fresh' }), item('fresh')], NOW);
    expect(tagged.sort()).toEqual(['Title edited', 'Title fresh']);
    const [write] = store.writes;
    expect(write.created).toHaveLength(1);
    expect(write.created[0].copies.map((c) => c.guidKey)).toEqual(['twin']);
    expect(write.changes.map((c) => [c.kind, c.storyId])).toEqual([
      ['edit', 10],
      ['copy', 20],
    ]);
    expect(write.changes.find((c) => c.kind === 'edit')).toMatchObject({ tags: { topics: ['title-edited'] } });
  });

  it('writes nothing for an empty poll', async () => {
    expect(await service.ingest(FEED, [], NOW)).toEqual({ created: [], updated: [] });
    expect(store.calls).toEqual([]);
  });

  it('looks up and decides again when another writer stored the same article meanwhile, without tagging twice', async () => {
    const afterRace = nothingStored();
    afterRace.storiesByCanonicalUrl.set('https://news.example/a', 5);
    store.lookups = [nothingStored(), afterRace];
    store.failures = [new StoryKeyConflictError(new Error('UNIQUE constraint failed'))];
    await service.ingest(FEED, [item('a')], NOW);
    expect(store.calls).toEqual(['lookup', 'tag', 'write', 'lookup', 'write']);
    expect(store.writes[1]).toMatchObject({ created: [], changes: [{ kind: 'copy', storyId: 5 }] });
  });

  it('gives up after a second conflict in a row', async () => {
    store.failures = [new StoryKeyConflictError(null), new StoryKeyConflictError(null)];
    await expect(service.ingest(FEED, [item('a')], NOW)).rejects.toBeInstanceOf(StoryKeyConflictError);
    expect(store.writes).toHaveLength(2);
  });

  it('does not retry any other failure', async () => {
    store.failures = [new Error('database is locked')];
    await expect(service.ingest(FEED, [item('a')], NOW)).rejects.toThrow('database is locked');
    expect(store.writes).toHaveLength(1);
  });
});
