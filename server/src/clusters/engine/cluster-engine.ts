/**
 * The cluster engine: decides, one story at a time, which event (cluster) a story belongs to.
 * Pure and in memory; the clusters service feeds it after each committed ingest and restores it
 * from the database at start-up (`restore`). It owns the decision only, not storage.
 *
 * How a story is placed:
 * 1. Candidates come from inverted indexes, never from a scan: clusters that share a place, a
 *    region+topic pair, or one of the story's rarest words (highest IDF in the window). Each index
 *    key keeps only its most recently active clusters (`perKeyCandidates`), so the cost of an add
 *    depends on the story, not on how many stories are in the window. Words are held as integer
 *    ids of the window's vocabulary (vocabulary.ts) and each cluster's words as one compact table
 *    (word-counts.ts): with 100,000 stories in the window the clusters no longer fit in the
 *    processor's caches, and string-keyed maps made each candidate a chain of waits on memory.
 * 2. Each candidate in time (the story is at most `windowMs` after the cluster's first story and
 *    at most `gapMs` after its latest) is scored: IDF-weighted share of the story's words the
 *    cluster already has, plus evidence that does not depend on language (places, topics,
 *    regions, figures in common), minus conflicting evidence (different places in the same
 *    country, different topics). Regions that do not overlap rule a candidate out: two prison
 *    breaks in different countries on the same day are two events.
 * 3. The best candidate at or above `joinScore` is joined; otherwise the story starts an event.
 *    An Arabic or French story shares no words with an English event but shares its places (the
 *    gazetteer names them in one language), topic, time and figures, which is enough to join.
 * 4. A story that is a near-duplicate (see ../copies.ts) of an earlier story from another outlet
 *    in the chosen cluster, or in a candidate cluster whose wording it shares, is a copy of it and
 *    joins that story's cluster.
 *
 * Analysts' merges and splits are applied by the service through `merge` and `split`; the engine
 * keeps the redirect (a story that would join a merged-away cluster joins its target) and moves
 * the split stories' words and places to the new cluster so that their follow-ups go there too.
 */
import { type Place, searchTokens } from '@sentinel/shared';
import { isNearDuplicate, resemblance, shingles } from '../copies';
import type { Figure } from '../figures';
import { WindowVocabulary } from './vocabulary';
import { WordCounts } from './word-counts';

/**
 * The engine's place keys for a story's tagged places: country and name, the same in every
 * language (the gazetteer names each place once). Countries themselves are left out: every story
 * about Syria names Syria, which says nothing about which event it reports (regions carry it).
 * Wide areas (Darfur, Gaza, a governorate) start with BROAD_PLACE: sharing one is weak evidence,
 * and a story naming only a wide area does not conflict with one naming a town in it.
 */
export function placeKeys(places: readonly Pick<Place, 'country' | 'name' | 'kind'>[]): string[] {
  return places.filter((p) => p.kind !== 'country').map((p) => `${p.kind === 'region' || p.kind === 'admin-region' ? BROAD_PLACE : ''}${p.country}:${p.name}`);
}

export const BROAD_PLACE = '~';

export interface ClusterInput {
  id: number;
  title: string;
  summary: string;
  regions: string[];
  topics: string[];
  places: string[];
  /** Epoch ms. */
  firstSeenAt: number;
  outlet: string;
  figures: Figure[];
}

export interface ClusterAssignment {
  clusterId: number;
  created: boolean;
  /** The earlier story from another outlet this one is a near-duplicate of; null when independent. */
  copyOf: number | null;
}

export interface ClusterEngineOptions {
  /** A story joins a cluster only within this time of the cluster's first story (default 3 days). */
  windowMs: number;
  /** ...and within this time of the cluster's latest story (default 36 hours). */
  gapMs: number;
  /** The score from which a story joins its best candidate. */
  joinScore: number;
  /** Added when the story and the cluster share a named place. */
  placeWeight: number;
  /** Added when they share a topic. */
  topicWeight: number;
  /** Added when they share a region (country). */
  regionWeight: number;
  /** Added when one side names no place but they share a region and a topic (a country-level report of a local event). */
  looseRegionWeight: number;
  /** Added when they give the same figure (what and value). */
  figureWeight: number;
  /** Subtracted when both name places in a shared country and none in common (same country, another town). */
  placeConflictPenalty: number;
  /** Subtracted when both have topics and none in common. */
  topicConflictPenalty: number;
  /** How many of the story's rarest words are looked up in the word index. */
  lookupWords: number;
  /**
   * A word in more than this share of the window's stories (and more than `lookupMinStories`)
   * names no particular event and is not looked up: it would only bring the latest clusters of
   * the day, whatever they are about.
   */
  lookupMaxShare: number;
  lookupMinStories: number;
  /** How many recently active clusters each place or region+topic key remembers. */
  perKeyCandidates: number;
  /** How many recently active clusters each word key remembers (words are many, and less specific than places). */
  perWordCandidates: number;
  /** Earliest stories of a cluster checked for being the original of a copy. */
  copyCheckStories: number;
  /** Word similarity from which a candidate's stories are checked for an original. */
  copyCheckSimilarity: number;
  /**
   * Shingle resemblance from which two stories are handed to isNearDuplicate (which decides);
   * below it they cannot be copies, and the comparison stays cheap.
   */
  copyPrefilter: number;
}

export const DEFAULT_CLUSTER_ENGINE_OPTIONS: ClusterEngineOptions = {
  windowMs: 3 * 24 * 3600_000,
  gapMs: 36 * 3600_000,
  joinScore: 0.6,
  placeWeight: 0.35,
  topicWeight: 0.15,
  regionWeight: 0.1,
  looseRegionWeight: 0.15,
  figureWeight: 0.15,
  placeConflictPenalty: 0.35,
  topicConflictPenalty: 0.25,
  lookupWords: 6,
  lookupMaxShare: 0.002,
  lookupMinStories: 8,
  perKeyCandidates: 24,
  perWordCandidates: 8,
  copyCheckStories: 48,
  copyCheckSimilarity: 0.35,
  copyPrefilter: 0.25,
};

/** A story as the engine remembers it: enough to find the original of a later copy. */
interface MemberStory {
  id: number;
  outlet: string;
  title: string;
  summary: string;
  firstSeenAt: number;
  /** Shingles of title and summary, computed once, to rule out most pairs before isNearDuplicate. */
  shingles: number[];
  /** The title's words: equal titles go to isNearDuplicate whatever the summaries. */
  titleKey: string;
}

/** What a cluster looks like to the engine. */
export interface ClusterState {
  id: number;
  firstSeenAt: number;
  lastSeenAt: number;
  /** Word (its id in the engine's WindowVocabulary) → how many of the cluster's stories use it. */
  words: WordCounts;
  places: Set<string>;
  /** How many of `places` are specific (not BROAD_PLACE). */
  specificPlaces: number;
  regions: Set<string>;
  topics: Set<string>;
  /** `what:value` of the figures its stories gave. */
  figures: Set<string>;
  stories: MemberStory[];
}

/** What `restore` takes: stories with the cluster the database says they are in, oldest first. */
export interface RestoredStory extends ClusterInput {
  clusterId: number;
}

/** Counters for tests and the benchmark: how much work adds cost. */
export interface ClusterEngineStats {
  adds: number;
  /** Candidate clusters scored, over all adds. */
  comparisons: number;
  activeClusters: number;
  activeStories: number;
}

/** A recency list of cluster ids under one index key; duplicates allowed, read newest first. */
type Posting = number[];

/** Words shorter than this carry little (articles, "al", numbers like "3") and are not indexed. */
const MIN_WORD_LENGTH = 3;
/**
 * Function words of the feeds' languages. IDF discounts them in a full window, but a window of a
 * few dozen stories (a quiet night, a fresh start) has no statistics yet.
 */
const FUNCTION_WORDS = new Set(
  ('the and for with from that this after over into about says said have has was were are its their they them than been will would '
    + 'les des une dans pour par sur avec qui que est sont ont aux ces leur selon apres plus '
    + 'في من على الى عن مع بعد التي الذي هذا هذه').split(' '),
);

export class ClusterEngine {
  private readonly options: ClusterEngineOptions;
  private readonly clusters = new Map<number, ClusterState>();
  /** Merged-away cluster → the cluster it went into. */
  private readonly redirects = new Map<number, number>();
  private readonly placeIndex = new Map<string, Posting>();
  private readonly regionTopicIndex = new Map<string, Posting>();
  /** Keyed by word id. */
  private readonly wordIndex = new Map<number, Posting>();
  /** The window's words as ids, with how many stories in the window use each (for IDF). */
  private readonly vocabulary = new WindowVocabulary();
  /** Stories in the window, oldest first, with their distinct words, to expire them. */
  private readonly timeline: { at: number; words: number[] }[] = [];
  private timelineStart = 0;
  /** Clusters by last activity, to expire them; an entry is stale when the cluster moved on. */
  private readonly expiry: { at: number; clusterId: number }[] = [];
  private expiryStart = 0;
  private storiesInWindow = 0;
  private now = 0;
  private nextId = 1;
  private readonly counters = { adds: 0, comparisons: 0 };

  constructor(options: Partial<ClusterEngineOptions> = {}) {
    this.options = { ...DEFAULT_CLUSTER_ENGINE_OPTIONS, ...options };
  }

  /** Places one story: joins the best cluster in reach or starts one. */
  add(story: ClusterInput): ClusterAssignment {
    this.counters.adds++;
    this.advance(story.firstSeenAt);
    const words = this.wordIdsOf(story);
    const figures = figureKeys(story.figures);
    const member = memberOf(story);
    // Looked up once: the window's statistics do not change before the story is added.
    const rarest = this.rarestWords(words);
    const candidates = this.candidates(story, rarest);
    const weights = words.map((word) => this.idf(word));
    const totalWeight = sumOf(weights);

    let best: ClusterState | null = null;
    let bestScore = -Infinity;
    let copyOf: number | null = null;
    let copyCluster: ClusterState | null = null;
    for (const cluster of candidates) {
      this.counters.comparisons++;
      const similarity = wordSimilarity(words, weights, totalWeight, cluster);
      const score = this.score(story, figures, similarity, cluster);
      if (score > bestScore) {
        best = cluster;
        bestScore = score;
      }
      if (copyOf === null && similarity >= this.options.copyCheckSimilarity) {
        copyOf = this.originalIn(cluster, member);
        if (copyOf !== null) copyCluster = cluster;
      }
    }

    let target: ClusterState;
    let created = false;
    if (copyCluster) target = copyCluster;
    else if (best && bestScore >= this.options.joinScore) target = best;
    else {
      target = this.createCluster(this.nextId++, story.firstSeenAt);
      created = true;
    }
    this.addToCluster(target, story, words, figures, member, rarest);
    this.remember(words, story.firstSeenAt);
    return { clusterId: target.id, created, copyOf };
  }

  /**
   * Rebuilds the state from stored stories (oldest first) and the merges still in force, so that
   * a restarted server places new stories as the old one would have. New cluster ids continue
   * after `nextClusterId - 1`.
   */
  restore(stories: readonly RestoredStory[], nextClusterId: number, redirects: ReadonlyMap<number, number> = new Map()): void {
    for (const story of stories) {
      this.advance(story.firstSeenAt);
      const words = this.wordIdsOf(story);
      const cluster = this.clusters.get(story.clusterId) ?? this.createCluster(story.clusterId, story.firstSeenAt);
      this.addToCluster(cluster, story, words, figureKeys(story.figures));
      this.remember(words, story.firstSeenAt);
    }
    for (const [from, to] of redirects) this.redirects.set(from, to);
    this.nextId = Math.max(this.nextId, nextClusterId);
  }

  /** Analyst merge: `from`'s stories and evidence go into `into`; later stories that would join `from` join `into`. */
  merge(from: number, into: number): void {
    this.redirects.set(from, into);
    for (const [key, target] of this.redirects) if (target === from) this.redirects.set(key, into);
    const source = this.clusters.get(from);
    if (!source) return;
    const target = this.clusters.get(into) ?? this.createCluster(into, source.firstSeenAt);
    for (const member of source.stories) target.stories.push(member);
    target.stories.sort((a, b) => a.firstSeenAt - b.firstSeenAt);
    for (const [word, count] of source.words) target.words.set(word, (target.words.get(word) ?? 0) + count);
    for (const p of source.places) addPlace(target, p);
    for (const r of source.regions) target.regions.add(r);
    for (const t of source.topics) target.topics.add(t);
    for (const f of source.figures) target.figures.add(f);
    target.firstSeenAt = Math.min(target.firstSeenAt, source.firstSeenAt);
    this.touch(target, Math.max(target.lastSeenAt, source.lastSeenAt));
    this.clusters.delete(from);
  }

  /**
   * Analyst split: `stories` (with their text and tags) leave their cluster for a new one with
   * the id the service chose. The new cluster is indexed under their places, words and topics so
   * that their follow-ups and copies find it; the old cluster keeps its evidence (it may still
   * draw a follow-up, which the analyst can split again; forgetting words shared with the stories
   * that stay would be wrong).
   */
  split(stories: readonly ClusterInput[], newClusterId: number): void {
    if (stories.length === 0) return;
    const ids = new Set(stories.map((s) => s.id));
    for (const cluster of this.clusters.values()) {
      if (cluster.stories.some((m) => ids.has(m.id))) cluster.stories = cluster.stories.filter((m) => !ids.has(m.id));
    }
    const sorted = [...stories].sort((a, b) => a.firstSeenAt - b.firstSeenAt);
    const cluster = this.createCluster(newClusterId, sorted[0].firstSeenAt);
    for (const story of sorted) this.addToCluster(cluster, story, this.wordIdsOf(story), figureKeys(story.figures));
    this.nextId = Math.max(this.nextId, newClusterId + 1);
  }

  /**
   * A placed story changed (its text edited by a re-poll, re-tagged, or its outlet regrouped):
   * the engine remembers it as it is now, so later stories and copies are compared with what it
   * says. Words it no longer uses are forgotten; new words, places, regions, topics and figures
   * are added and indexed. Places, regions and topics it dropped stay with the cluster (they are
   * not counted per story; another story may name them), and the window's word statistics keep
   * the words it was placed with until they age out. False when the engine no longer holds it.
   */
  update(story: ClusterInput, clusterId: number): boolean {
    const cluster = this.clusters.get(this.resolve(clusterId));
    const at = cluster ? cluster.stories.findIndex((m) => m.id === story.id) : -1;
    if (!cluster || at === -1) return false;
    const before = cluster.stories[at];
    for (const text of distinctWords(before)) {
      const word = this.vocabulary.find(text);
      if (word === undefined) continue;
      const left = (cluster.words.get(word) ?? 1) - 1;
      if (left > 0) cluster.words.set(word, left);
      else cluster.words.delete(word);
    }
    cluster.stories[at] = memberOf({ ...story, firstSeenAt: before.firstSeenAt });
    const words = this.wordIdsOf(story);
    // Only evidence new to the cluster is posted: re-posting the rest would make it look recently active.
    for (const word of this.rarestWords(words)) if (!cluster.words.has(word)) post(this.wordIndex, word, cluster.id, this.options.perWordCandidates);
    for (const place of story.places) if (!cluster.places.has(place)) post(this.placeIndex, place, cluster.id, this.options.perKeyCandidates);
    for (const key of regionTopicKeys(story.regions.filter((r) => !cluster.regions.has(r)), story.topics)) post(this.regionTopicIndex, key, cluster.id, this.options.perKeyCandidates);
    for (const key of regionTopicKeys(story.regions, story.topics.filter((t) => !cluster.topics.has(t)))) post(this.regionTopicIndex, key, cluster.id, this.options.perKeyCandidates);
    for (const word of words) cluster.words.set(word, (cluster.words.get(word) ?? 0) + 1);
    for (const p of story.places) addPlace(cluster, p);
    for (const r of story.regions) cluster.regions.add(r);
    for (const t of story.topics) cluster.topics.add(t);
    for (const f of figureKeys(story.figures)) cluster.figures.add(f);
    return true;
  }

  /** The id the next new cluster gets. */
  peekNextId(): number {
    return this.nextId;
  }

  /** Reserves a cluster id (for a split made by the service). */
  reserveId(): number {
    return this.nextId++;
  }

  stats(): ClusterEngineStats {
    return { ...this.counters, activeClusters: this.clusters.size, activeStories: this.storiesInWindow };
  }

  /** `rarest`: the story's rarest words (rarestWords). */
  private candidates(story: ClusterInput, rarest: readonly number[]): ClusterState[] {
    const found = new Map<number, ClusterState>();
    const visit = (posting: Posting | undefined, cap = this.options.perKeyCandidates) => {
      if (!posting) return;
      let seen = 0;
      for (let i = posting.length - 1; i >= 0 && seen < cap; i--, seen++) {
        const id = this.resolve(posting[i]);
        if (found.has(id)) continue;
        const cluster = this.clusters.get(id);
        if (cluster && this.inReach(cluster, story.firstSeenAt)) found.set(id, cluster);
      }
    };
    for (const place of story.places) visit(this.placeIndex.get(place), place.startsWith(BROAD_PLACE) ? this.options.perWordCandidates : this.options.perKeyCandidates);
    // A story that names places finds its event through them; the region+topic key is for reports that name only a country.
    const regionTopicCap = story.places.length > 0 ? this.options.perWordCandidates : this.options.perKeyCandidates;
    for (const key of regionTopicKeys(story.regions, story.topics)) visit(this.regionTopicIndex.get(key), regionTopicCap);
    const common = Math.max(this.options.lookupMinStories, this.options.lookupMaxShare * this.storiesInWindow);
    for (const word of rarest) if (this.vocabulary.documentFrequency(word) <= common) visit(this.wordIndex.get(word), this.options.perWordCandidates);
    return [...found.values()];
  }

  private resolve(id: number): number {
    let current = id;
    for (let hops = 0; hops < 16; hops++) {
      const next = this.redirects.get(current);
      if (next === undefined) return current;
      current = next;
    }
    return current;
  }

  private inReach(cluster: ClusterState, at: number): boolean {
    return at - cluster.firstSeenAt <= this.options.windowMs && Math.abs(at - cluster.lastSeenAt) <= this.options.gapMs;
  }

  /** The words of the story rarest in the window (highest IDF): the ones that say what it is about. */
  private rarestWords(words: number[]): number[] {
    const n = this.options.lookupWords;
    if (words.length <= n) return words;
    return [...words].sort((a, b) => this.vocabulary.documentFrequency(a) - this.vocabulary.documentFrequency(b)).slice(0, n);
  }

  private idf(word: number): number {
    return Math.log((this.storiesInWindow + 1) / (this.vocabulary.documentFrequency(word) + 1)) + 1;
  }

  private score(story: ClusterInput, figures: string[], similarity: number, cluster: ClusterState): number {
    const o = this.options;
    const sharedRegion = story.regions.some((r) => cluster.regions.has(r));
    // Different countries: another event, whatever the words say.
    if (story.regions.length > 0 && cluster.regions.size > 0 && !sharedRegion) return -Infinity;
    let storySpecific = false;
    let sharedPlace = false;
    let sharedBroad = false;
    for (const p of story.places) {
      const broad = p.startsWith(BROAD_PLACE);
      if (!broad) storySpecific = true;
      if (cluster.places.has(p)) {
        if (broad) sharedBroad = true;
        else sharedPlace = true;
      }
    }
    const sharedTopic = story.topics.some((t) => cluster.topics.has(t));
    let score = similarity;
    if (sharedPlace) score += o.placeWeight;
    else if (storySpecific && cluster.specificPlaces > 0 && sharedRegion) score -= o.placeConflictPenalty;
    else if ((sharedRegion || sharedBroad) && sharedTopic) score += o.looseRegionWeight;
    if (sharedRegion) score += o.regionWeight;
    if (sharedTopic) score += o.topicWeight;
    else if (story.topics.length > 0 && cluster.topics.size > 0) score -= o.topicConflictPenalty;
    if (figures.some((f) => cluster.figures.has(f))) score += o.figureWeight;
    return score;
  }

  /**
   * The earliest earlier story in `cluster` that `story` is a near-duplicate of, when it comes
   * from another outlet; null when there is none or the earliest is the outlet's own (an outlet
   * repeating itself is still one voice, not a copy of another).
   */
  private originalIn(cluster: ClusterState, story: MemberStory): number | null {
    const limit = Math.min(cluster.stories.length, this.options.copyCheckStories);
    for (let i = 0; i < limit; i++) {
      const member = cluster.stories[i];
      if (member.firstSeenAt > story.firstSeenAt) continue;
      if (member.titleKey !== story.titleKey && resemblance(member.shingles, story.shingles) < this.options.copyPrefilter) continue;
      if (isNearDuplicate(story, member)) return member.outlet === story.outlet ? null : member.id;
    }
    return null;
  }

  private createCluster(id: number, at: number): ClusterState {
    const cluster: ClusterState = { id, firstSeenAt: at, lastSeenAt: at, words: new WordCounts(), places: new Set(), specificPlaces: 0, regions: new Set(), topics: new Set(), figures: new Set(), stories: [] };
    this.clusters.set(id, cluster);
    this.nextId = Math.max(this.nextId, id + 1);
    return cluster;
  }

  private addToCluster(cluster: ClusterState, story: ClusterInput, words: number[], figures: string[], member = memberOf(story), rarest = this.rarestWords(words)): void {
    cluster.stories.push(member);
    for (const word of words) cluster.words.set(word, (cluster.words.get(word) ?? 0) + 1);
    for (const p of story.places) addPlace(cluster, p);
    for (const r of story.regions) cluster.regions.add(r);
    for (const t of story.topics) cluster.topics.add(t);
    for (const f of figures) cluster.figures.add(f);
    cluster.firstSeenAt = Math.min(cluster.firstSeenAt, story.firstSeenAt);
    this.touch(cluster, Math.max(cluster.lastSeenAt, story.firstSeenAt));
    for (const place of story.places) post(this.placeIndex, place, cluster.id, this.options.perKeyCandidates);
    for (const key of regionTopicKeys(story.regions, story.topics)) post(this.regionTopicIndex, key, cluster.id, this.options.perKeyCandidates);
    for (const word of rarest) post(this.wordIndex, word, cluster.id, this.options.perWordCandidates);
  }

  private touch(cluster: ClusterState, at: number): void {
    cluster.lastSeenAt = at;
    this.expiry.push({ at, clusterId: cluster.id });
  }

  private remember(words: number[], at: number): void {
    this.vocabulary.countStory(words);
    this.timeline.push({ at, words });
    this.storiesInWindow++;
  }

  /** Moves the clock and forgets stories and clusters that fell out of the window. */
  private advance(at: number): void {
    if (at <= this.now) return;
    this.now = at;
    const horizon = at - this.options.windowMs;
    while (this.timelineStart < this.timeline.length && this.timeline[this.timelineStart].at < horizon) {
      this.vocabulary.uncountStory(this.timeline[this.timelineStart].words);
      this.timelineStart++;
      this.storiesInWindow--;
    }
    const gapHorizon = at - this.options.gapMs;
    while (this.expiryStart < this.expiry.length && this.expiry[this.expiryStart].at < gapHorizon) {
      const { at: touched, clusterId } = this.expiry[this.expiryStart++];
      const cluster = this.clusters.get(clusterId);
      // A cluster that has been active since is expired by its later entry.
      if (cluster && cluster.lastSeenAt === touched) this.forget(cluster);
    }
    if (this.timelineStart > 4096 && this.timelineStart * 2 > this.timeline.length) {
      this.timeline.splice(0, this.timelineStart);
      this.timelineStart = 0;
    }
    if (this.expiryStart > 4096 && this.expiryStart * 2 > this.expiry.length) {
      this.expiry.splice(0, this.expiryStart);
      this.expiryStart = 0;
    }
    // Before the story's own words get ids: every id in use is held by a cluster, an index key or the window.
    if (this.vocabulary.wantsSweep()) {
      this.vocabulary.sweep((mark) => {
        for (const cluster of this.clusters.values()) for (const word of cluster.words.keys()) mark(word);
        for (const word of this.wordIndex.keys()) mark(word);
      });
    }
  }

  /** The story's distinct words (distinctWords) as ids of the window's vocabulary. */
  private wordIdsOf(story: Pick<ClusterInput, 'title' | 'summary'>): number[] {
    return distinctWords(story).map((word) => this.vocabulary.idOf(word));
  }

  /** Drops an expired cluster and the index keys that point only at expired clusters. */
  private forget(cluster: ClusterState): void {
    this.clusters.delete(cluster.id);
    const prune = <K>(index: Map<K, Posting>, key: K) => {
      const posting = index.get(key);
      if (posting && !posting.some((id) => this.clusters.has(this.resolve(id)))) index.delete(key);
    };
    for (const place of cluster.places) prune(this.placeIndex, place);
    for (const key of regionTopicKeys([...cluster.regions], [...cluster.topics])) prune(this.regionTopicIndex, key);
    // Word postings: only those the cluster could have been posted under (bounded by its words).
    for (const word of cluster.words.keys()) prune(this.wordIndex, word);
    for (const [from, to] of this.redirects) if (to === cluster.id || from === cluster.id) this.redirects.delete(from);
  }
}

function addPlace(cluster: ClusterState, place: string): void {
  if (cluster.places.has(place)) return;
  cluster.places.add(place);
  if (!place.startsWith(BROAD_PLACE)) cluster.specificPlaces++;
}

/** IDF-weighted share of the story's words that the cluster's stories used; `total` is sumOf(weights). */
function wordSimilarity(words: readonly number[], weights: readonly number[], total: number, cluster: ClusterState): number {
  let shared = 0;
  for (let i = 0; i < words.length; i++) if (cluster.words.has(words[i])) shared += weights[i];
  return total === 0 ? 0 : shared / total;
}

/** Summed in order, so that the total is the same number for every candidate. */
function sumOf(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function post<K>(index: Map<K, Posting>, key: K, clusterId: number, cap: number): void {
  let posting = index.get(key);
  if (!posting) index.set(key, (posting = []));
  if (posting[posting.length - 1] === clusterId) return;
  posting.push(clusterId);
  // Keep the newest entries only; old ones are read past (duplicates) or expired anyway.
  if (posting.length > cap * 2) posting.splice(0, posting.length - cap);
}

function regionTopicKeys(regions: readonly string[], topics: readonly string[]): string[] {
  const keys: string[] = [];
  for (const r of regions) for (const t of topics) keys.push(`${r}|${t}`);
  return keys;
}

/** The story's distinct words of title and summary, as every matcher folds them. */
function distinctWords(story: Pick<ClusterInput, 'title' | 'summary'>): string[] {
  const words = new Set<string>();
  for (const word of searchTokens(`${story.title}\n${story.summary}`)) if (word.length >= MIN_WORD_LENGTH && !FUNCTION_WORDS.has(word)) words.add(word);
  return [...words];
}

function memberOf(story: ClusterInput): MemberStory {
  return {
    id: story.id,
    outlet: story.outlet,
    title: story.title,
    summary: story.summary,
    firstSeenAt: story.firstSeenAt,
    shingles: shingles(`${story.title}\n${story.summary}`),
    titleKey: searchTokens(story.title).join(' '),
  };
}

function figureKeys(figures: readonly Figure[]): string[] {
  return figures.map((f) => `${f.what}:${f.value}`);
}
