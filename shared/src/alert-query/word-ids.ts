/**
 * Numbers for the words that rules mention. A compiled rule refers to its words by number and a
 * prepared story keeps a small table of the numbered words it contains, so that testing a word
 * is a probe in a typed array rather than a string-keyed map lookup; with thousands of rules
 * tested per second that difference dominates. Only rule words are numbered, so the dictionary
 * grows with the vocabulary of the rules ever compiled in this process, not with the news.
 */
export class RuleWordDictionary {
  private readonly ids = new Map<string, number>();

  /** Words numbered so far; ids are 0 .. size-1, handed out in order. */
  get size(): number {
    return this.ids.size;
  }

  intern(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(word, id);
    }
    return id;
  }

  find(word: string): number {
    return this.ids.get(word) ?? -1;
  }
}

export const ruleWords = new RuleWordDictionary();
