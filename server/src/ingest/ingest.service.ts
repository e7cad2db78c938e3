import { Inject, Injectable } from '@nestjs/common';
import type { StoryTags } from '@sentinel/shared';
import { StoriesService, type IngestSummary } from '../stories/stories.service';
import { type IngestItem, type IngestWrite, StoryKeyConflictError, type StoredKeys } from '../stories/stories.types';
import { TaggingService } from '../tagging/tagging.service';
import { inStoringOrder, type IngestPlan, planIngest } from './ingest-plan';

/** What ingest needs of the stories room: a look-up by keys, and one write per poll. */
export interface StoryStore {
  storedKeys(feedId: number, items: readonly Pick<IngestItem, 'guidKey' | 'canonicalUrl'>[]): Promise<StoredKeys>;
  store(write: IngestWrite): Promise<IngestSummary>;
}

export interface StoryTagger {
  tag(story: { title: string; summary: string }): StoryTags;
}

/** Looks up and decides again this often when another writer stored the same keys meanwhile. */
const ATTEMPTS = 2;

/**
 * Turns a poll's items into stories: decides what is new, what is an edit and what is another
 * outlet's copy (ingest-plan.ts), tags what will be written, then hands the result to the
 * stories room, which writes it in one transaction. Tagging runs before that transaction, so a
 * slow tagger never holds the database's write lock.
 */
@Injectable()
export class IngestService {
  constructor(
    @Inject(StoriesService) private readonly stories: StoryStore,
    @Inject(TaggingService) private readonly tagger: StoryTagger,
  ) {}

  /** Stores a poll's items; a crash mid-way leaves nothing half-written, and the next poll stores them again. */
  async ingest(feed: { id: number; title: string }, items: readonly IngestItem[], now = Date.now()): Promise<IngestSummary> {
    const batch = inStoringOrder(items);
    if (batch.length === 0) return { created: [], updated: [] };
    const tags = new Map<string, StoryTags>();
    for (let attempt = 1; ; attempt++) {
      const plan = planIngest(batch, await this.stories.storedKeys(feed.id, batch));
      try {
        return await this.stories.store(this.tagged(feed, now, plan, tags));
      } catch (error) {
        // Another instance stored the same article between our look-up and our write: the next look-up sees it.
        if (!(error instanceof StoryKeyConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  /** The plan with the tags of every story it writes text to; `tags` keeps them across attempts, by content. */
  private tagged(feed: IngestWrite['feed'], now: number, plan: IngestPlan, tags: Map<string, StoryTags>): IngestWrite {
    const tagsOf = (item: { title: string; summary: string; contentHash: string }) => {
      let found = tags.get(item.contentHash);
      if (!found) tags.set(item.contentHash, (found = this.tagger.tag({ title: item.title, summary: item.summary })));
      return found;
    };
    return {
      feed,
      now,
      created: plan.created.map((entry) => ({ ...entry, tags: tagsOf(entry.item) })),
      changes: plan.changes.map((change) => (change.kind === 'edit' ? { ...change, tags: tagsOf(change.item) } : change)),
    };
  }
}
