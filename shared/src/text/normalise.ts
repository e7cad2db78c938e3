/**
 * How text is normalised for matching: the one definition that search (SQLite and PostgreSQL),
 * the live subscription, the tagger, alert rules and the client's highlighting all use, so that a
 * word found by one is found by all.
 *
 * A word is folded (`foldWord`): Unicode compatibility forms (NFKC), case, Latin diacritics and
 * the Latin letters that do not decompose (ß, ø, ł…), Arabic letter variants that outlets mix
 * freely (أ إ آ ٱ → ا, ى ی ئ → ي, ؤ → و, ة → ه), harakat and tatweel, and the modifier letters
 * that mark ayn and hamza in transliterations ("Nuʿman").
 *
 * Text is split into words (`forEachWord`): runs of letters and digits. Hyphens and other
 * punctuation separate words ("al-Hol" → al, hol). An apostrophe inside a word joins its halves
 * ("Sana'a" → sanaa, "Nu’man" → numan), except that a French elision is dropped as Lucene's
 * elision filter does ("l'évasion" → evasion, "qu'il" → il, "d'Ivoire" → ivoire) and an English
 * possessive is dropped ("Assad's" → assad). A dotted abbreviation is one word ("U.S." → us).
 * Chinese and Japanese, written without spaces, count each character as a word.
 *
 * This module owns words only; what a user of them adds on top (the tagger's Arabic article split,
 * the alert language's positions) stays with that user.
 */

const ASCII = /^[\x00-\x7f]*$/;

/** Marks removed after decomposition: Latin (and Greek, Cyrillic) diacritics, Arabic harakat and Quranic marks. */
const MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;

/**
 * Letters folded one for one after case folding. Arabic variants fold to the plain letter;
 * tatweel (elongation) and the transliteration marks ʻ ʿ ʾ ʽ vanish.
 */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ı: 'i', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ħ: 'h', ŧ: 't', ŀ: 'l', ƒ: 'f',
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
  'ة': 'ه', 'ى': 'ي', 'ی': 'ي', 'ې': 'ي', 'ئ': 'ي', 'ؤ': 'و', 'ک': 'ك', 'ڪ': 'ك', 'ھ': 'ه', 'ۀ': 'ه',
  '\u0640': '',
  'ʻ': '', 'ʿ': '', 'ʾ': '', 'ʽ': '', 'ʼ': '',
};
const FOLDED_LETTERS = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

/** Folds one word (no spaces or punctuation) to the form every comparison uses. */
export function foldWord(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  const s = word.normalize('NFKC').toLowerCase().replace(FOLDED_LETTERS, (ch) => LETTER_FOLDS[ch]).normalize('NFD').replace(MARKS, '');
  return ASCII.test(s) ? s : s.normalize('NFC');
}

/** Apostrophe-like characters. */
const APOSTROPHES = new Set(["'", '’', '‘', '`', '´', 'ʼ', '′']);
/** Modifier letters that transliterate ayn and hamza: part of the word, folded away. */
const TRANSLIT_MARKS = new Set(['ʻ', 'ʿ', 'ʾ', 'ʽ']);
/** Hyphens and dashes: they separate words, and the tagger notes when one joined two words. */
const HYPHENS = new Set(['-', '‐', '‑', '‒', '–', '—']);
/** Elided words dropped before an apostrophe (French), compared in lower case. */
const ELISIONS = new Set(['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'presqu']);

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

/** Whether the character at `i` is an apostrophe (the ASCII ones answered without a lookup). */
export function isApostropheAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return c === 39 || c === 96;
  return APOSTROPHES.has(text[i]);
}

/** Whether the character at `i` is a hyphen or dash. */
export function isHyphenAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return c === 45;
  return HYPHENS.has(text[i]);
}

/** Whether the character at `i` belongs to a word: a letter, digit or mark (false past the end). */
export function isWordAt(text: string, i: number): boolean {
  // Reading past the end is slow in optimised code, hence the bounds checks here and below.
  if (i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const ch = text[i];
  return NON_ASCII_WORD.test(ch) || TRANSLIT_MARKS.has(ch);
}

/** Chinese and Japanese, written without spaces: each character is a word. */
function isUnspacedCode(c: number): boolean {
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff66 && c <= 0xff9f);
}

function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = text[i];
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/**
 * Folded forms of words seen recently, direct-mapped by a hash of the word's characters; news
 * repeats its vocabulary, so this mostly hits and the common word costs no allocation.
 */
const CACHE_MASK = (1 << 16) - 1;
let cacheWord: (string | undefined)[] | undefined;
let cacheNorm: string[] | undefined;

/** What `scanWords` notes about a word's surroundings, as bits of `ScannedWords.flags`. */
export const WordFlag = {
  /** An English possessive "'s" followed and was dropped. */
  Possessive: 1,
  /** A French elision ("l'", "qu'") came before and was dropped; it is outside the offsets. */
  Elided: 2,
  /** A sentence ended (. ! ? : ; | line break •) between the previous word and this one. */
  AfterStop: 4,
  /** A hyphen or dash joins this word to the next ("Rwanda-backed", "al-Hol"). */
  HyphenNext: 8,
  /** A comma follows ("Paris, Texas"). */
  CommaNext: 16,
  /** A dotted abbreviation ("U.S."). */
  Abbreviation: 32,
} as const;

/**
 * The words of a text, in columns that a scan refills without allocating per word: the folded
 * form, the offsets in the text (an elided "l'" and a dropped possessive "'s" are outside them),
 * `WordFlag` bits, and the word's place in the fold cache (-1 when it has none), so that a caller
 * may keep what it derives from a word (the tagger: its vocabulary id) beside it.
 */
export interface ScannedWords {
  count: number;
  norms: string[];
  starts: number[];
  ends: number[];
  flags: number[];
  cacheSlots: number[];
}

export function scannedWords(): ScannedWords {
  return { count: 0, norms: [], starts: [], ends: [], flags: [], cacheSlots: [] };
}

/** Sentence-ending characters, for `WordFlag.AfterStop`. */
function isStopCode(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 58 || c === 59 || c === 124 || c === 10 || c === 0x2022;
}

/**
 * Records a word ending at `end` (before any dropped "'s") and returns where scanning goes on:
 * past the possessive and a closing apostrophe ("the Kurds' towns").
 */
function emit(out: ScannedWords, text: string, norm: string, start: number, end: number, flags: number, cacheSlot: number): number {
  let k = flags & WordFlag.Possessive ? end + 2 : end;
  if (isApostropheAt(text, k)) k++;
  if (norm === '') return k;
  if (!(flags & WordFlag.Abbreviation) && isHyphenAt(text, k) && isWordAt(text, k + 1)) flags |= WordFlag.HyphenNext;
  if (k < text.length && text.charCodeAt(k) === 44) flags |= WordFlag.CommaNext;
  const w = out.count++;
  out.norms[w] = norm;
  out.starts[w] = start;
  out.ends[w] = end;
  out.flags[w] = flags;
  out.cacheSlots[w] = cacheSlot;
  return k;
}

/** Calls `visit` with each word of `text` in order (see `ScannedWords` for what it receives). */
export function forEachWord(text: string, visit: (norm: string, start: number, end: number) => void): void {
  const words = scanWords(text, scannedWords());
  for (let k = 0; k < words.count; k++) visit(words.norms[k], words.starts[k], words.ends[k]);
}

/** Scans `text` into `out` (emptied first) and returns it; the tagger reuses one `out` per call. */
export function scanWords(text: string, out: ScannedWords): ScannedWords {
  out.count = 0;
  if (cacheWord === undefined || cacheNorm === undefined) {
    cacheWord = new Array<string | undefined>(CACHE_MASK + 1).fill(undefined);
    cacheNorm = new Array<string>(CACHE_MASK + 1).fill('');
  }
  const words = cacheWord;
  const norms = cacheNorm;
  const n = text.length;
  let stop = 0;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (!isWordAt(text, i)) {
      if (isStopCode(code)) stop = WordFlag.AfterStop;
      i++;
      continue;
    }
    const before = stop;
    stop = 0;
    // Dotted abbreviation: single capitals separated by dots ("U.S.", "U.N.", "D.R.").
    if (i + 3 < n && text.charCodeAt(i + 1) === 46 && isUpperAt(text, i) && isUpperAt(text, i + 2) && text.charCodeAt(i + 3) === 46) {
      let j = i;
      let letters = '';
      while (j + 1 < n && isUpperAt(text, j) && text.charCodeAt(j + 1) === 46) {
        letters += text[j];
        j += 2;
      }
      i = emit(out, text, foldWord(letters), i, j, before | WordFlag.Abbreviation, -1);
      continue;
    }
    if (code >= 128 && isUnspacedCode(code)) {
      i = emit(out, text, foldWord(text[i]), i, i + 1, before, -1);
      continue;
    }
    // The common word: letters and digits up to a character that is neither. The hash computed
    // on the way finds the word in the cache without slicing it out of the text.
    let e = i + 1;
    let h = code;
    while (e < n) {
      const c = text.charCodeAt(e);
      if (c < 128 ? !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) : isUnspacedCode(c) || !isWordAt(text, e)) break;
      h = (Math.imul(h, 31) + c) | 0;
      e++;
    }
    if (e >= n || !isApostropheAt(text, e) || !isWordAt(text, e + 1)) {
      const slot = (h ^ (h >>> 15)) & CACHE_MASK;
      const cached = words[slot];
      let norm: string;
      if (cached !== undefined && sameWord(text, i, e, cached)) {
        norm = norms[slot];
      } else {
        const word = text.slice(i, e);
        norm = foldWord(word);
        words[slot] = word;
        norms[slot] = norm;
      }
      i = emit(out, text, norm, i, e, before, slot);
      continue;
    }
    // A word with apostrophes between letters: an elision is dropped, a possessive ends the
    // word, any other apostrophe joins the halves.
    let start = i;
    let joined = '';
    let segStart = i;
    let j = e;
    let flags = before;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (isWordAt(text, j) && !isUnspacedCode(c)) {
        j++;
        continue;
      }
      if (!isApostropheAt(text, j) || !isWordAt(text, j + 1)) break;
      const after = text.charCodeAt(j + 1);
      if ((after === 115 || after === 83) && !isWordAt(text, j + 2)) {
        flags |= WordFlag.Possessive;
        break;
      }
      joined += text.slice(segStart, j);
      if (segStart === start && ELISIONS.has(joined.toLowerCase())) {
        joined = '';
        start = j + 1;
        flags |= WordFlag.Elided;
      }
      segStart = j + 1;
      j++;
    }
    joined += text.slice(segStart, j);
    i = emit(out, text, foldWord(joined), start, j, flags, -1);
  }
  return out;
}

function sameWord(text: string, start: number, end: number, word: string): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}

/** One word of a text: its folded form and where it stands in the original. */
export interface TextWord {
  norm: string;
  start: number;
  end: number;
}

/** The words of `text` with their offsets, e.g. to highlight them. */
export function textWords(text: string): TextWord[] {
  const words: TextWord[] = [];
  forEachWord(text, (norm, start, end) => words.push({ norm, start, end }));
  return words;
}

/** The words of a text as search and matching compare them. */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  forEachWord(text, (norm) => tokens.push(norm));
  return tokens;
}

/**
 * The normalised form of a text: its words, folded, separated by single spaces. This is what the
 * stories' search column stores and what the full-text indexes of both databases read.
 */
export function normaliseText(text: string): string {
  return searchTokens(text).join(' ');
}

/** One-letter conjunctions and prepositions written joined to the article: "بالحسكة" = "in al-Hasakah". */
const ARABIC_ARTICLE_PREFIXES = ['وبال', 'وال', 'بال', 'فال', 'كال', 'لل', 'ال'];

/**
 * Splits a folded Arabic word into the article and the stem: "الحسكه" → ["al", "حسكه"], so that
 * it meets Latin "al-Hasakah" (where "al" is its own word) and names written without the article.
 * The tagger uses it; search compares whole words.
 */
export function arabicArticleParts(norm: string): string[] {
  for (const prefix of ARABIC_ARTICLE_PREFIXES) {
    if (norm.startsWith(prefix) && norm.length - prefix.length >= 2) return ['al', norm.slice(prefix.length)];
  }
  return [norm];
}
