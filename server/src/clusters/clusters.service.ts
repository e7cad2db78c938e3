import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { type Cluster, type ClusterDetail, guessLanguage, headlineIn, normaliseText, type Page, type Principal, type PublisherFamily, type StoryLanguage } from '@sentinel/shared';
import { AuditService } from '../audit/audit.service';
import { storyInScope } from '../auth/scope';
import { InvalidInputError, NotFoundError } from '../common/domain-error';
import { decodeKeysetCursor, encodeKeysetCursor } from '../common/keyset-cursor';
import { DomainEvents } from '../events/domain-events';
import { StoriesService } from '../stories/stories.service';
import { TaggingService } from '../tagging/tagging.service';
import { BASELINE_WINDOW_MS, BreakingBaseline } from './breaking-baseline';
import { BREAKING_WITHIN_MS, type ClusterMember, earlyIndependentOutlets, summariseCluster } from './cluster-summary';
import { ClustersRepository, type ClusterStoryRow, type ClusterWrite, type StoryPlacement } from './clusters.repository';
import { ClusterEngine, type ClusterInput, DEFAULT_CLUSTER_ENGINE_OPTIONS, placeKeys } from './engine/cluster-engine';
import { feedOutlet, feedTier } from './feed-outlet';
import { extractFigures } from './figures';
import { MemberCache } from './member-cache';
import { checkFamilyChange, outletName } from './publisher-families';

/** A parsed `GET /api/clusters` query (see ClusterListQueryPipe). */
export interface ClusterListQuery {
  since?: number;
  changedSince?: number;
  region?: string;
  topic?: string;
  q?: string;
  minSources?: number;
  breaking?: boolean;
  limit: number;
  cursor?: string;
  /** The headline language asked for (`lang`); the controller falls back to Accept-Language. */
  lang?: StoryLanguage;
}

/** Stories placed in one transaction at most (a big poll is placed in several). */
const PLACE_BATCH = 500;

/** How often the breaking baselines are read again from the stored events. */
const BASELINE_REFRESH_MS = 3600_000;

/**
 * Events: places each committed story in a cluster (after the stories module announced it), keeps
 * the cluster rows, answers the list and detail, and applies analysts' merges and splits. The
 * decision itself is the engine's; this class feeds it, stores what it decided and announces it.
 * A cluster is rewritten too when its stories change after they were placed (edited, re-tagged)
 * or when their outlets are regrouped (publisher families, a feed's outlet or tier). All of it
 * runs in one queue, one piece of work at a time, in the order it was asked for.
 */
@Injectable()
export class ClustersService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnModuleDestroy {
  private readonly logger = new Logger('Clusters');
  private engine = new ClusterEngine();
  private families = new Map<string, string>();
  private readonly baseline: BreakingBaseline;
  private baselineTimer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private unsubscribe: (() => void)[] = [];
  /** Stories announced as edited whose clusters have not been rewritten yet (a re-tag announces hundreds at once). */
  private readonly editedStories = new Set<number>();
  /** Stories announced as new and not placed yet, and whether a run to place them is queued. */
  private readonly toPlace: number[] = [];
  private placing = false;
  private readonly members = new MemberCache();

  constructor(
    private readonly repository: ClustersRepository,
    private readonly events: DomainEvents,
    private readonly stories: StoriesService,
    private readonly tagging: TaggingService,
    private readonly audit: AuditService,
  ) {
    this.baseline = new BreakingBaseline(this.tagging.macroRegionOf);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refreshBaseline();
    this.baselineTimer = setInterval(() => void this.refreshBaseline().catch((error) => this.logger.warn(`refreshing breaking baselines failed: ${(error as Error).message}`)), BASELINE_REFRESH_MS);
    this.baselineTimer.unref();
    await this.restore();
    this.unsubscribe = [
      this.events.on('story:new', ({ story }) => this.placeLater(story.id)),
      this.events.on('story:updated', ({ story }) => this.resummariseLater(story.id)),
    ];
    // Stories stored while this service was not running (a crash between the story's commit and
    // its placing, or a restart) are placed now, oldest first; placing is idempotent.
    const missed = await this.repository.stories({ unclusteredSince: Date.now() - DEFAULT_CLUSTER_ENGINE_OPTIONS.windowMs });
    if (missed.length) this.logger.log(`placing ${missed.length} stories stored while events were not being built`);
    for (const row of missed) this.placeLater(row.id);
  }

  /** Stops taking stories and lets the ones already queued be placed, for at most 10 s. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopListening();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
    clearTimeout(timer);
  }

  onModuleDestroy(): void {
    this.stopListening();
  }

  private stopListening(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.baselineTimer) clearInterval(this.baselineTimer);
    this.baselineTimer = null;
  }

  /**
   * Reads the breaking baselines again from the events of the last 14 days whose first 30
   * minutes are over (see breaking-baseline.ts). Events written after this use the new bars;
   * events already stored keep theirs until they are written again.
   */
  async refreshBaseline(now = Date.now()): Promise<void> {
    this.baseline.refresh(await this.repository.baselineEvents(now - BASELINE_WINDOW_MS, now - BREAKING_WITHIN_MS));
  }

  /**
   * Stories announced together (a poll's) are placed together: one read, one transaction, each
   * event they touched written and announced once, however many of its stories arrived.
   */
  private placeLater(storyId: number): void {
    this.toPlace.push(storyId);
    if (this.placing) return;
    this.placing = true;
    void this.enqueue(async () => {
      this.placing = false;
      while (this.toPlace.length) {
        const ids = this.toPlace.splice(0, PLACE_BATCH);
        await this.place(ids).catch((error) => this.logger.error(`placing stories ${ids[0]}-${ids[ids.length - 1]} in events failed: ${(error as Error).message}`));
      }
    });
  }

  /** An edited or re-tagged story: its cluster is rewritten once for however many of its stories were announced meanwhile. */
  private resummariseLater(storyId: number): void {
    const first = this.editedStories.size === 0;
    this.editedStories.add(storyId);
    if (!first) return;
    void this.enqueue(async () => {
      const ids = [...this.editedStories];
      this.editedStories.clear();
      // A story not placed yet is placed as it is now; its placing is queued already.
      const placed = (await this.repository.stories({ ids })).filter((row) => row.clusterId !== null);
      await this.rewrite(placed.map((row) => row.clusterId as number));
    }).catch((error) => this.logger.error(`rewriting the events of edited stories failed: ${(error as Error).message}`));
  }

  /** Resolves once every story announced so far has been placed (tests and shutdown wait on it). */
  idle(): Promise<void> {
    return this.queue.then(() => undefined, () => undefined);
  }

  /** Rebuilds the engine from the stories of the window and the merges in force. */
  private async restore(): Promise<void> {
    this.families = await this.repository.families();
    const rows = await this.repository.stories({ firstSeenSince: Date.now() - DEFAULT_CLUSTER_ENGINE_OPTIONS.windowMs });
    const engine = new ClusterEngine();
    engine.restore(
      rows.map((r) => ({ ...this.inputOf(r), clusterId: r.clusterId as number })),
      (await this.repository.maxClusterId()) + 1,
      await this.repository.merges(),
    );
    this.engine = engine;
    if (rows.length) this.logger.log(`restored ${rows.length} stories of the last ${DEFAULT_CLUSTER_ENGINE_OPTIONS.windowMs / 86_400_000} days`);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Places stored stories (those not placed yet), in the order given, and writes the events they touched. */
  private async place(storyIds: number[]): Promise<void> {
    const rows = (await this.repository.stories({ ids: storyIds })).filter((row) => row.clusterId === null);
    if (rows.length === 0) return;
    const touched = new Map<number, { created: boolean; added: ClusterMember[] }>();
    const placements: StoryPlacement[] = [];
    for (const row of rows) {
      const input = this.inputOf(row);
      const { clusterId, created, copyOf } = this.engine.add(input);
      placements.push({ storyId: row.id, clusterId, copyOf });
      const entry = touched.get(clusterId) ?? { created, added: [] };
      touched.set(clusterId, entry);
      entry.added.push(this.memberOf({ ...row, clusterId, copyOf }, input.figures));
    }
    const earlier = await this.membersOf([...touched].filter(([, t]) => !t.created).map(([id]) => id));
    const now = Date.now();
    const writes = [...touched].map(([clusterId, t]) => {
      const members = [...(earlier.get(clusterId) ?? []), ...t.added];
      this.members.set(clusterId, members);
      return this.summaryOf(clusterId, t.created, members, now);
    });
    const eventIds = await this.repository.assign(placements, writes).catch((error: unknown) => {
      // The engine placed them but they are not stored: its memory and the cache are no longer the database's.
      this.members.clear();
      throw error;
    });
    writes.forEach((write, i) => this.announce(write, eventIds[i]));
  }

  /** The members of existing clusters: from the cache, else read (one query for all that are not cached). */
  private async membersOf(clusterIds: readonly number[]): Promise<Map<number, ClusterMember[]>> {
    const found = new Map<number, ClusterMember[]>();
    const missing: number[] = [];
    for (const id of clusterIds) {
      const cached = this.members.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length) {
      for (const row of await this.repository.stories({ clusterIds: missing })) {
        const list = found.get(row.clusterId as number) ?? [];
        found.set(row.clusterId as number, list);
        list.push(this.memberOf(row));
      }
    }
    return found;
  }

  private inputOf(row: ClusterStoryRow): ClusterInput {
    return {
      id: row.id,
      title: row.title,
      summary: row.summary,
      regions: row.tags.regions,
      topics: row.tags.topics,
      // The gazetteer's names are one per place whatever the story's language.
      places: placeKeys(row.tags.places),
      firstSeenAt: row.firstSeenAt,
      outlet: this.outletOf(row),
      figures: extractFigures(`${row.title}\n${row.summary}`),
    };
  }

  private outletOf(row: ClusterStoryRow): string {
    const outlet = row.feed ? feedOutlet(row.feed) : `feed:${row.feedTitle}`;
    return this.families.get(outlet) ?? outlet;
  }

  /**
   * Rewrites these clusters from their stories as stored now (text, tags, outlets, tiers), tells
   * the engine what the stories say now, and announces each as `cluster:updated`. Runs inside the
   * queue; a cluster merged away meanwhile has no stories and is skipped.
   */
  private async rewrite(clusterIds: readonly number[]): Promise<void> {
    const ids = [...new Set(clusterIds)];
    if (ids.length === 0) return;
    const byCluster = new Map<number, ClusterStoryRow[]>();
    for (const row of await this.repository.stories({ clusterIds: ids })) {
      const members = byCluster.get(row.clusterId as number) ?? [];
      members.push(row);
      byCluster.set(row.clusterId as number, members);
    }
    for (const [clusterId, members] of byCluster) {
      for (const row of members) this.engine.update(this.inputOf(row), clusterId);
      const write = this.writeOf(clusterId, false, members);
      this.announce(write, await this.repository.rewrite(write));
    }
  }

  /** Rewrites the events of the last window that have a story of a feed counted as `outlet` (before families apply). */
  private async rewriteOutlet(outlet: string): Promise<void> {
    const feedIds = (await this.repository.feeds()).filter((feed) => feedOutlet(feed) === outlet).map((feed) => feed.id);
    await this.rewrite(await this.repository.clusterIdsOfFeeds(feedIds, Date.now() - DEFAULT_CLUSTER_ENGINE_OPTIONS.windowMs));
  }

  /**
   * A feed's outlet or tier was edited (PATCH /api/feeds/:id): its events of the last window are
   * rewritten with its new outlet and tier. Resolves once they are.
   */
  feedEdited(feedId: number): Promise<void> {
    return this.enqueue(async () => this.rewrite(await this.repository.clusterIdsOfFeeds([feedId], Date.now() - DEFAULT_CLUSTER_ENGINE_OPTIONS.windowMs)));
  }

  /** Publisher families in force, by family then outlet. */
  async publisherFamilies(): Promise<PublisherFamily[]> {
    const families = [...(await this.repository.families())].map(([outlet, family]) => ({ outlet, family }));
    return families.sort((a, b) => a.family.localeCompare(b.family) || a.outlet.localeCompare(b.outlet));
  }

  /** `outlet` counts as `family` from now on: recent events with its stories are rewritten and announced before this resolves. */
  async setPublisherFamily(rawOutlet: string, rawFamily: string, caller: Principal): Promise<PublisherFamily> {
    const outlet = outletName(rawOutlet, 'outlet');
    const family = outletName(rawFamily, 'family');
    return this.enqueue(async () => {
      const current = await this.repository.families();
      checkFamilyChange(current, outlet, family);
      await this.repository.setFamily(outlet, family);
      this.families = await this.repository.families();
      this.members.clear();
      const before = current.get(outlet);
      await this.audit.record(caller, { action: 'publisher-family.set', subjectType: 'publisher-family', subjectId: null, detail: `${outlet} counts as ${family}${before ? ` (was ${before})` : ''}` });
      await this.rewriteOutlet(outlet);
      return { outlet, family };
    });
  }

  /** `outlet` counts as itself again. */
  async removePublisherFamily(rawOutlet: string, caller: Principal): Promise<void> {
    const outlet = outletName(rawOutlet, 'outlet');
    return this.enqueue(async () => {
      const family = this.families.get(outlet);
      if (!(await this.repository.removeFamily(outlet))) throw new NotFoundError(`${outlet} is in no publisher family; GET /api/publisher-families lists them`);
      this.families = await this.repository.families();
      this.members.clear();
      await this.audit.record(caller, { action: 'publisher-family.delete', subjectType: 'publisher-family', subjectId: null, detail: `${outlet} counts on its own again${family ? ` (was ${family})` : ''}` });
      await this.rewriteOutlet(outlet);
    });
  }

  /** A stored story as the summary reads it. */
  private memberOf(r: ClusterStoryRow, figures = extractFigures(`${r.title}\n${r.summary}`)): ClusterMember {
    return {
      id: r.id,
      title: r.title,
      url: r.url,
      feedTitle: r.feedTitle,
      firstSeenAt: r.firstSeenAt,
      outlet: this.outletOf(r),
      tier: r.feed ? feedTier(r.feed) : 'unverified',
      copyOf: r.copyOf,
      regions: r.tags.regions,
      topics: r.tags.topics,
      places: r.tags.places,
      figures,
      english: isLatin(r.title),
      language: guessLanguage(`${r.title}\n${r.summary}`),
    };
  }

  /** A cluster's row written again from its stories as stored now; the cache forgets its old members. */
  private writeOf(clusterId: number, created: boolean, rows: ClusterStoryRow[], now = Date.now()): ClusterWrite {
    this.members.forget(clusterId);
    return this.summaryOf(clusterId, created, rows.map((r) => this.memberOf(r)), now);
  }

  private summaryOf(clusterId: number, created: boolean, members: ClusterMember[], now: number): ClusterWrite {
    const bar = this.baseline.barFor(members.flatMap((m) => m.regions), members.flatMap((m) => m.topics));
    const summary = summariseCluster(members, bar);
    return { clusterId, created, updatedAt: now, earlyIndependent: earlyIndependentOutlets(members), summary: { ...summary, searchText: normaliseText(members.map((m) => m.title).join('\n')) } };
  }

  private announce(write: ClusterWrite, eventId: number): void {
    this.events.emit(write.created ? 'cluster:new' : 'cluster:updated', { eventId, cluster: clusterOf(write) });
  }

  /** `language`: the reader's, when they have one; each event's headline is its story in that language when it has one. */
  async list(query: ClusterListQuery, scope: Principal['scope'], language: StoryLanguage | null): Promise<Page<Cluster>> {
    const regionSets: string[][] = [];
    const topicSets: string[][] = [];
    if (query.region) regionSets.push(this.tagging.resolveRegion(query.region) ?? []);
    if (query.topic) topicSets.push([query.topic]);
    if (scope.regions.length) regionSets.push(scope.regions.flatMap((id) => this.tagging.resolveRegion(id) ?? []));
    if (scope.topics.length) topicSets.push([...scope.topics]);
    const before = query.cursor ? decodeKeysetCursor(query.cursor) : undefined;
    const items = await this.repository.page({
      since: query.since,
      changedSince: query.changedSince,
      regionSets,
      topicSets,
      words: query.q ? normaliseText(query.q).split(' ').filter(Boolean) : [],
      minSources: query.minSources,
      breaking: query.breaking,
      limit: query.limit + 1,
      before: before && { updatedAt: before.time, id: before.id },
    });
    const page = items.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map((c) => ({ ...c, headline: headlineIn(c, language) })), nextCursor: items.length > query.limit ? encodeKeysetCursor(Date.parse(last.updatedAt), last.id) : null };
  }

  async get(id: number, scope: Principal['scope'], language: StoryLanguage | null): Promise<ClusterDetail> {
    const cluster = await this.visible(id, scope);
    const stories = await this.stories.findByIds(cluster.storyIds);
    stories.sort((a, b) => Date.parse(a.firstSeenAt) - Date.parse(b.firstSeenAt) || a.id - b.id);
    return { ...cluster, headline: headlineIn(cluster, language), stories };
  }

  /** Clusters by id for replay; missing ones (merged away) are left out. */
  byIds(ids: number[]): Promise<Cluster[]> {
    return this.repository.byIds(ids);
  }

  /** Merged-away clusters for replay: each with the cluster its stories are in now (left out when there is none). */
  async mergesOf(ids: number[]): Promise<{ id: number; into: number; cluster: Cluster }[]> {
    const targets = await this.repository.mergeTargets(ids);
    const clusters = new Map((await this.repository.byIds([...new Set(targets.values())])).map((c) => [c.id, c]));
    return [...targets].flatMap(([id, into]) => {
      const cluster = clusters.get(into);
      return cluster ? [{ id, into, cluster }] : [];
    });
  }

  /** Whether a caller with this scope may see the cluster (its regions and topics, as for a story). */
  inScope(cluster: Pick<Cluster, 'regions' | 'topics'>, scope: Principal['scope']): boolean {
    return storyInScope(scope, cluster, this.tagging.resolveRegion);
  }

  private async visible(id: number, scope: Principal['scope']): Promise<Cluster> {
    const [cluster] = await this.repository.byIds([id]);
    if (!cluster || !this.inScope(cluster, scope)) throw new NotFoundError(`cluster ${id} does not exist`);
    return cluster;
  }

  /**
   * Analyst merge: `id` goes into `into`; later stories that would join `id` join `into`.
   * Announced as `cluster:merged` (id is gone, with `into` as it is now) and then `cluster:updated`
   * for `into`, as for any other rewrite of it: listeners that follow updates need no special case.
   */
  merge(id: number, into: number, caller: Principal): Promise<Cluster> {
    return this.enqueue(async () => {
      if (id === into) throw new InvalidInputError('into must be another cluster than the one merged');
      const [from, target] = [await this.visible(id, caller.scope), await this.visible(into, caller.scope)];
      const members = await this.repository.stories({ clusterIds: [from.id, target.id] });
      const write = this.writeOf(target.id, false, members.map((m) => ({ ...m, clusterId: target.id })));
      const [mergedEvent, updatedEvent] = await this.repository.merge(from.id, target.id, write, write.updatedAt);
      this.engine.merge(from.id, target.id);
      this.members.forget(from.id);
      await this.audit.record(caller, { action: 'cluster.merge', subjectType: 'cluster', subjectId: target.id, detail: `merged cluster ${from.id} ("${from.headline.title}") into ${target.id} ("${target.headline.title}")` });
      this.events.emit('cluster:merged', { eventId: mergedEvent, id: from.id, into: target.id, cluster: clusterOf(write) });
      this.announce(write, updatedEvent);
      return (await this.repository.byIds([target.id]))[0];
    });
  }

  /** Analyst split: `storyIds` leave cluster `id` for a new cluster, returned; their follow-ups follow them. */
  split(id: number, storyIds: number[], caller: Principal): Promise<Cluster> {
    return this.enqueue(async () => {
      const cluster = await this.visible(id, caller.scope);
      const wanted = new Set(storyIds);
      const outside = storyIds.filter((s) => !cluster.storyIds.includes(s));
      if (outside.length) throw new InvalidInputError(`storyIds must be stories of cluster ${id}; not in it: ${outside.join(', ')}`);
      if (wanted.size >= cluster.storyIds.length) throw new InvalidInputError('storyIds must leave at least one story in the cluster; to move all of them, merge instead');
      const members = await this.repository.stories({ clusterIds: [id] });
      const leaving = members.filter((m) => wanted.has(m.id));
      const staying = members.filter((m) => !wanted.has(m.id));
      const newId = Math.max(this.engine.reserveId(), (await this.repository.maxClusterId()) + 1);
      // A copy stays a copy of its original even when the two end up in different clusters: it is still not an independent voice.
      const now = Date.now();
      const created = this.writeOf(newId, true, leaving.map((r) => ({ ...r, clusterId: newId })), now);
      const rest = this.writeOf(id, false, staying, now);
      const [createdEvent, restEvent] = await this.repository.split([...wanted], created, rest, now);
      this.engine.split(leaving.map((r) => this.inputOf(r)), newId);
      await this.audit.record(caller, { action: 'cluster.split', subjectType: 'cluster', subjectId: id, detail: `split stories ${[...wanted].join(', ')} out of cluster ${id} into new cluster ${newId}` });
      this.announce(created, createdEvent);
      this.announce(rest, restEvent);
      return (await this.repository.byIds([newId]))[0];
    });
  }
}

/** The API shape of a written cluster. */
function clusterOf(write: ClusterWrite): Cluster {
  const { searchText: _searchText, ...summary } = write.summary;
  return { ...summary, id: write.clusterId, updatedAt: new Date(write.updatedAt).toISOString() };
}

/** Titles in Latin script (English or French): preferred for the headline over Arabic ones. */
function isLatin(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (!letters) return false;
  return (letters.match(/\p{Script=Latin}/gu)?.length ?? 0) / letters.length > 0.8;
}
