import { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import type { StoryListData } from '../../../lib/stories-api';
import { storyFixture } from '../../../lib/story-fixture';
import { EMPTY_FILTER, storyFilterKey } from '../../../lib/story-filter';
import { LIST_CAP, PENDING_CAP, receiveNewStory, receiveUpdatedStory, revealPending, type PendingStories } from './pending';

const allKey = storyFilterKey(EMPTY_FILTER);
const syriaKey = storyFilterKey({ ...EMPTY_FILTER, regions: ['SY'] });
const searchKey = storyFilterKey({ ...EMPTY_FILTER, q: 'ceasefire' });

function seedList(client: QueryClient, key: string, ids: number[][]): void {
  const pages = ids.map((page, index) => ({ items: page.map((id) => storyFixture(id)), nextCursor: `after-${index}` }));
  client.setQueryData<StoryListData>(queryKeys.stories.list(key), { pages, pageParams: [null, ...pages.slice(1).map((_, i) => `after-${i}`)] });
}

const ids = (client: QueryClient, key: string) =>
  client.getQueryData<StoryListData>(queryKeys.stories.list(key))!.pages.flatMap((page) => page.items.map((item) => item.id));
const pending = (client: QueryClient, key: string) => client.getQueryData<PendingStories>(queryKeys.stories.pending(key));

describe('live stories in the analyst list', () => {
  let client: QueryClient;
  beforeEach(() => {
    client = new QueryClient();
    seedList(client, allKey, [[10, 9, 8]]);
  });
  afterEach(() => client.clear());

  it('holds a new story behind the bar instead of moving the list under the reader', () => {
    receiveNewStory(client, storyFixture(11));
    expect(ids(client, allKey)).toEqual([10, 9, 8]);
    expect(pending(client, allKey)?.stories.map((story) => story.id)).toEqual([11]);
  });

  it('puts a story only in the lists whose filter it matches', () => {
    seedList(client, syriaKey, [[10]]);
    receiveNewStory(client, storyFixture(11, { regions: ['UA'] }));
    expect(pending(client, allKey)?.stories).toHaveLength(1);
    expect(pending(client, syriaKey)).toBeUndefined();
  });

  it('counts a story replayed after a reconnect once', () => {
    receiveNewStory(client, storyFixture(11));
    receiveNewStory(client, storyFixture(11));
    receiveNewStory(client, storyFixture(10));
    expect(pending(client, allKey)?.stories.map((story) => story.id)).toEqual([11]);
  });

  it('changes a story that is already shown in place', () => {
    receiveUpdatedStory(client, storyFixture(9, { title: 'Corrected headline' }));
    const list = client.getQueryData<StoryListData>(queryKeys.stories.list(allKey))!;
    expect(list.pages[0]!.items.map((story) => story.title)[1]).toBe('Corrected headline');
    expect(ids(client, allKey)).toEqual([10, 9, 8]);
  });

  it('judges a search the way the API does, accents and case folded', () => {
    seedList(client, searchKey, [[10]]);
    receiveNewStory(client, storyFixture(11));
    receiveNewStory(client, storyFixture(12, { title: 'CEASEFIRE talks resume in Doha' }));
    expect(pending(client, searchKey)?.stories.map((story) => story.id)).toEqual([12]);
  });

  it('puts a story in a group list only once the feed list says which feeds the group has', () => {
    const groupKey = storyFilterKey({ ...EMPTY_FILTER, group: 'Arabic' });
    seedList(client, groupKey, [[10]]);
    receiveNewStory(client, storyFixture(11));
    expect(pending(client, groupKey)).toBeUndefined();
    expect(client.getQueryState(queryKeys.stories.list(groupKey))?.isInvalidated).toBe(true);
    client.setQueryData(queryKeys.feeds, [{ id: 3, group: 'Arabic' }, { id: 4, group: null }]);
    receiveNewStory(client, storyFixture(12));
    receiveNewStory(client, storyFixture(13, { feedId: 4, sources: [{ feedId: 4, feedTitle: 'Other desk', url: null }] }));
    expect(pending(client, groupKey)?.stories.map((story) => story.id)).toEqual([12]);
  });

  it('waits for the taxonomy before judging a macro-region', () => {
    const macroKey = storyFilterKey({ ...EMPTY_FILTER, regions: ['middle-east'] });
    seedList(client, macroKey, [[10]]);
    receiveNewStory(client, storyFixture(11));
    expect(client.getQueryState(queryKeys.stories.list(macroKey))?.isInvalidated).toBe(true);
    client.setQueryData(queryKeys.taxonomy, { regions: [], topics: [], macroRegions: [{ id: 'middle-east', name: 'Middle East', countries: ['SY', 'IQ'] }] });
    receiveNewStory(client, storyFixture(12));
    receiveNewStory(client, storyFixture(13, { regions: ['UA'] }));
    expect(pending(client, macroKey)?.stories.map((story) => story.id)).toEqual([12]);
  });

  it('shows waiting stories at the top, newest first, when the reader asks', async () => {
    receiveNewStory(client, storyFixture(11));
    receiveNewStory(client, storyFixture(12));
    await revealPending(client, allKey);
    expect(ids(client, allKey)).toEqual([12, 11, 10, 9, 8]);
    expect(pending(client, allKey)?.stories).toEqual([]);
  });

  it('keeps at most the newest 200 waiting stories and says there were more', () => {
    for (let id = 100; id < 100 + PENDING_CAP + 5; id++) receiveNewStory(client, storyFixture(id));
    const waiting = pending(client, allKey)!;
    expect(waiting.stories).toHaveLength(PENDING_CAP);
    expect(waiting.stories[0]!.id).toBe(100 + PENDING_CAP + 4);
    expect(waiting.overflowed).toBe(true);
  });

  it('forgets whole older pages past the memory cap, so paging on continues where the list ends', async () => {
    const pageOf = (start: number) => Array.from({ length: 200 }, (_, i) => start - i);
    seedList(client, allKey, [pageOf(5000), pageOf(4800), pageOf(4600), pageOf(4400), pageOf(4200)]);
    for (let id = 6000; id < 6050; id++) receiveNewStory(client, storyFixture(id));
    await revealPending(client, allKey);
    const list = client.getQueryData<StoryListData>(queryKeys.stories.list(allKey))!;
    expect(ids(client, allKey).length).toBeLessThanOrEqual(LIST_CAP);
    expect(list.pages).toHaveLength(4);
    expect(list.pageParams).toHaveLength(4);
    expect(list.pages[3]!.nextCursor).toBe('after-3');
  });
});
