/**
 * Every normalised word that some index knows gets a small integer id, once per process.
 * A story's words are looked up here once each; words no index knows (most of them) get -1
 * and cost nothing further, and the indexes walk integer-keyed maps.
 */
const ids = new Map<string, number>();

export const UNKNOWN_WORD = -1;

let generation = 0;

export function internWord(word: string): number {
  let id = ids.get(word);
  if (id === undefined) {
    id = ids.size;
    ids.set(word, id);
    generation++;
  }
  return id;
}

/** Changes whenever a word is added, so that caches of ids know when they are stale. */
export function vocabularyGeneration(): number {
  return generation;
}

export function wordId(word: string): number {
  return ids.get(word) ?? UNKNOWN_WORD;
}
