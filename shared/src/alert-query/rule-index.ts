/**
 * Finds the rules a story can match without testing every rule. Each rule's requirements are
 * clauses (see required-terms.ts): a story can match the rule only if it satisfies every clause,
 * that is contains a term of each. Clauses are filed under their terms; a story looks up its
 * words, word prefixes, regions, topics and feed-title words, counts per rule how many clauses it
 * satisfied, and only rules with a full count are tested. Counting runs on typed arrays and
 * touches no rule, so the cost of a story grows with the postings of its own words, not with
 * the number of rules. Rules that require nothing (e.g. `NOT sport`) are tested on every story;
 * there should be few of them.
 */
import type { AlertQueryNode } from './ast';
import { matchStory, type CompiledAlertQuery } from './matcher';
import { estimatedClauses, requiredTermKey, type EstimatedClause, type RequiredTerm, type RequiredTermsOptions } from './required-terms';
import type { PreparedStory } from './story';
import { ruleWords } from './word-ids';

export type AlertRuleId = string | number;

/** Prefixes are filed under their first letters; a story looks up the first letters of each of its words. */
const PREFIX_KEY_LENGTH = 3;
/**
 * Clauses counted per rule: the rarest, and of the others only those that some stories lack;
 * a clause most stories satisfy adds postings to walk and prunes little.
 */
const MAX_CLAUSES = Number(process.env.MC ?? 4);
const CLAUSE_BITS = 3;
const MAX_EXTRA_CLAUSE_FREQUENCY = Number(process.env.XF ?? 0.2);

interface IndexedRule<Id> {
  id: Id;
  compiled: CompiledAlertQuery;
  clauses: RequiredTerm[][];
}

export interface AlertRuleIndexStats {
  rules: number;
  /** Rules tested on every story because they require no term. */
  unindexed: number;
  /** Rules whose counted clauses decide the match, so they are never tested. */
  decidedByIndex: number;
  /** Since the index was made: stories passed to match(), rules they were candidates for, rules actually tested. */
  storiesMatched: number;
  candidates: number;
  tested: number;
}

export class AlertRuleIndex<Id extends AlertRuleId = AlertRuleId> {
  private readonly rules: (IndexedRule<Id> | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly slotById = new Map<Id, number>();
  /** Postings hold clause numbers: slot << CLAUSE_BITS | clause index. Words by their dictionary id. */
  private readonly byWordId: (number[] | undefined)[] = [];
  /** Prefixes shorter than PREFIX_KEY_LENGTH, by the whole prefix. */
  private readonly byShortPrefix = new Map<string, number[]>();
  /** Longer prefixes, by their first PREFIX_KEY_LENGTH letters. */
  private readonly byPrefixHead = new Map<string, number[]>();
  private readonly byRegion = new Map<string, number[]>();
  private readonly byTopic = new Map<string, number[]>();
  private readonly bySourceWord = new Map<string, number[]>();
  private readonly unindexed = new Set<number>();
  /** Per slot: clauses to satisfy; per story, with ruleEpoch, clauses satisfied so far. */
  private clauseCount = new Uint8Array(64);
  /** 1 where satisfying every counted clause is the same as matching, so the rule need not be tested. */
  private decided = new Uint8Array(64);
  private satisfied = new Uint8Array(64);
  private ruleEpoch = new Uint32Array(64);
  private clauseEpoch = new Uint32Array(64 << CLAUSE_BITS);
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
    // A rule that counting alone can decide keeps even its common clauses: walking a few more
    // postings costs less than testing the rule.
    const decidable = countingDecides(compiled.query.root);
    const { clauses, complete } = selectClauses(estimatedClauses(compiled, this.opts), decidable ? 1 : MAX_EXTRA_CLAUSE_FREQUENCY);
    this.decided[slot] = decidable && complete ? 1 : 0;
    this.rules[slot] = { id, compiled, clauses };
    this.slotById.set(id, slot);
    this.clauseCount[slot] = clauses.length;
    this.ruleEpoch[slot] = 0;
    if (clauses.length === 0) {
      this.unindexed.add(slot);
      return;
    }
    clauses.forEach((terms, index) => {
      const clause = (slot << CLAUSE_BITS) | index;
      this.clauseEpoch[clause] = 0;
      for (const term of terms) {
        if (term.kind === 'word') {
          const id = ruleWords.intern(term.word);
          (this.byWordId[id] ??= []).push(clause);
          continue;
        }
        const [postings, key] = this.postingsFor(term);
        const list = postings?.get(key);
        if (list !== undefined) list.push(clause);
        else postings?.set(key, [clause]);
      }
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
    this.freeSlots.push(slot);
    this.unindexed.delete(slot);
    (rule?.clauses ?? []).forEach((terms, index) => {
      const clause = (slot << CLAUSE_BITS) | index;
      for (const term of terms) {
        const [postings, key] = this.postingsFor(term);
        const list = postings === null ? this.byWordId[ruleWords.find(key)] : postings.get(key);
        if (list === undefined) continue;
        const at = list.indexOf(clause);
        if (at !== -1) list.splice(at, 1);
        if (list.length === 0 && postings !== null) postings.delete(key);
      }
    });
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
    let tested = 0;
    for (const slot of candidates) {
      const rule = this.rules[slot] as IndexedRule<Id>;
      if (this.decided[slot] === 1) {
        matched.push(rule.id);
      } else {
        tested++;
        if (matchStory(rule.compiled, story)) matched.push(rule.id);
      }
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
    this.satisfied = grow(this.satisfied, (n) => new Uint8Array(n), size);
    this.ruleEpoch = grow(this.ruleEpoch, (n) => new Uint32Array(n), size);
    this.clauseEpoch = grow(this.clauseEpoch, (n) => new Uint32Array(n), size << CLAUSE_BITS);
  }

  /** The postings map and key for a term; null for words, which are filed by dictionary id. */
  private postingsFor(term: RequiredTerm): [Map<string, number[]> | null, string] {
    switch (term.kind) {
      case 'word':
        return [null, term.word];
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
    if (++this.epoch === 0xffffffff) {
      this.ruleEpoch.fill(0);
      this.clauseEpoch.fill(0);
      this.epoch = 1;
    }
    const epoch = this.epoch;
    const { clauseCount, satisfied, ruleEpoch, clauseEpoch } = this;
    const found: number[] = [];
    const count = (clauses: readonly number[] | undefined) => {
      if (clauses === undefined) return;
      for (const clause of clauses) {
        // A clause counts once however many of its terms the story contains.
        if (clauseEpoch[clause] === epoch) continue;
        clauseEpoch[clause] = epoch;
        const slot = clause >>> CLAUSE_BITS;
        if (ruleEpoch[slot] !== epoch) {
          ruleEpoch[slot] = epoch;
          satisfied[slot] = 0;
        }
        if (++satisfied[slot] === clauseCount[slot]) found.push(slot);
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
    if (shortPrefixes || prefixHeads) for (const word of story.positions.keys()) {
      if (shortPrefixes) {
        for (let length = 1; length < PREFIX_KEY_LENGTH && length <= word.length; length++) count(this.byShortPrefix.get(word.slice(0, length)));
      }
      if (prefixHeads && word.length >= PREFIX_KEY_LENGTH) count(this.byPrefixHead.get(word.slice(0, PREFIX_KEY_LENGTH)));
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
 * once); `complete` when none was left out.
 */
function selectClauses(clauses: EstimatedClause[], maxExtraFrequency: number): { clauses: RequiredTerm[][]; complete: boolean } {
  const seen = new Set<string>();
  const selected: RequiredTerm[][] = [];
  for (const clause of clauses) {
    const key = clause.terms.map(requiredTermKey).sort().join('\u0000');
    if (seen.has(key)) continue;
    if (selected.length === MAX_CLAUSES || (selected.length > 0 && clause.cost > maxExtraFrequency)) {
      return { clauses: selected, complete: false };
    }
    seen.add(key);
    selected.push(clause.terms);
  }
  return { clauses: selected, complete: true };
}

/**
 * Whether a rule is nothing but an AND of single words, fields and OR-lists of them: then its
 * clauses say exactly when it matches, and a story that satisfies all of them needs no test.
 */
function countingDecides(node: AlertQueryNode): boolean {
  switch (node.type) {
    case 'term':
      return node.scope === 'text' && node.kind !== 'prefix' && node.words.length === 1;
    case 'source':
      return node.kind !== 'prefix' && node.words.length === 1;
    case 'region':
    case 'topic':
      return true;
    case 'and':
      return node.children.every(countingDecides);
    case 'or':
      return node.children.every((child) => child.type !== 'and' && countingDecides(child));
    default:
      return false;
  }
}
