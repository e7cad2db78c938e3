import type { Token } from './text';
import { internWord, wordId, UNKNOWN_WORD } from './vocabulary';

/**
 * A trie node. Most nodes of a name trie have one child (the rest of a multi-word name), so a
 * single child is kept inline and a Map is made only for the second one: that keeps a trie of
 * hundreds of thousands of names small.
 */
interface TrieNode<T> {
  key: number;
  child: TrieNode<T> | undefined;
  next: Map<number, TrieNode<T>> | undefined;
  values: T[] | undefined;
}

function newNode<T>(): TrieNode<T> {
  return { key: -1, child: undefined, next: undefined, values: undefined };
}

function childOf<T>(node: TrieNode<T>, id: number): TrieNode<T> | undefined {
  if (node.next) return node.next.get(id);
  return node.child !== undefined && node.key === id ? node.child : undefined;
}

/**
 * Token-sequence trie over vocabulary ids: one lookup per token walked, so the cost of a lookup
 * depends on the length of the longest phrase, never on how many phrases are stored.
 */
export class PhraseTrie<T> {
  private readonly root: TrieNode<T> = { key: -1, child: undefined, next: new Map(), values: undefined };
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(tokens: readonly string[], value: T): void {
    if (tokens.length === 0) return;
    let node = this.root;
    for (const tok of tokens) {
      const id = internWord(tok);
      let child = childOf(node, id);
      if (!child) {
        child = newNode<T>();
        if (node.next) node.next.set(id, child);
        else if (node.child === undefined) {
          node.key = id;
          node.child = child;
        } else {
          node.next = new Map([[node.key, node.child], [id, child]]);
          node.child = undefined;
        }
      }
      node = child;
    }
    if (!node.values) node.values = [];
    if (!node.values.includes(value)) {
      node.values.push(value);
      this.count++;
    }
  }

  private find(tokens: readonly string[]): TrieNode<T> | undefined {
    let node: TrieNode<T> | undefined = this.root;
    for (const tok of tokens) {
      const id = wordId(tok);
      if (id === UNKNOWN_WORD) return undefined;
      node = childOf(node, id);
      if (!node) return undefined;
    }
    return node;
  }

  /** Values stored under exactly this sequence. */
  get(tokens: readonly string[]): readonly T[] | undefined {
    return this.find(tokens)?.values;
  }

  /** Removes every value under this exact sequence for which `drop` is true. */
  removeWhere(tokens: readonly string[], drop: (value: T) => boolean): void {
    const node = this.find(tokens);
    if (!node?.values) return;
    const kept = node.values.filter((v) => !drop(v));
    this.count -= node.values.length - kept.length;
    node.values = kept.length ? kept : undefined;
  }

  /**
   * Longest stored sequence starting at tokens[start]. `key` picks the id to look up for each
   * token (by default its exact normalised form; places pass a looser skeleton key).
   */
  longestAt(tokens: readonly Token[], start: number, key?: (t: Token) => number): { length: number; values: readonly T[] } | undefined {
    let node: TrieNode<T> | undefined = this.root;
    let bestLength = 0;
    let bestValues: readonly T[] | undefined;
    for (let i = start; i < tokens.length; i++) {
      const k = key ? key(tokens[i]) : tokens[i].id;
      if (k === UNKNOWN_WORD) break;
      node = childOf(node, k);
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
    const root = this.root.next as Map<number, TrieNode<T>>;
    for (let start = 0; start < tokens.length; start++) {
      const id = tokens[start].id;
      if (id === UNKNOWN_WORD) continue;
      let node = root.get(id);
      let i = start;
      while (node) {
        if (node.values) visit(start, i - start + 1, node.values);
        i++;
        if (i >= tokens.length) break;
        node = childOf(node, tokens[i].id);
      }
    }
  }
}
