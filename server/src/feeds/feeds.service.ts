import * as fs from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Feed, FeedPollResult, HealthResponse, OpmlImportResult } from '@sentinel/shared';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-error';
import { APP_CONFIG, AppConfig } from '../config/config';
import { isUniqueViolation } from '../database/database';
import type { FeedEntity } from '../database/entities';
import { FeedGroups } from './feed-groups';
import { FeedScheduler } from './feed-scheduler';
import { FeedViews } from './feed-views';
import type { CreateFeedDto, UpdateFeedDto } from './feeds.dto';
import { FeedsRepository, NewFeed } from './feeds.repository';
import { OutboundError, parseOutboundUrl } from '../outbound';
import { FeedFetcher } from './feed-fetcher';
import { buildOpml, OpmlError, parseOpml } from './opml';
import { decodeBody, discoverFeedLinks, FeedParseError, looksLikeHtmlPage, parseFeedDocument } from './parser';

export const PROBE_FETCHER = Symbol('PROBE_FETCHER');

/** A subscription URL in its stored form, or the reason it cannot be one. */
export function normaliseFeedUrl(raw: string): { url: string } | { reason: string } {
  try {
    const url = parseOutboundUrl(raw.trim());
    url.hash = '';
    return { url: url.href };
  } catch (error) {
    return { reason: error instanceof OutboundError ? error.message : 'not a valid URL' };
  }
}

@Injectable()
export class FeedsService {
  private readonly logger = new Logger('FeedsService');

  constructor(
    private readonly feeds: FeedsRepository,
    private readonly views: FeedViews,
    private readonly scheduler: FeedScheduler,
    private readonly groups: FeedGroups,
    @Inject(PROBE_FETCHER) private readonly fetcher: FeedFetcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<Feed[]> {
    return this.views.many(await this.feeds.all());
  }

  async get(id: number): Promise<Feed> {
    return this.views.one(await this.entity(id));
  }

  /** The feeds with these ids that exist, in id order; reads only those feeds. */
  async byIds(ids: readonly number[]): Promise<Feed[]> {
    return this.views.many(await this.feeds.byIds(ids));
  }

  /**
   * Subscribes to a feed. The address is fetched once: a feed is taken as it is; an HTML page
   * is accepted when it advertises a feed, which is then subscribed instead; a page without
   * one is refused. An address that cannot be reached right now is still added, and its
   * status tells what is wrong, because feeds do go down for a while.
   */
  async create(dto: CreateFeedDto): Promise<Feed> {
    const normalised = normaliseFeedUrl(dto.url);
    if ('reason' in normalised) throw new InvalidInputError(`url: ${normalised.reason}`);
    await this.refuseDuplicate(normalised.url);
    const target = await this.resolveSubscription(normalised.url);
    if (target.url !== normalised.url) await this.refuseDuplicate(target.url);
    const title = dto.title?.trim();
    const [id] = await this.feeds.insert(
      [{ url: target.url, title: title || target.title || new URL(target.url).host, titleFromUser: !!title, siteUrl: target.siteUrl, group: dto.group?.trim() || null, intervalSec: dto.intervalSec ?? null }],
      Date.now(),
    );
    // Before the feed can bring a story, so a live `group` subscription knows it.
    await this.groups.reload();
    this.scheduler.nudge();
    return this.get(id);
  }

  async update(id: number, dto: UpdateFeedDto): Promise<Feed> {
    const feed = await this.entity(id);
    const changes: Partial<FeedEntity> = {};
    if (dto.title !== undefined) Object.assign(changes, { title: dto.title.trim(), titleFromUser: true });
    if (dto.group !== undefined) changes.group = dto.group?.trim() || null;
    if (dto.intervalSec !== undefined) changes.intervalSec = dto.intervalSec;
    if (dto.outlet !== undefined) changes.outlet = dto.outlet === null ? null : dto.outlet.trim().toLowerCase();
    if (dto.tier !== undefined) changes.tier = dto.tier;
    if (dto.enabled !== undefined) {
      changes.enabled = dto.enabled;
      if (dto.enabled && !feed.enabled) changes.nextPollAt = Date.now();
    }
    if (dto.intervalSec !== undefined && dto.intervalSec !== null && feed.consecutiveFailures === 0) {
      changes.nextPollAt = Math.min(feed.nextPollAt, (feed.lastPolledAt ?? Date.now()) + dto.intervalSec * 1000);
    }
    await this.feeds.update(id, changes);
    if (changes.group !== undefined) await this.groups.reload();
    if (changes.enabled) this.scheduler.nudge();
    return this.get(id);
  }

  /** Removes the subscription and returns what it was. Stories it brought stay in the archive under the feed's last title. */
  async remove(id: number): Promise<Pick<Feed, 'url' | 'title'>> {
    const feed = await this.entity(id);
    if (!(await this.feeds.delete(id))) throw new NotFoundError(`feed ${id} does not exist`);
    await this.groups.reload();
    return { url: feed.url, title: feed.title };
  }

  async statusCounts(): Promise<HealthResponse['feeds']> {
    const counts = await this.feeds.countByStatus();
    return { total: counts.pending + counts.ok + counts.stale + counts.error, ...counts };
  }

  /** @throws HostBusyError when the feed's host already has as many polls running as it may. */
  async pollNow(id: number): Promise<FeedPollResult> {
    return this.scheduler.pollNow(await this.entity(id));
  }

  async exportOpml(): Promise<string> {
    const feeds = await this.feeds.all();
    return buildOpml(feeds.map((f) => ({ url: f.url, title: f.title, group: f.group, siteUrl: f.siteUrl })));
  }

  /**
   * Adds every new feed of an OPML file (at most MAX_OPML_FEEDS, else 400) in one transaction of
   * a few batched statements; no fetching: the scheduler polls them, within its limits.
   */
  async importOpml(text: string): Promise<OpmlImportResult> {
    let entries;
    try {
      entries = parseOpml(text);
    } catch (error) {
      if (error instanceof OpmlError) throw new InvalidInputError(error.message);
      throw new InvalidInputError('the OPML file is not well-formed XML');
    }
    const result: OpmlImportResult = { added: 0, duplicates: 0, invalid: [] };
    const wanted = new Map<string, NewFeed>();
    for (const entry of entries) {
      const normalised = normaliseFeedUrl(entry.url);
      if ('reason' in normalised) {
        result.invalid.push({ url: entry.url.slice(0, 300), reason: normalised.reason });
        continue;
      }
      if (wanted.has(normalised.url)) {
        result.duplicates++;
        continue;
      }
      const title = entry.title?.slice(0, 500) || null;
      wanted.set(normalised.url, {
        url: normalised.url,
        title: title ?? new URL(normalised.url).host,
        titleFromUser: !!title,
        siteUrl: entry.siteUrl && 'url' in normaliseFeedUrl(entry.siteUrl) ? entry.siteUrl : null,
        group: entry.group?.slice(0, 200) ?? null,
        intervalSec: null,
      });
    }
    const existing = await this.feeds.byUrls([...wanted.keys()]);
    const fresh = [...wanted.values()].filter((f) => !existing.has(f.url));
    result.duplicates += wanted.size - fresh.length;
    try {
      result.added = (await this.feeds.insert(fresh, Date.now())).length;
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('some of these feeds were added by someone else meanwhile; nothing was imported: import the file again');
      throw error;
    }
    if (result.added) {
      await this.groups.reload();
      this.scheduler.nudge();
    }
    return result;
  }

  /** Seeds a fresh database with the bundled list of real feeds (DEFAULT_FEEDS=real). */
  async seedDefaultFeeds(): Promise<void> {
    if (this.config.defaultFeeds !== 'real' || (await this.feeds.count()) > 0) return;
    const result = await this.importOpml(fs.readFileSync(this.config.defaultFeedsFile, 'utf8'));
    this.logger.log(`seeded ${result.added} default feeds from ${this.config.defaultFeedsFile}`);
  }

  private async entity(id: number): Promise<FeedEntity> {
    const feed = await this.feeds.byId(id);
    if (!feed) throw new NotFoundError(`feed ${id} does not exist`);
    return feed;
  }

  private async refuseDuplicate(url: string): Promise<void> {
    const existing = await this.feeds.byUrl(url);
    if (existing) {
      throw new ConflictError(`already subscribed: feed ${existing.id} has this URL`, existing.id);
    }
  }

  private async resolveSubscription(url: string, discover = true): Promise<{ url: string; title: string | null; siteUrl: string | null }> {
    let fetched;
    try {
      fetched = await this.fetcher.fetch({ url });
    } catch (error) {
      if (error instanceof OutboundError && (error.kind === 'blocked-address' || error.kind === 'invalid-url')) {
        throw new InvalidInputError(`url: ${error.message}`);
      }
      return { url, title: null, siteUrl: null };
    }
    if (fetched.kind === 'not-modified') return { url, title: null, siteUrl: null };
    const text = decodeBody(fetched.body, fetched.contentType);
    if (looksLikeHtmlPage(text) && discover) {
      const [advertised] = discoverFeedLinks(text, fetched.url);
      if (!advertised) {
        throw new InvalidInputError('url: not a feed: the page is HTML and advertises no feed (no <link rel="alternate"> of an RSS, Atom or JSON feed)');
      }
      const normalised = normaliseFeedUrl(advertised);
      if ('reason' in normalised) throw new InvalidInputError(`url: the page advertises a feed whose address is unusable: ${normalised.reason}`);
      const feed = await this.resolveSubscription(normalised.url, false);
      return { ...feed, siteUrl: feed.siteUrl ?? fetched.url };
    }
    try {
      const parsed = await parseFeedDocument({ body: fetched.body, contentType: fetched.contentType, url: fetched.url }, new Date());
      return { url, title: parsed.title?.slice(0, 500) ?? null, siteUrl: parsed.siteUrl };
    } catch (error) {
      if (error instanceof FeedParseError) return { url, title: null, siteUrl: null };
      throw error;
    }
  }
}
