import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/domain-error';
import { intersectStoryFilters, type Page, type Principal, type Story, type StoryFilter, storyFilterOfScope, storyMatchesFilter } from '@sentinel/shared';
import { decodeKeysetCursor, encodeKeysetCursor } from '../common/keyset-cursor';
import { DomainEvents } from '../events/domain-events';
import { StoriesRepository } from './stories.repository';
import type { IngestItem, IngestWrite, StoredKeys, TagStory } from './stories.types';
import { TaggingService } from '../tagging/tagging.service';

/** Stories per read of the backtest's walk (see firstSeenSince). */
const FIRST_SEEN_PAGE = 200;

/** A request for one page of the stories list: a parsed filter (see StoryListQueryPipe) and where the page starts. */
export interface StoryListQuery {
  filter: StoryFilter;
  limit: number;
  /** A `nextCursor` of an earlier page. */
  cursor?: string;
}

export interface IngestSummary {
  created: Story[];
  updated: Story[];
}

@Injectable()
export class StoriesService {
  constructor(
    private readonly repository: StoriesRepository,
    private readonly events: DomainEvents,
    private readonly tagging: TaggingService,
  ) {}

  /** What is stored under a poll's keys, for ingest to decide against. */
  storedKeys(feedId: number, items: readonly Pick<IngestItem, 'guidKey' | 'canonicalUrl'>[]): Promise<StoredKeys> {
    return this.repository.storedKeys(feedId, items);
  }

  /**
   * Writes a poll's decided changes (ingest/ decides) in one transaction and announces what
   * changed once it has committed.
   * @throws StoryKeyConflictError when another writer stored one of the keys meanwhile.
   */
  async store(write: IngestWrite): Promise<IngestSummary> {
    const outcome = await this.repository.store(write);
    const changed = await this.repository.findByIds([...outcome.createdIds, ...outcome.updatedIds]);
    const created = changed.filter((s) => outcome.createdIds.includes(s.id));
    const updated = changed.filter((s) => !outcome.createdIds.includes(s.id));
    for (const story of created) this.events.emit('story:new', { eventId: outcome.eventIds.get(story.id) as number, story });
    for (const story of updated) this.events.emit('story:updated', { eventId: outcome.eventIds.get(story.id) as number, story });
    return { created, updated };
  }

  /** A page of stories; a scoped caller (a wall token with regions or topics) sees only stories in its scope. */
  async list(query: StoryListQuery, scope: Principal['scope'] = NO_SCOPE): Promise<Page<Story>> {
    const filter = intersectStoryFilters(query.filter, storyFilterOfScope(scope), this.tagging.resolveRegion);
    // Asked only for things outside the scope: nothing to show.
    if (!filter) return { items: [], nextCursor: null };
    const before = query.cursor ? toStoryKey(decodeKeysetCursor(query.cursor)) : undefined;
    const items = await this.repository.findPage({ filter, limit: query.limit + 1, before }, this.tagging.resolveRegion);
    const page = items.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: items.length > query.limit ? encodeKeysetCursor(Date.parse(last.publishedAt), last.id) : null };
  }

  /** How many stories a re-tag of those published since `since` goes through; see RetagService. */
  countPublishedSince(since: number): Promise<number> {
    return this.repository.countPublishedSince(since);
  }

  /**
   * Re-tags the next batch of stories published since `since` with an id above `afterId` (one
   * transaction, change log included) and, once it has committed, announces every story whose
   * tags changed as `story:updated`, as ingest does. Null when no story is left; see RetagService.
   */
  async retagBatch(since: number, afterId: number, tag: TagStory, now = Date.now()): Promise<{ lastId: number; processed: number; changed: number } | null> {
    const batch = await this.repository.retagBatch(since, afterId, tag, now);
    if (!batch) return null;
    for (const story of await this.repository.findByIds([...batch.eventIds.keys()])) {
      this.events.emit('story:updated', { eventId: batch.eventIds.get(story.id) as number, story });
    }
    return { lastId: batch.lastId, processed: batch.processed, changed: batch.eventIds.size };
  }

  async get(id: number, scope: Principal['scope'] = NO_SCOPE): Promise<Story> {
    const [story] = await this.repository.findByIds([id]);
    if (!story || !this.inScope(story, scope)) throw new NotFoundError(`story ${id} does not exist`);
    return story;
  }

  private inScope(story: Story, scope: Principal['scope']): boolean {
    return storyMatchesFilter(storyFilterOfScope(scope), story, { resolveRegion: this.tagging.resolveRegion, groupOf: () => undefined });
  }

  findByIds(ids: number[]): Promise<Story[]> {
    return this.repository.findByIds(ids);
  }

  idsAfter(afterId: number, limit: number): Promise<number[]> {
    return this.repository.idsAfter(afterId, limit);
  }

  maxId(): Promise<number> {
    return this.repository.maxId();
  }

  /**
   * Stories first seen since `since`, oldest first, at most `limit` of the newest: what the alert
   * backtest walks, in the order and by the time live matching meets them (first seen, not
   * published). Read a page at a time: one query for all of them would hold the event loop on SQLite.
   */
  async firstSeenSince(since: number, limit: number): Promise<Story[]> {
    const pages: Story[][] = [];
    let loaded = 0;
    let before: { firstSeenAt: number; id: number } | undefined;
    while (loaded < limit) {
      const size = Math.min(FIRST_SEEN_PAGE, limit - loaded);
      const page = await this.repository.firstSeenPage(since, size, before);
      pages.push(page);
      loaded += page.length;
      if (page.length < size) break;
      const last = page[page.length - 1];
      before = { firstSeenAt: Date.parse(last.firstSeenAt), id: last.id };
    }
    return pages.flat().reverse();
  }

  tagCountsSince(since: number) {
    return this.repository.tagCountsSince(since);
  }

  /** Stories brought by each of `feedIds`, in all and since `recentSince`; only those feeds are read. */
  countByFeed(feedIds: readonly number[], recentSince: number) {
    return this.repository.countByFeed(feedIds, recentSince);
  }
}

const NO_SCOPE: Principal['scope'] = { regions: [], topics: [] };

const toStoryKey = ({ time, id }: { time: number; id: number }) => ({ publishedAt: time, id });
