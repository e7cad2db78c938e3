/**
 * The words of the cluster engine's window as small integer ids, with how many of the window's
 * stories use each one (the document frequency behind IDF). Clusters, the word index and the
 * window's timeline hold these ids instead of the words' strings: comparing a story with a
 * candidate is then a probe with an integer key, not hashing and comparing strings spread over a
 * heap that grows with the window (bench/README.md, clusters, says what that cost).
 *
 * An id stays with its word while anything in the engine refers to it. `sweep` frees the ids that
 * nothing refers to any more, so that the vocabulary follows the window instead of keeping every
 * word ever seen; a freed id may later be given to another word.
 */
export class WindowVocabulary {
  private readonly ids = new Map<string, number>();
  private readonly freeIds: number[] = [];
  private nextId = 0;
  /** By id: stories in the window that use the word. */
  private frequency = new Int32Array(1024);
  /** Words that were still referred to at the last sweep: the next one pays off when the vocabulary has doubled. */
  private keptAtLastSweep = 0;

  /** The word's id; a word not seen before gets one. */
  idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.freeIds.pop() ?? this.nextId++;
      if (id >= this.frequency.length) {
        const grown = new Int32Array(this.frequency.length * 2);
        grown.set(this.frequency);
        this.frequency = grown;
      }
      this.ids.set(word, id);
    }
    return id;
  }

  /** The word's id, or undefined when nothing in the window uses it. */
  find(word: string): number | undefined {
    return this.ids.get(word);
  }

  documentFrequency(id: number): number {
    return this.frequency[id];
  }

  /** A story entered the window: each of its (distinct) words is used by one more story. */
  countStory(ids: readonly number[]): void {
    for (const id of ids) this.frequency[id]++;
  }

  /** A story left the window. */
  uncountStory(ids: readonly number[]): void {
    for (const id of ids) if (this.frequency[id] > 0) this.frequency[id]--;
  }

  get size(): number {
    return this.ids.size;
  }

  /** Whether enough words may have fallen out of use since the last sweep for one to pay. */
  wantsSweep(): boolean {
    return this.ids.size > Math.max(MIN_SWEEP_SIZE, 2 * this.keptAtLastSweep);
  }

  /**
   * Frees the ids of words that no story in the window uses and that `markReferenced` does not
   * mark (it must mark every id the caller still holds: clusters' words, index keys).
   */
  sweep(markReferenced: (mark: (id: number) => void) => void): void {
    const referenced = new Uint8Array(this.nextId);
    markReferenced((id) => {
      referenced[id] = 1;
    });
    for (const [word, id] of this.ids) {
      if (referenced[id] === 0 && this.frequency[id] === 0) {
        this.ids.delete(word);
        this.freeIds.push(id);
      }
    }
    this.keptAtLastSweep = this.ids.size;
  }
}

/** Below this many words a sweep is not worth its pass over the clusters. */
const MIN_SWEEP_SIZE = 4096;
