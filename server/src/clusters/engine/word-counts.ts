/**
 * A cluster's words (ids of the engine's WindowVocabulary) with how many of its stories use each.
 * Every comparison of a story with a candidate cluster asks it about each word of the story, and
 * most of the answers are no, so it is laid out for that question: one flat array of small
 * integers that starts with a 512-bit filter (one bit per word, set when a word is added, never
 * cleared) followed by the words themselves in an open-addressing table (linear probing). A word
 * whose bit is clear is absent without looking further; the others cost a probe or two in the
 * same array. A Map would follow pointers to its entries and keys instead: once the window holds
 * tens of thousands of clusters they no longer fit in the processor's caches, and each pointer
 * followed is a wait on memory (bench/README.md, clusters). The counts sit in a second array that
 * only adding and removing touch. The interface is the part of Map the engine uses.
 */
export class WordCounts implements Iterable<[number, number]> {
  /** FILTER_WORDS filter words, then one slot per entry: the word as id + 1, 0 when empty. */
  private table: number[];
  /** By slot: the word's count. */
  private counts: number[];
  private mask: number;
  /** 32 minus log2 of the number of slots: a word's home slot is the top bits of its hash. */
  private shift: number;
  private count = 0;

  constructor() {
    this.table = zeros(FILTER_WORDS + INITIAL_SLOTS);
    this.counts = zeros(INITIAL_SLOTS);
    this.mask = INITIAL_SLOTS - 1;
    this.shift = 32 - Math.log2(INITIAL_SLOTS);
  }

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    const key = id + 1;
    const bit = filterBit(key);
    if ((this.table[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    return this.slotOf(key) >= 0;
  }

  get(id: number): number | undefined {
    const slot = this.slotOf(id + 1);
    return slot < 0 ? undefined : this.counts[slot];
  }

  set(id: number, count: number): this {
    const key = id + 1;
    let slot = this.slotOf(key);
    if (slot < 0) {
      if ((this.count + 1) * 4 > (this.mask + 1) * 3) this.grow();
      slot = this.insert(key);
      this.count++;
    }
    this.counts[slot] = count;
    return this;
  }

  delete(id: number): boolean {
    let hole = this.slotOf(id + 1);
    if (hole < 0) return false;
    const table = this.table;
    // Backward-shift deletion: a later entry of the probe run moves into the hole unless its home
    // slot lies after the hole (cyclically), so that no lookup stops early at the emptied slot.
    // The word's filter bit stays set (another word may share it): a later lookup just probes.
    for (let slot = (hole + 1) & this.mask; table[FILTER_WORDS + slot] !== 0; slot = (slot + 1) & this.mask) {
      const home = this.home(table[FILTER_WORDS + slot]);
      const stays = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
      if (stays) continue;
      table[FILTER_WORDS + hole] = table[FILTER_WORDS + slot];
      this.counts[hole] = this.counts[slot];
      hole = slot;
    }
    table[FILTER_WORDS + hole] = 0;
    this.counts[hole] = 0;
    this.count--;
    return true;
  }

  /** An array rather than an iterator: expiring a cluster walks all its words, and a loop over an array is cheaper. */
  keys(): number[] {
    const ids: number[] = [];
    for (let slot = 0; slot <= this.mask; slot++) {
      const key = this.table[FILTER_WORDS + slot];
      if (key !== 0) ids.push(key - 1);
    }
    return ids;
  }

  *[Symbol.iterator](): IterableIterator<[number, number]> {
    for (let slot = 0; slot <= this.mask; slot++) {
      const key = this.table[FILTER_WORDS + slot];
      if (key !== 0) yield [key - 1, this.counts[slot]];
    }
  }

  private home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }

  /** The slot holding `key` (id + 1), or -1. */
  private slotOf(key: number): number {
    const table = this.table;
    for (let slot = this.home(key); ; slot = (slot + 1) & this.mask) {
      const found = table[FILTER_WORDS + slot];
      if (found === key) return slot;
      if (found === 0) return -1;
    }
  }

  /** Puts `key` (not present) in its first free slot and sets its filter bit. */
  private insert(key: number): number {
    let slot = this.home(key);
    while (this.table[FILTER_WORDS + slot] !== 0) slot = (slot + 1) & this.mask;
    this.table[FILTER_WORDS + slot] = key;
    const bit = filterBit(key);
    this.table[bit >>> 5] |= 1 << (bit & 31);
    return slot;
  }

  /** Twice the slots; the filter is rebuilt, which also clears the bits of deleted words. */
  private grow(): void {
    const oldTable = this.table;
    const oldCounts = this.counts;
    const slots = (this.mask + 1) * 2;
    this.table = zeros(FILTER_WORDS + slots);
    this.counts = zeros(slots);
    this.mask = slots - 1;
    this.shift--;
    for (let old = 0; old < oldCounts.length; old++) {
      const key = oldTable[FILTER_WORDS + old];
      if (key !== 0) this.counts[this.insert(key)] = oldCounts[old];
    }
  }
}

/** 16 words of 32 bits: a 512-bit filter, one 64-byte cache line. */
const FILTER_WORDS = 16;
/** A story has some twenty distinct words and most clusters hold one to six stories. */
const INITIAL_SLOTS = 32;

/** The word's bit in the filter (0-511), from a hash independent of its home slot. */
function filterBit(key: number): number {
  return Math.imul(key, 0x85ebca6b) >>> 23;
}

/** A packed array of small integers (V8 keeps them unboxed, without holes to check). */
function zeros(length: number): number[] {
  const array: number[] = [];
  for (let i = 0; i < length; i++) array.push(0);
  return array;
}
