import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { Page, Principal, Story } from '@sentinel/shared';
import { decodeKeysetCursor, encodeKeysetCursor } from '../common/keyset-cursor';
import { DomainEvents } from '../events/domain-events';
import { StoriesRepository } from './stories.repository';
import type { IngestItem, TagStory } from './stories.types';
import { TaggingService } from '../tagging/tagging.service';
import type { StoryQueryDto } from './stories.dto';
import { storyInScope } from '../auth/scope';

const MAX_SEARCH_WORDS = 12;

/** Search words as the index sees them: letters and digits, lower case. */
export function searchWords(q: string): string[] {
  return (q.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_SEARCH_WORDS).map((w) => w.slice(0, 64));
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

  /** Stores a poll's items and announces what changed, after the transaction commits. */
  async ingest(feed: { id: number; title: string }, items: IngestItem[], now = Date.now()): Promise<IngestSummary> {
    const outcome = await this.repository.ingest(feed, items, now, (story) => this.tagging.tag(story));
    const changed = await this.repository.findByIds([...outcome.createdIds, ...outcome.updatedIds]);
    const created = changed.filter((s) => outcome.createdIds.includes(s.id));
    const updated = changed.filter((s) => !outcome.createdIds.includes(s.id));
    for (const story of created) this.events.emit('story.created', { eventId: outcome.eventIds.get(story.id) as number, story });
    for (const story of updated) this.events.emit('story.updated', { eventId: outcome.eventIds.get(story.id) as number, story });
    return { created, updated };
  }

  /** A page of stories; a scoped caller (a wall token with regions or topics) sees only stories in its scope. */
  async list(query: StoryQueryDto, scope: Principal['scope'] = NO_SCOPE): Promise<Page<Story>> {
    const words = query.q === undefined ? undefined : searchWords(query.q);
    if (words && words.length === 0) throw new BadRequestException('q must contain at least one letter or digit');
    const since = query.since ? Date.parse(query.since) : undefined;
    const until = query.until ? Date.parse(query.until) : undefined;
    if (since !== undefined && until !== undefined && since >= until) throw new BadRequestException('since must be earlier than until');
    const regions = narrow(query.region?.length ? this.regionCodes(query.region) : undefined, scope.regions.length ? this.regionCodes(scope.regions) : undefined);
    const topics = narrow(query.topic?.length ? this.topicIds(query.topic) : undefined, scope.topics.length ? scope.topics : undefined);
    // Asked only for things outside the scope: nothing to show.
    if (regions?.length === 0 || topics?.length === 0) return { items: [], nextCursor: null };
    const items = await this.repository.findPage({
      feedId: query.feedId,
      regions,
      topics,
      words,
      since,
      until,
      limit: query.limit + 1,
      before: query.cursor ? toStoryKey(decodeKeysetCursor(query.cursor)) : undefined,
    });
    const page = items.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page, nextCursor: items.length > query.limit ? encodeKeysetCursor(Date.parse(last.publishedAt), last.id) : null };
  }

  /** Re-tags stories published since `since` with the given tagger; see RetagService. */
  retag(since: number, tag: TagStory, onProgress: (processed: number, changed: number, total: number) => void) {
    return this.repository.retag(since, tag, onProgress);
  }

  private regionCodes(ids: string[]): string[] {
    const codes = new Set<string>();
    for (const id of ids) {
      const resolved = this.tagging.resolveRegion(id);
      if (!resolved) throw new BadRequestException(`region ${JSON.stringify(id)} is not known: use an ISO country code (SY) or a macro-region id (middle-east); GET /api/taxonomy lists them`);
      for (const code of resolved) codes.add(code);
    }
    return [...codes];
  }

  private topicIds(ids: string[]): string[] {
    for (const id of ids) {
      if (!this.tagging.isTopic(id)) throw new BadRequestException(`topic ${JSON.stringify(id)} is not known; GET /api/taxonomy lists the topics`);
    }
    return ids;
  }

  async get(id: number, scope: Principal['scope'] = NO_SCOPE): Promise<Story> {
    const [story] = await this.repository.findByIds([id]);
    if (!story || !this.inScope(story, scope)) throw new NotFoundException(`story ${id} does not exist`);
    return story;
  }

  private inScope(story: Pick<Story, 'regions' | 'topics'>, scope: Principal['scope']): boolean {
    return storyInScope(scope, story, (id) => this.tagging.resolveRegion(id));
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

  /** Stories published since `since`, newest first, at most `limit` (for backtests). */
  recent(since: number, limit: number): Promise<Story[]> {
    return this.repository.findPage({ since, limit });
  }

  tagCountsSince(since: number) {
    return this.repository.tagCountsSince(since);
  }

  countByFeed(recentSince: number) {
    return this.repository.countByFeed(recentSince);
  }
}

const NO_SCOPE: Principal['scope'] = { regions: [], topics: [] };

/** What was asked for, within what is allowed; undefined when neither limits it. */
function narrow(asked: string[] | undefined, allowed: string[] | undefined): string[] | undefined {
  if (!allowed) return asked;
  if (!asked) return allowed;
  const inside = new Set(allowed);
  return asked.filter((value) => inside.has(value));
}

const toStoryKey = ({ time, id }: { time: number; id: number }) => ({ publishedAt: time, id });
