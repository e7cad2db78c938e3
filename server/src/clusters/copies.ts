/**
 * Copies: whether one story's text is a near-duplicate of another's (a syndicated wire story that
 * an outlet republished with a retouched title, a dateline or a trimmed ending). A copy is one
 * voice, not corroboration. This module owns the text comparison only; which story is the
 * original (the earlier one, from another outlet) is the clusters service's decision.
 *
 * Texts are compared as sets of word shingles (runs of SHINGLE_WORDS words of the shared
 * `normaliseText` form, hashed to 32-bit integers), so that the comparison is the same in every
 * script and costs one pass over each text.
 */
import { searchTokens } from '@sentinel/shared';

/** Words per shingle: three keeps a reworded phrase from matching while a copied sentence does. */
export const SHINGLE_WORDS = 3;
/** Resemblance of title and summary together from which two stories are one text. */
export const COPY_RESEMBLANCE = 0.6;
/**
 * Share of the shorter text's shingles found in the longer one from which the shorter is a cut of
 * the longer (an outlet kept the wire story's first paragraphs)...
 */
export const COPY_CONTAINMENT = 0.8;
/** ...provided the shorter text is long enough for that to mean something: a couple of sentences. */
export const CONTAINMENT_MIN_SHINGLES = 20;
/** Texts with fewer shingles than this (a few words) are too short to call copies at all. */
export const MIN_SHINGLES = 4;
/** With the same title, the summaries need resemble only this much (an outlet trimmed or added a sentence). */
export const SAME_TITLE_SUMMARY_RESEMBLANCE = 0.5;

export interface CopyText {
  title: string;
  summary: string;
}

/** FNV-1a over the UTF-16 code units of a shingle's words, separated by a space. */
function hashWords(words: readonly string[], from: number, count: number): number {
  let h = 0x811c9dc5;
  for (let w = from; w < from + count; w++) {
    if (w > from) h = Math.imul(h ^ 32, 0x01000193);
    const word = words[w];
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

/**
 * The distinct shingles of `text`, ascending. A text shorter than a shingle is one shingle of all
 * its words; an empty text has none.
 */
export function shingles(text: string): number[] {
  const words = searchTokens(text);
  if (words.length === 0) return [];
  const size = Math.min(SHINGLE_WORDS, words.length);
  const hashes = new Set<number>();
  for (let i = 0; i + size <= words.length; i++) hashes.add(hashWords(words, i, size));
  return [...hashes].sort((x, y) => x - y);
}

/** Jaccard resemblance of two ascending shingle sets: shared / all; 0 when either is empty. */
export function resemblance(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const shared = sharedCount(a, b);
  return shared / (a.length + b.length - shared);
}

/** Share of the smaller ascending shingle set found in the other; 0 when either is empty. */
export function containment(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return sharedCount(a, b) / Math.min(a.length, b.length);
}

function sharedCount(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return shared;
}

/**
 * A wire dateline at the start of a body: "ABUJA, July 5 (Reuters) -", "Bamako (AFP) -",
 * "بيروت (رويترز) -". Republishers add or drop it, so it is not part of the text compared.
 */
const DATELINE = /^\s*[^()\n]{0,60}\([^()\n]{1,30}\)\s*[-\u2010-\u2015:]+\s*/;

/** A story's body without its dateline. */
export function withoutDateline(summary: string): string {
  return summary.replace(DATELINE, '');
}

/**
 * Whether two stories are one text: a syndicated copy of the other, or both of a common original.
 * Any of: title and body resemble each other as a whole; one body is a cut of the other (titles
 * are often rewritten, so the bodies alone decide); or the titles are the same and the bodies
 * resemble each other somewhat.
 */
export function isNearDuplicate(a: CopyText, b: CopyText): boolean {
  const bodyA = withoutDateline(a.summary);
  const bodyB = withoutDateline(b.summary);
  const wholeA = shingles(`${a.title}\n${bodyA}`);
  const wholeB = shingles(`${b.title}\n${bodyB}`);
  if (Math.min(wholeA.length, wholeB.length) < MIN_SHINGLES) return false;
  if (resemblance(wholeA, wholeB) >= COPY_RESEMBLANCE) return true;
  const summaryA = shingles(bodyA);
  const summaryB = shingles(bodyB);
  if (Math.min(summaryA.length, summaryB.length) >= CONTAINMENT_MIN_SHINGLES && containment(summaryA, summaryB) >= COPY_CONTAINMENT) return true;
  const titleA = searchTokens(a.title).join(' ');
  if (titleA === '' || titleA !== searchTokens(b.title).join(' ')) return false;
  return resemblance(summaryA, summaryB) >= SAME_TITLE_SUMMARY_RESEMBLANCE;
}
