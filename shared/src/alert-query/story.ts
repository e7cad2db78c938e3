/**
 * A story in the form the matcher reads: its words normalised once, with positions, so that
 * every rule tested against it costs map lookups rather than string scans.
 */
import { searchTokens } from '../text/normalise';
import { MAX_NEAR_DISTANCE } from './lexer';
import { ruleWords } from './word-ids';

/** The story fields rules look at; the API's `Story` has all of them. */
export interface MatchableStory {
  title: string;
  summary: string;
  regions: string[];
  topics: string[];
  sources: { feedTitle: string }[];
}

/**
 * Words past this many in one story are not searched. It bounds the work any rule can cost on a
 * hostile story; real titles and summaries stay far below it.
 */
export const MAX_STORY_WORDS = 20_000;

/** Enough characters for MAX_STORY_WORDS words; the rest is not even normalised. */
const MAX_STORY_CHARS = MAX_STORY_WORDS * 40;

/** Summary positions start this far after the title's, so no phrase or NEAR/n spans the two. */
const TITLE_SUMMARY_GAP = MAX_NEAR_DISTANCE + 14;

const NO_POSITIONS: readonly number[] = [];
const SCAN_WORDS_BELOW = 64;

export class PreparedStory {
  private sortedWords: string[] | null = null;
  private readonly prefixCache = new Map<string, readonly number[]>();
  /** Rule-word ids below this were looked up when the story was prepared. */
  readonly knownWordIds: number;
  /** Ids of the story's words that rules mention. */
  readonly wordIds: Int32Array;
  /** Open-addressing table: id + 1 per used slot, 0 for empty; positions beside it. */
  private readonly idTable: Int32Array;
  private readonly idPositions: (readonly number[])[];
  private readonly idShift: number;

  constructor(
    /** Every distinct word of title and summary -> its positions, ascending. */
    readonly positions: ReadonlyMap<string, readonly number[]>,
    /** Positions below this are in the title. */
    readonly titleEnd: number,
    /** Upper-case country codes. */
    readonly regions: ReadonlySet<string>,
    /** Lower-case topic ids. */
    readonly topics: ReadonlySet<string>,
    /** The normalised words of each distinct feed title that carried the story. */
    readonly sources: readonly (readonly string[])[],
  ) {
    this.knownWordIds = ruleWords.size;
    const ids: number[] = [];
    const lists: (readonly number[])[] = [];
    for (const [word, list] of positions) {
      const id = ruleWords.find(word);
      if (id !== -1) {
        ids.push(id);
        lists.push(list);
      }
    }
    this.wordIds = Int32Array.from(ids);
    let bits = 3;
    while (1 << bits < ids.length * 2) bits++;
    this.idShift = 32 - bits;
    this.idTable = new Int32Array(1 << bits);
    this.idPositions = new Array<readonly number[]>(1 << bits);
    const mask = (1 << bits) - 1;
    ids.forEach((id, i) => {
      let slot = Math.imul(id, 0x9e3779b1) >>> this.idShift;
      while (this.idTable[slot] !== 0) slot = (slot + 1) & mask;
      this.idTable[slot] = id + 1;
      this.idPositions[slot] = lists[i];
    });
  }

  /** Positions of a rule word, found by its id (or by the word, for rules newer than the story). */
  positionsOfWord(id: number, word: string): readonly number[] | undefined {
    if (id >= this.knownWordIds) return this.positions.get(word);
    const table = this.idTable;
    const mask = table.length - 1;
    const wanted = id + 1;
    for (let slot = Math.imul(id, 0x9e3779b1) >>> this.idShift; ; slot = (slot + 1) & mask) {
      const value = table[slot];
      if (value === wanted) return this.idPositions[slot];
      if (value === 0) return undefined;
    }
  }

  /**
   * Distinct words that start with `prefix`: a scan for a short story, a binary search in the
   * sorted word list for a long one (sorting costs more than a few scans of a short story).
   */
  wordsStartingWith(prefix: string): string[] {
    const found: string[] = [];
    if (this.positions.size <= SCAN_WORDS_BELOW) {
      for (const word of this.positions.keys()) if (word.startsWith(prefix)) found.push(word);
      return found;
    }
    const sorted = this.sorted();
    for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i].startsWith(prefix); i++) found.push(sorted[i]);
    return found;
  }

  hasWordStartingWith(prefix: string): boolean {
    if (this.positions.size <= SCAN_WORDS_BELOW) {
      for (const word of this.positions.keys()) if (word.startsWith(prefix)) return true;
      return false;
    }
    const sorted = this.sorted();
    const i = lowerBound(sorted, prefix);
    return i < sorted.length && sorted[i].startsWith(prefix);
  }

  /** Positions of every word starting with `prefix`, ascending; cached because many rules share prefixes. */
  prefixPositions(prefix: string): readonly number[] {
    let cached = this.prefixCache.get(prefix);
    if (cached === undefined) {
      const words = this.wordsStartingWith(prefix);
      if (words.length === 0) cached = NO_POSITIONS;
      else if (words.length === 1) cached = this.positions.get(words[0]) ?? NO_POSITIONS;
      else cached = words.flatMap((w) => this.positions.get(w) ?? NO_POSITIONS).sort((a, b) => a - b);
      this.prefixCache.set(prefix, cached);
    }
    return cached;
  }

  private sorted(): string[] {
    this.sortedWords ??= [...this.positions.keys()].sort();
    return this.sortedWords;
  }
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function prepareStory(story: MatchableStory): PreparedStory {
  const positions = new Map<string, number[]>();
  const add = (word: string, position: number) => {
    const list = positions.get(word);
    if (list) list.push(position);
    else positions.set(word, [position]);
  };
  const titleWords = searchTokens(story.title.slice(0, MAX_STORY_CHARS)).slice(0, MAX_STORY_WORDS);
  for (let i = 0; i < titleWords.length; i++) add(titleWords[i], i);
  const titleEnd = titleWords.length;
  const summaryStart = titleEnd + TITLE_SUMMARY_GAP;
  const summaryWords = searchTokens(story.summary.slice(0, MAX_STORY_CHARS)).slice(0, MAX_STORY_WORDS - titleEnd);
  for (let i = 0; i < summaryWords.length; i++) add(summaryWords[i], summaryStart + i);

  const feedTitles = new Set(story.sources.map((s) => s.feedTitle));
  return new PreparedStory(
    positions,
    titleEnd,
    new Set(story.regions.map((r) => r.toUpperCase())),
    new Set(story.topics.map((t) => t.toLowerCase())),
    [...feedTitles].map(feedTitleWords),
  );
}

/** The same few hundred feeds carry every story, so their titles are split once. */
const feedTitleCache = new Map<string, readonly string[]>();
const FEED_TITLE_CACHE_SIZE = 2_000;

function feedTitleWords(title: string): readonly string[] {
  let words = feedTitleCache.get(title);
  if (words === undefined) {
    if (feedTitleCache.size >= FEED_TITLE_CACHE_SIZE) feedTitleCache.clear();
    words = searchTokens(title);
    feedTitleCache.set(title, words);
  }
  return words;
}
