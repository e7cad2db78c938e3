/**
 * Finds the rules a story can match without testing every rule. Each rule's requirements are
 * clauses (see required-terms.ts): a story can match the rule only if it satisfies every clause,
 * that is contains a term of each. Clauses are filed under their terms; a story looks up its
 * words, word prefixes, regions, topics and feed-title words, counts per rule how many clauses it
 * satisfied, and only rules with a full count are tested. Counting runs on typed arrays and
 * touches no rule, so the cost of a story grows with the postings of its own terms, not with the
 * number of rules. A rule made only of words, fields and OR-lists is decided by the count alone.
 * Rules that require nothing (e.g. `NOT sport`, or `sources>=5` with no words at all) are tested
 * on every story; there should be few. The index matches a story's text only: a rule's event
 * conditions (`sources>=3`) are the caller's to check with matchEvent once it knows the event.
 */
import type { AlertQueryNode } from './ast';
import type { CompiledAlertQuery } from './matcher';
import { estimatedClauses, requiredTermKey, type EstimatedClause, type RequiredTerm, type RequiredTermsOptions } from './required-terms';
import type { PreparedStory } from './story';
import { ruleWords } from './word-ids';

export type AlertRuleId = string | number;

/** Prefixes are filed under their first letters; a story looks up the first letters of each of its words. */
const PREFIX_KEY_LENGTH = 3;
/** Clauses counted per rule at most. */
const MAX_CLAUSES = 4;
/**
 * Testing a rule costs about as much as walking this many postings. A further clause is counted
 * when the tests it is expected to save outweigh the postings it adds (see selectClauses).
 */
const TEST_COST_IN_POSTINGS = 100;
/**
 * A posting is slot << 3 | ONCE | clause index. ONCE marks a clause the story may reach through
 * several of its terms (an OR-list, a prefix shared by two words, a word in two feed titles),
 * which must still count once.
 */
const SLOT_SHIFT = 3;
const ONCE = 4;
const CLAUSE_MASK = 3;
/** progress[slot] = epoch << COUNT_BITS | clauses satisfied for the current story. */
const COUNT_BITS = 3;
const MAX_EPOCH = 2 ** (32 - COUNT_BITS) - 1;

interface IndexedRule<Id> {
  id: Id;
  compiled: CompiledAlertQuery;
  clauses: RequiredTerm[][];
}

export interface AlertRuleIndexStats {
  rules: number;
  /** Rules tested on every story because they require no term. */
  unindexed: number;
  /** Rules whose clauses decide the match, so they are never tested. */
  decidedByIndex: number;
  /** Since the index was made: stories passed to match(), rules that were candidates, rules actually tested. */
  storiesMatched: number;
  candidates: number;
  tested: number;
}

export class AlertRuleIndex<Id extends AlertRuleId = AlertRuleId> {
  private readonly rules: (IndexedRule<Id> | undefined)[] = [];
  /** Per slot, beside `rules` so that matching touches only what it needs. */
  private readonly tests: (((story: PreparedStory) => boolean) | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly slotById = new Map<Id, number>();
  /** Words are filed by dictionary id. */
  private readonly byWordId: (number[] | undefined)[] = [];
  /** Prefixes shorter than PREFIX_KEY_LENGTH, by the whole prefix. */
  private readonly byShortPrefix = new Map<string, number[]>();
  /** Longer prefixes, by their first PREFIX_KEY_LENGTH letters. */
  private readonly byPrefixHead = new Map<string, number[]>();
  private readonly byRegion = new Map<string, number[]>();
  private readonly byTopic = new Map<string, number[]>();
  private readonly bySourceWord = new Map<string, number[]>();
  private readonly unindexed = new Set<number>();
  private clauseCount = new Uint8Array(64);
  /** 1 where satisfying every clause is the same as matching, so the rule need not be tested. */
  private decided = new Uint8Array(64);
  private progress = new Uint32Array(64);
  /** clauseEpoch[slot << 2 | clause] === epoch once a ONCE clause has been counted for the current story. */
  private clauseEpoch = new Uint32Array(64 << 2);
  private epoch = 0;
  private storiesMatched = 0;
  private candidatesSeen = 0;
  private rulesTested = 0;

  constructor(private readonly opts: RequiredTermsOptions = {}) {}

  get size(): number {
    return this.slotById.size;
  }

  stats(): AlertRuleIndexStats {
    let decidedByIndex = 0;
    for (const slot of this.slotById.values()) decidedByIndex += this.decided[slot];
    return {
      rules: this.slotById.size,
      unindexed: this.unindexed.size,
      decidedByIndex,
      storiesMatched: this.storiesMatched,
      candidates: this.candidatesSeen,
      tested: this.rulesTested,
    };
  }

  has(id: Id): boolean {
    return this.slotById.has(id);
  }

  /** Adds a rule, replacing any rule already filed under the same id. */
  add(id: Id, compiled: CompiledAlertQuery): void {
    this.remove(id);
    const slot = this.freeSlots.pop() ?? this.rules.length;
    this.ensureCapacity(slot + 1);
    // A rule that its clauses alone decide keeps even its common clauses: walking a few more
    // postings costs less than testing the rule.
    const decidable = clausesDecide(compiled.query.root);
    const { clauses, complete } = selectClauses(estimatedClauses(compiled, this.opts), decidable);
    this.rules[slot] = { id, compiled, clauses };
    this.tests[slot] = compiled.test;
    this.slotById.set(id, slot);
    this.decided[slot] = decidable && complete ? 1 : 0;
    this.clauseCount[slot] = clauses.length;
    this.progress[slot] = 0;
    if (clauses.length === 0) {
      this.unindexed.add(slot);
      return;
    }
    clauses.forEach((terms, index) => {
      this.clauseEpoch[(slot << 2) | index] = 0;
      const once = terms.length > 1 || terms.some((t) => t.kind === 'prefix' || t.kind === 'source');
      const posting = (slot << SLOT_SHIFT) | (once ? ONCE : 0) | index;
      for (const term of terms) this.postings(term, true)?.push(posting);
    });
  }

  /** Files every rule again, e.g. after the term statistics behind `estimateFrequency` changed. */
  reindex(): void {
    const rules = this.rules.filter((r): r is IndexedRule<Id> => r !== undefined);
    for (const rule of rules) this.remove(rule.id);
    for (const rule of rules) this.add(rule.id, rule.compiled);
  }

  remove(id: Id): boolean {
    const slot = this.slotById.get(id);
    if (slot === undefined) return false;
    const rule = this.rules[slot];
    this.slotById.delete(id);
    this.rules[slot] = undefined;
    this.tests[slot] = undefined;
    this.freeSlots.push(slot);
    this.unindexed.delete(slot);
    for (const terms of rule?.clauses ?? []) {
      for (const term of terms) {
        const list = this.postings(term, false);
        if (list === undefined) continue;
        // Filter rather than splice: the same term may appear in two clauses of the rule.
        const kept = list.filter((posting) => posting >>> SLOT_SHIFT !== slot);
        list.length = 0;
        list.push(...kept);
        // Empty prefix and source maps let candidateSlots skip their lookups altogether.
        if (list.length === 0 && term.kind !== 'word') {
          const [map, key] = this.postingsMap(term);
          map.delete(key);
        }
      }
    }
    return true;
  }

  /** Ids of the rules the story could match: those whose required clauses it satisfies, plus the unindexed ones. */
  candidates(story: PreparedStory): Id[] {
    return this.candidateSlots(story).map((slot) => (this.rules[slot] as IndexedRule<Id>).id);
  }

  /** Ids of the rules the story matches. */
  match(story: PreparedStory): Id[] {
    const matched: Id[] = [];
    const candidates = this.candidateSlots(story);
    const { decided, tests, rules } = this;
    let tested = 0;
    for (const slot of candidates) {
      if (decided[slot] === 0) {
        tested++;
        if (!(tests[slot] as (story: PreparedStory) => boolean)(story)) continue;
      }
      matched.push((rules[slot] as IndexedRule<Id>).id);
    }
    this.storiesMatched++;
    this.candidatesSeen += candidates.length;
    this.rulesTested += tested;
    return matched;
  }

  private ensureCapacity(slots: number): void {
    if (slots <= this.clauseCount.length) return;
    const size = Math.max(slots, this.clauseCount.length * 2);
    const grow = <T extends Uint8Array | Uint32Array>(old: T, make: (n: number) => T, n: number): T => {
      const grown = make(n);
      grown.set(old);
      return grown;
    };
    this.clauseCount = grow(this.clauseCount, (n) => new Uint8Array(n), size);
    this.decided = grow(this.decided, (n) => new Uint8Array(n), size);
    this.progress = grow(this.progress, (n) => new Uint32Array(n), size);
    this.clauseEpoch = grow(this.clauseEpoch, (n) => new Uint32Array(n), size << 2);
  }

  /** The postings of a term, created empty if asked. */
  private postings(term: RequiredTerm, create: boolean): number[] | undefined {
    if (term.kind === 'word') {
      const id = ruleWords.intern(term.word);
      if (create) this.byWordId[id] ??= [];
      return this.byWordId[id];
    }
    const [map, key] = this.postingsMap(term);
    let list = map.get(key);
    if (list === undefined && create) map.set(key, (list = []));
    return list;
  }

  private postingsMap(term: Exclude<RequiredTerm, { kind: 'word' }>): [Map<string, number[]>, string] {
    switch (term.kind) {
      case 'prefix':
        return term.prefix.length < PREFIX_KEY_LENGTH
          ? [this.byShortPrefix, term.prefix]
          : [this.byPrefixHead, term.prefix.slice(0, PREFIX_KEY_LENGTH)];
      case 'region':
        return [this.byRegion, term.country];
      case 'topic':
        return [this.byTopic, term.topic];
      case 'source':
        return [this.bySourceWord, term.word];
    }
  }

  private candidateSlots(story: PreparedStory): number[] {
    if (++this.epoch > MAX_EPOCH) {
      this.progress.fill(0);
      this.clauseEpoch.fill(0);
      this.epoch = 1;
    }
    const epoch = this.epoch;
    const started = epoch << COUNT_BITS;
    const { clauseCount, progress, clauseEpoch } = this;
    const found: number[] = [];
    const count = (postings: readonly number[] | undefined) => {
      if (postings === undefined) return;
      for (const posting of postings) {
        const slot = posting >>> SLOT_SHIFT;
        if ((posting & ONCE) !== 0) {
          const clause = (slot << 2) | (posting & CLAUSE_MASK);
          if (clauseEpoch[clause] === epoch) continue;
          clauseEpoch[clause] = epoch;
        }
        const state = progress[slot];
        const satisfied = (state >>> COUNT_BITS === epoch ? state & ((1 << COUNT_BITS) - 1) : 0) + 1;
        progress[slot] = started | satisfied;
        if (satisfied === clauseCount[slot]) found.push(slot);
      }
    };
    const byWordId = this.byWordId;
    if (story.knownWordIds === ruleWords.size) {
      for (const id of story.wordIds) count(byWordId[id]);
    } else {
      // Rules with new words arrived since the story was prepared: look its words up again.
      for (const word of story.positions.keys()) {
        const id = ruleWords.find(word);
        if (id !== -1) count(byWordId[id]);
      }
    }
    const shortPrefixes = this.byShortPrefix.size > 0;
    const prefixHeads = this.byPrefixHead.size > 0;
    if (shortPrefixes || prefixHeads) {
      for (const word of story.positions.keys()) {
        if (shortPrefixes) {
          for (let length = 1; length < PREFIX_KEY_LENGTH && length <= word.length; length++) count(this.byShortPrefix.get(word.slice(0, length)));
        }
        if (prefixHeads && word.length >= PREFIX_KEY_LENGTH) count(this.byPrefixHead.get(word.slice(0, PREFIX_KEY_LENGTH)));
      }
    }
    for (const region of story.regions) count(this.byRegion.get(region));
    for (const topic of story.topics) count(this.byTopic.get(topic));
    if (this.bySourceWord.size > 0) for (const title of story.sources) for (const word of title) count(this.bySourceWord.get(word));
    for (const slot of this.unindexed) found.push(slot);
    return found;
  }
}

/**
 * The clauses worth counting, rarest first, without repeats ("jail after jail" requires jail
 * once); `complete` when none was left out. The rarest is always counted. Another, satisfied by a
 * share f of stories, adds postings walked by f of all stories and spares the test for 1 - f of
 * the stories that pass the clauses before it; it is counted when that saving is larger, which
 * keeps a rare second word and leaves out "said". A rule its clauses decide keeps them all, since
 * then counting them spares every test.
 */
function selectClauses(clauses: EstimatedClause[], keepAll: boolean): { clauses: RequiredTerm[][]; complete: boolean } {
  const seen = new Set<string>();
  const selected: RequiredTerm[][] = [];
  let passing = 1;
  for (const clause of clauses) {
    const key = clause.terms.map(requiredTermKey).sort().join('\u0000');
    if (seen.has(key)) continue;
    const share = Math.min(1, clause.cost);
    const worthIt = keepAll || selected.length === 0 || passing * (1 - share) * TEST_COST_IN_POSTINGS > share;
    if (selected.length === MAX_CLAUSES || !worthIt) return { clauses: selected, complete: false };
    seen.add(key);
    selected.push(clause.terms);
    passing *= share;
  }
  return { clauses: selected, complete: true };
}

/**
 * Whether a rule is nothing but an AND of single words, fields and OR-lists of them: then its
 * clauses say exactly when it matches, and a story that satisfies all of them needs no test.
 */
function clausesDecide(node: AlertQueryNode): boolean {
  switch (node.type) {
    case 'term':
      return node.scope === 'text' && node.kind !== 'prefix' && node.words.length === 1;
    case 'source':
      return node.kind !== 'prefix' && node.words.length === 1;
    case 'region':
    case 'topic':
      return true;
    case 'event':
      // Only ever ANDed at the top level, and checked by the caller: it does not change what the clauses decide.
      return true;
    case 'and':
      return node.children.every(clausesDecide);
    case 'or':
      return node.children.every((child) => child.type !== 'and' && clausesDecide(child));
    default:
      return false;
  }
}
