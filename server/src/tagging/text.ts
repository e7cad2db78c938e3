/**
 * Tokenisation for every lookup in the tagging engine, built on the shared text normaliser
 * (shared/src/text/normalise.ts), which owns how words are split and folded.
 *
 * A story is tokenised once; gazetteer names and rule phrases go through the very same function
 * when their indexes are built, so "al-Hol", "Al Hol" and "الهول" meet on the same tokens
 * without any per-name regular expression.
 */

export interface Token {
  /** Normalised form: case-folded, Latin diacritics removed, Arabic letters unified. */
  norm: string;
  /** Vocabulary id of `norm` (see vocabulary.ts), or -1 for a word no index knows. */
  id: number;
  /** Offsets into the original text, for evidence. */
  start: number;
  end: number;
  /** First letter is upper case in the original (always true for scripts without case). */
  cap: boolean;
  /** Every letter is upper case (and there are at least two), e.g. "US", "DRC". */
  upper: boolean;
  /** First token of a sentence (or of a title / after a colon), where capitals prove nothing. */
  sentenceStart: boolean;
  /** Joined to the next token by a hyphen ("Rwanda-backed", "al-Hol"). */
  hyphenNext: boolean;
  /** Followed by "'s" (possessive), which the tokeniser drops. */
  possessive: boolean;
  /** Followed by a comma (for "Paris, Texas"). */
  commaNext: boolean;
  /** Arabic-script token (no letter case). */
  arabic: boolean;
}

import * as shared from '@sentinel/shared';

// Held locally: compiled imports are property reads through re-export getters, and these run for
// every token of every story.
const { arabicArticleParts, scanWords, scannedWords, isWordAt, WordFlag } = shared;

/** Reused by every call: the tagger tokenises one text at a time. */
const WORDS = scannedWords();
import { vocabularyGeneration, wordId } from './vocabulary';

/**
 * Vocabulary ids of the words in the shared fold cache, by cache slot: news repeats its words, so
 * most tokens find their id here without a map lookup. An entry is good while its slot still holds
 * the same folded string and no word was added to the vocabulary since.
 */
const ID_NORM: (string | undefined)[] = new Array<string | undefined>(1 << 16).fill(undefined);
const ID = new Int32Array(1 << 16);
const ID_GEN = new Int32Array(1 << 16).fill(-1);

function isArabicCode(c: number): boolean {
  return (c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff);
}

function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = text[i];
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/**
 * Tokenises text: the words are the shared normaliser's (`forEachWord`), so a tagger token, a
 * search word and an alert term are the same string; this adds what the tagger reads around
 * them (capitals, sentence starts, hyphens, commas, possessives) and splits the Arabic article.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const gen = vocabularyGeneration();
  const words = scanWords(text, WORDS);
  for (let w = 0; w < words.count; w++) {
    const norm = words.norms[w];
    const wordStart = words.starts[w];
    const end = words.ends[w];
    const flags = words.flags[w];
    const slot = words.cacheSlots[w];
    // After an elision ("N'Djamena", "l'armée") the token's evidence starts at the elided word,
    // and the word is not the first of its sentence.
    let start = wordStart;
    if (flags & WordFlag.Elided) {
      start -= 1;
      while (start > 0 && isWordAt(text, start - 1)) start--;
    }
    const sentenceStart = (w === 0 || (flags & WordFlag.AfterStop) !== 0) && !(flags & WordFlag.Elided);
    const possessive = (flags & WordFlag.Possessive) !== 0;
    const hyphenNext = (flags & WordFlag.HyphenNext) !== 0;
    const commaNext = (flags & WordFlag.CommaNext) !== 0;
    const abbreviation = (flags & WordFlag.Abbreviation) !== 0;
    const first = text.charCodeAt(wordStart);
    if (first >= 128 && isArabicCode(first)) {
      for (const piece of arabicArticleParts(norm)) {
        tokens.push({ norm: piece, id: wordId(piece), start, end, cap: true, upper: false, sentenceStart, hyphenNext, possessive, commaNext, arabic: true });
      }
    } else {
      const cap = isUpperAt(text, wordStart);
      let upper = abbreviation;
      if (!abbreviation && cap && end - wordStart >= 2 && isUpperAt(text, wordStart + 1)) {
        const word = text.slice(wordStart, end);
        const up = word.toUpperCase();
        upper = up === word && up !== word.toLowerCase();
      }
      let id: number;
      if (slot >= 0 && ID_NORM[slot] === norm && ID_GEN[slot] === gen) {
        id = ID[slot];
      } else {
        id = wordId(norm);
        if (slot >= 0) {
          ID_NORM[slot] = norm;
          ID[slot] = id;
          ID_GEN[slot] = gen;
        }
      }
      tokens.push({ norm, id, start, end, cap, upper, sentenceStart, hyphenNext, possessive, commaNext, arabic: false });
    }
  }
  return tokens;
}

/** Normalised token strings of a name or phrase, as the index stores them. */
export function normTokens(text: string): string[] {
  return tokenize(text).map((t) => t.norm);
}

/**
 * A looser key for transliterated Arabic, Persian and Somali names, where "Hasakah", "Hassakeh"
 * and "Hasaka" are the same place: doubled letters collapse, "ou"/"oo" become "u", "ee" becomes
 * "i", and a final "ah"/"eh"/"e" becomes "a". Only names from countries where this fits are
 * indexed under it, and only capitalised words are looked up with it.
 */
export function skeleton(norm: string): string {
  let s = '';
  let prev = '';
  for (let i = 0; i < norm.length; i++) {
    const ch = norm[i];
    if (ch === prev) continue;
    // "ou" and "oo" -> "u" ("Zour" = "Zur"); after collapsing doubles, "oo" is already "o".
    if (ch === 'u' && prev === 'o') {
      s = s.slice(0, -1) + 'u';
      prev = 'u';
      continue;
    }
    s += ch;
    prev = ch;
  }
  // The last "e" with only consonants after it reads as "a" ("Hassakeh" = "Hasakah").
  for (let i = s.length - 1; i >= 0; i--) {
    const ch = s[i];
    if (ch === 'e') {
      s = s.slice(0, i) + 'a' + s.slice(i + 1);
      break;
    }
    if (ch === 'a' || ch === 'i' || ch === 'o' || ch === 'u') break;
  }
  if (s.length > 3 && s.endsWith('ah')) s = s.slice(0, -1);
  return s;
}

/**
 * Whether the title is written in Title Case ("Armed Men Kill 12 In Attack"), in which case its
 * capitals tell nothing about proper nouns.
 */
export function isTitleCase(tokens: Token[]): boolean {
  let words = 0;
  let capped = 0;
  for (const t of tokens) {
    if (t.arabic || t.norm.length < 4 || /^[0-9]/.test(t.norm)) continue;
    words++;
    if (t.cap) capped++;
  }
  return words >= 3 && capped / words >= 0.8;
}
