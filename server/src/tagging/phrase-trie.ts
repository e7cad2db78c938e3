import type { Token } from './text';
import { internWord, wordId, UNKNOWN_WORD } from './vocabulary';

interface TrieNode<T> {
  next: Map<number, TrieNode<T>> | undefined;
  values: T[] | undefined;
}

function newNode<T>(): TrieNode<T> {
  return { next: undefined, values: undefined };
}

/**
 * Token-sequence trie: one Map lookup per token walked, so the cost of a lookup depends on the
 * length of the longest phrase, never on how many phrases are stored.
 */
export class PhraseTrie<T> {
  private readonly root: TrieNode<T> = newNode<T>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(tokens: readonly string[], value: T): void {
    if (tokens.length === 0) return;
    let node = this.root;
    for (const tok of tokens) {
      const id = internWord(tok);
      if (!node.next) node.next = new Map();
      let child = node.next.get(id);
      if (!child) {
        child = newNode<T>();
        node.next.set(id, child);
      }
      node = child;
    }
    if (!node.values) node.values = [];
    if (!node.values.includes(value)) {
      node.values.push(value);
      this.count++;
    }
  }

  /** Values stored under exactly this sequence. */
  get(tokens: readonly string[]): readonly T[] | undefined {
    let node: TrieNode<T> | undefined = this.root;
    for (const tok of tokens) {
      node = node.next?.get(wordId(tok));
      if (!node) return undefined;
    }
    return node.values;
  }

  /** Removes every value under this exact sequence for which `drop` is true. */
  removeWhere(tokens: readonly string[], drop: (value: T) => boolean): void {
    let node: TrieNode<T> | undefined = this.root;
    for (const tok of tokens) {
      node = node.next?.get(wordId(tok));
      if (!node) return;
    }
    if (!node.values) return;
    const kept = node.values.filter((v) => !drop(v));
    this.count -= node.values.length - kept.length;
    node.values = kept.length ? kept : undefined;
  }

  /**
   * Longest stored sequence starting at tokens[start]. `key` picks the form of each token to
   * look up (exact normalised form or a looser skeleton).
   */
  longestAt(tokens: readonly Token[], start: number, key?: (t: Token) => number): { length: number; values: readonly T[] } | undefined {
    let node: TrieNode<T> | undefined = this.root;
    let bestLength = 0;
    let bestValues: readonly T[] | undefined;
    for (let i = start; i < tokens.length; i++) {
      const k = key ? key(tokens[i]) : tokens[i].id;
      if (k === UNKNOWN_WORD) break;
      node = node.next?.get(k);
      if (!node) break;
      if (node.values) {
        bestLength = i - start + 1;
        bestValues = node.values;
      }
    }
    return bestValues ? { length: bestLength, values: bestValues } : undefined;
  }

  /** Every stored sequence starting anywhere in tokens: visit(start, length, values), shortest first. */
  forEachMatch(tokens: readonly Token[], visit: (start: number, length: number, values: readonly T[]) => void): void {
    const root = this.root.next;
    if (!root) return;
    for (let start = 0; start < tokens.length; start++) {
      const id = tokens[start].id;
      if (id === UNKNOWN_WORD) continue;
      let node = root.get(id);
      let i = start;
      while (node) {
        if (node.values) visit(start, i - start + 1, node.values);
        i++;
        if (i >= tokens.length || !node.next) break;
        node = node.next.get(tokens[i].id);
      }
    }
  }
}
