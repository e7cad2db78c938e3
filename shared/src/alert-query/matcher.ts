/**
 * Evaluates a compiled rule against a prepared story. Every step is a map lookup, a binary
 * search or a merge of sorted position lists, so the cost grows with the story's length times the
 * rule's size and no rule can make it hang: there are no user regular expressions and no
 * backtracking. Compiling turns the rule into nested closures once, with its words numbered
 * (word-ids.ts), so that a story costs no walk over the syntax tree and no string comparison.
 */
import type { AlertQuery, AlertQueryNode, EventCondition, PositionalNode, TermNode } from './ast';
import { eventConditionsOf, eventSatisfies, storyPartOf, type MatchableEvent } from './event-conditions';
import type { PreparedStory } from './story';
import { ruleWords } from './word-ids';

type StoryTest = (story: PreparedStory) => boolean;

/**
 * Where a positional term occurs: start positions ascending, and end positions ascending on
 * their own; `ends` is null when every occurrence is `span` words longer than its start, which
 * saves building the list for words and phrases.
 */
interface Occurrences {
  starts: readonly number[];
  ends: readonly number[] | null;
  span: number;
}
type StoryLocator = (story: PreparedStory) => Occurrences;

export class CompiledAlertQuery {
  /** @internal the compiled test of the story's text; use matchStory() */
  readonly test: StoryTest;
  /**
   * Conditions on the story's event, checked apart from its text with matchEvent(); empty for a
   * rule without any. A rule made only of them (`sources>=5`) matches every story's text.
   */
  readonly eventConditions: readonly EventCondition[];

  constructor(readonly query: AlertQuery) {
    const storyPart = storyPartOf(query.root);
    this.test = storyPart ? compileNode(storyPart).test : () => true;
    this.eventConditions = eventConditionsOf(query.root);
  }
}

export function compileAlertQuery(query: AlertQuery): CompiledAlertQuery {
  return new CompiledAlertQuery(query);
}

/** Whether the story's text matches the rule (its words, phrases and fields); event conditions are matchEvent's. */
export function matchStory(compiled: CompiledAlertQuery, story: PreparedStory): boolean {
  return compiled.test(story);
}

/** Whether the story's event meets the rule's event conditions (always, for a rule without any). */
export function matchEvent(compiled: CompiledAlertQuery, event: MatchableEvent): boolean {
  return eventSatisfies(compiled.eventConditions, event);
}

interface CompiledStep {
  test: StoryTest;
  /** Rough relative cost, so that AND and OR try cheap children first. */
  cost: number;
}

const NONE: readonly number[] = [];
const NO_OCCURRENCES: Occurrences = { starts: NONE, ends: null, span: 0 };

function compileNode(node: AlertQueryNode): CompiledStep {
  switch (node.type) {
    case 'term':
      return { test: termTest(node), cost: node.words.length === 1 && node.kind !== 'prefix' ? 1 : 3 + node.words.length };
    case 'and':
    case 'or':
      return combineGroup(node.type, node.children);
    case 'not': {
      const child = compileNode(node.child);
      const test = child.test;
      return { test: (story) => !test(story), cost: child.cost };
    }
    case 'near': {
      const left = locator(node.left);
      const right = locator(node.right);
      const distance = node.distance;
      return { test: (story) => near(left, right, distance, story), cost: 10 };
    }
    case 'region': {
      const countries = node.countries;
      if (countries.length === 1) {
        const country = countries[0];
        return { test: (story) => story.regions.has(country), cost: 1 };
      }
      return {
        test: (story) => {
          for (const country of countries) if (story.regions.has(country)) return true;
          return false;
        },
        cost: 1 + countries.length / 8,
      };
    }
    case 'topic': {
      const topic = node.topic;
      return { test: (story) => story.topics.has(topic), cost: 1 };
    }
    case 'source': {
      const words = node.words;
      const prefix = node.kind === 'prefix';
      return {
        test: (story) => {
          for (const title of story.sources) if (containsSequence(title, words, prefix)) return true;
          return false;
        },
        cost: 2,
      };
    }
    case 'event':
      // Never reached: conditions are taken out before compiling (storyPartOf) and checked by matchEvent.
      return { test: () => true, cost: 0 };
  }
}

/** A bare word anywhere in the text: the most common term, tested by id alone. */
function plainWord(node: AlertQueryNode): string | null {
  return node.type === 'term' && node.scope === 'text' && node.kind !== 'prefix' && node.words.length === 1 ? node.words[0] : null;
}

/**
 * Bare words of an AND or OR (and, in an AND, words after NOT) are tested together in one step,
 * which spares a call per word in the most common rules: `(escape OR breakout) prison -drill`.
 */
function combineGroup(type: 'and' | 'or', nodes: readonly AlertQueryNode[]): CompiledStep {
  const present: string[] = [];
  const absent: string[] = [];
  const others: CompiledStep[] = [];
  for (const node of nodes) {
    const word = plainWord(node);
    const negated = type === 'and' && node.type === 'not' ? plainWord(node.child) : null;
    if (word !== null) present.push(word);
    else if (negated !== null) absent.push(negated);
    else others.push(compileNode(node));
  }
  if (present.length > 1) others.push(wordsStep(present, type === 'and' ? 'all' : 'any'));
  else if (present.length === 1) others.push(compileNode(nodes.find((n) => plainWord(n) === present[0]) as AlertQueryNode));
  if (absent.length > 0) others.push(wordsStep(absent, 'none'));
  return others.length === 1 ? others[0] : combine(type, others);
}

function wordsStep(words: readonly string[], want: 'all' | 'any' | 'none'): CompiledStep {
  const ids = words.map((w) => ruleWords.intern(w));
  const cost = words.length;
  if (want === 'any') {
    return {
      test: (story) => {
        for (let i = 0; i < ids.length; i++) if (story.positionsOfWord(ids[i], words[i]) !== undefined) return true;
        return false;
      },
      cost,
    };
  }
  const present = want === 'all';
  return {
    test: (story) => {
      for (let i = 0; i < ids.length; i++) if ((story.positionsOfWord(ids[i], words[i]) !== undefined) !== present) return false;
      return true;
    },
    cost,
  };
}

/** Children run cheapest first; the order changes only how soon the answer is known. */
function combine(type: 'and' | 'or', children: CompiledStep[]): CompiledStep {
  const sorted = [...children].sort((a, b) => a.cost - b.cost);
  const tests = sorted.map((c) => c.test);
  const cost = sorted.reduce((sum, c) => sum + c.cost, 0);
  if (tests.length === 2) {
    const [a, b] = tests;
    return { test: type === 'and' ? (story) => a(story) && b(story) : (story) => a(story) || b(story), cost };
  }
  if (type === 'and') {
    return {
      test: (story) => {
        for (const test of tests) if (!test(story)) return false;
        return true;
      },
      cost,
    };
  }
  return {
    test: (story) => {
      for (const test of tests) if (test(story)) return true;
      return false;
    },
    cost,
  };
}

/** Dictionary ids of the words, -1 for a trailing prefix (prefixes are looked up by text). */
function wordIds(words: readonly string[], prefix: boolean): number[] {
  return words.map((word, i) => (prefix && i === words.length - 1 ? -1 : ruleWords.intern(word)));
}

function termTest(node: TermNode): StoryTest {
  const titleOnly = node.scope === 'title';
  const words = node.words;
  if (node.kind !== 'prefix' && words.length === 1) {
    const word = words[0];
    const id = ruleWords.intern(word);
    if (!titleOnly) return (story) => story.positionsOfWord(id, word) !== undefined;
    return (story) => {
      const positions = story.positionsOfWord(id, word);
      return positions !== undefined && positions[0] < story.titleEnd;
    };
  }
  if (node.kind === 'prefix' && words.length === 1) {
    const prefix = words[0];
    if (!titleOnly) return (story) => story.hasWordStartingWith(prefix);
    return (story) => {
      const positions = story.prefixPositions(prefix);
      return positions.length > 0 && positions[0] < story.titleEnd;
    };
  }
  const prefix = node.kind === 'prefix';
  const ids = wordIds(words, prefix);
  return (story) => hasSequence(words, ids, prefix, titleOnly, story);
}

/** Whether the words occur side by side; sequenceStarts without building lists, for the common yes/no case. */
function hasSequence(words: readonly string[], ids: readonly number[], prefix: boolean, titleOnly: boolean, story: PreparedStory): boolean {
  for (let i = 1; i < words.length; i++) if (!positionsOf(words, ids, i, prefix, story)?.length) return false;
  const first = positionsOf(words, ids, 0, prefix, story);
  if (first === undefined) return false;
  for (const start of first) {
    if (titleOnly && start >= story.titleEnd) return false;
    let i = 1;
    while (i < words.length && includesPosition(positionsOf(words, ids, i, prefix, story) as readonly number[], start + i)) i++;
    if (i === words.length) return true;
  }
  return false;
}

function positionsOf(words: readonly string[], ids: readonly number[], i: number, prefix: boolean, story: PreparedStory): readonly number[] | undefined {
  return prefix && i === words.length - 1 ? story.prefixPositions(words[i]) : story.positionsOfWord(ids[i], words[i]);
}

/** Binary search in an ascending list. */
function includesPosition(positions: readonly number[], wanted: number): boolean {
  let lo = 0;
  let hi = positions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = positions[mid];
    if (value === wanted) return true;
    if (value < wanted) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Positions where the words start side by side, ascending (title positions only, if asked). */
function sequenceStarts(words: readonly string[], ids: readonly number[], prefix: boolean, titleOnly: boolean, story: PreparedStory): readonly number[] {
  const lists: (readonly number[])[] = [];
  for (let i = 0; i < words.length; i++) {
    const positions = positionsOf(words, ids, i, prefix, story);
    if (positions === undefined || positions.length === 0) return NONE;
    lists.push(positions);
  }
  const found: number[] = [];
  for (const start of lists[0]) {
    if (titleOnly && start >= story.titleEnd) break;
    let i = 1;
    while (i < lists.length && includesPosition(lists[i], start + i)) i++;
    if (i === lists.length) found.push(start);
  }
  return found;
}

function titlePart(positions: readonly number[], story: PreparedStory): readonly number[] {
  let end = 0;
  while (end < positions.length && positions[end] < story.titleEnd) end++;
  return end === positions.length ? positions : positions.slice(0, end);
}

function locator(node: PositionalNode): StoryLocator {
  if (node.type === 'or') {
    const children = node.children.map(locator);
    const ascending = (a: number, b: number) => a - b;
    return (story) => {
      const parts = children.map((locate) => locate(story)).filter((o) => o.starts.length > 0);
      if (parts.length <= 1) return parts[0] ?? NO_OCCURRENCES;
      return {
        starts: parts.flatMap((p) => p.starts).sort(ascending),
        ends: parts.flatMap((p) => p.ends ?? p.starts.map((start) => start + p.span)).sort(ascending),
        span: 0,
      };
    };
  }
  const titleOnly = node.scope === 'title';
  const words = node.words;
  const prefix = node.kind === 'prefix';
  const ids = wordIds(words, prefix);
  if (words.length === 1) {
    const word = words[0];
    const id = ids[0];
    return (story) => {
      const positions = prefix ? story.prefixPositions(word) : story.positionsOfWord(id, word);
      if (positions === undefined || positions.length === 0) return NO_OCCURRENCES;
      const kept = titleOnly ? titlePart(positions, story) : positions;
      return { starts: kept, ends: null, span: 0 };
    };
  }
  const last = words.length - 1;
  return (story) => {
    const starts = sequenceStarts(words, ids, prefix, titleOnly, story);
    return starts.length === 0 ? NO_OCCURRENCES : { starts, ends: null, span: last };
  };
}

/** True when an occurrence of one side ends with at most `distance` other words before one of the other starts. */
function near(leftLocator: StoryLocator, rightLocator: StoryLocator, distance: number, story: PreparedStory): boolean {
  const left = leftLocator(story);
  if (left.starts.length === 0) return false;
  const right = rightLocator(story);
  if (right.starts.length === 0) return false;
  return startsSoonAfter(left, right.starts, distance) || startsSoonAfter(right, left.starts, distance);
}

/** Whether one of `starts` comes at most `distance` words after the end of one of `first`. */
function startsSoonAfter(first: Occurrences, starts: readonly number[], distance: number): boolean {
  const { ends, span } = first;
  const endsFrom = ends ?? first.starts;
  const offset = ends === null ? span : 0;
  let j = 0;
  for (const start of starts) {
    while (j < endsFrom.length && endsFrom[j] + offset < start) j++;
    if (j > 0 && start - (endsFrom[j - 1] + offset) - 1 <= distance) return true;
  }
  return false;
}

function containsSequence(words: readonly string[], wanted: readonly string[], prefix: boolean): boolean {
  const last = wanted.length - 1;
  for (let start = 0; start + last < words.length; start++) {
    let i = 0;
    while (i <= last && (i === last && prefix ? words[start + i].startsWith(wanted[i]) : words[start + i] === wanted[i])) i++;
    if (i > last) return true;
  }
  return false;
}
