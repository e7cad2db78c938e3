/**
 * Text normalisation and tokenisation shared by every lookup in the tagging engine.
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

import { vocabularyGeneration, wordId } from './vocabulary';

const COMBINING_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

/** Latin letters that NFD does not decompose. */
const LATIN_SPECIAL: Record<string, string> = {
  ı: 'i', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ħ: 'h', ŧ: 't', ŀ: 'l', ƒ: 'f',
};

/** Apostrophe-like characters. Modifier letters (ʻ ʿ ʾ) transliterate ayn/hamza and vanish. */
const APOSTROPHES = new Set(["'", '’', '‘', '`', '´', 'ʼ', '′']);
const TRANSLIT_MARKS = new Set(['ʻ', 'ʿ', 'ʾ', 'ʽ']);
const HYPHENS = new Set(['-', '‐', '‑', '‒', '–', '—']);
const SENTENCE_END = new Set(['.', '!', '?', ':', ';', '|', '\n', '•']);

const ARABIC_DIACRITICS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const ARABIC_LETTERS: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
  'ة': 'ه', 'ى': 'ي', 'ی': 'ي', 'ې': 'ي', 'ئ': 'ي', 'ؤ': 'و', 'ک': 'ك', 'ڪ': 'ك', 'ھ': 'ه', 'ۀ': 'ه',
};
/** One-letter conjunctions and prepositions written joined to the article: "بالحسكة" = "in al-Hasakah". */
const ARABIC_CLITICS_BEFORE_ARTICLE = ['وبال', 'وال', 'بال', 'فال', 'كال', 'لل', 'ال'];

const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

function isWordCode(c: number, ch: string): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return NON_ASCII_WORD.test(ch);
}

function isLetterOrDigit(ch: string): boolean {
  return isWordCode(ch.charCodeAt(0), ch);
}

function isArabicCode(c: number): boolean {
  return (c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff);
}

/** Normalise one Latin-or-other word (no spaces). */
const ASCII = /^[\x00-\x7f]*$/;
/** Character classes of ASCII, so that the common path needs no Set or regex. */
const OTHER = 0;
const WORD = 1;
const STOP = 2;
const APOSTROPHE = 3;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9]/.test(ch)) ASCII_CLASS[c] = WORD;
  else if (SENTENCE_END.has(ch)) ASCII_CLASS[c] = STOP;
  else if (APOSTROPHES.has(ch)) ASCII_CLASS[c] = APOSTROPHE;
  else ASCII_CLASS[c] = OTHER;
}
/**
 * Folded forms and ids of words seen recently, direct-mapped by a hash of the word's characters;
 * news repeats its vocabulary, so this mostly hits.
 */
const CACHE_MASK = (1 << 16) - 1;
const CACHE_WORD: (string | undefined)[] = new Array<string | undefined>(CACHE_MASK + 1).fill(undefined);
const CACHE_NORM: string[] = new Array<string>(CACHE_MASK + 1).fill('');
const CACHE_ID = new Int32Array(CACHE_MASK + 1);
/** Vocabulary generation each entry was made in: an entry from before the vocabulary grew is stale. */
const CACHE_GEN = new Int32Array(CACHE_MASK + 1).fill(-1);

function sameWord(text: string, start: number, end: number, word: string): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}
/** Placeholder id of tokens built off the fast path, looked up once at the end. */
const NEEDS_ID = -2;

export function foldLatin(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  let s = word.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
  if (!ASCII.test(s)) {
    let out = '';
    for (const ch of s) out += LATIN_SPECIAL[ch] ?? ch;
    s = out;
  }
  return s;
}

export function foldArabic(word: string): string {
  let s = word.normalize('NFC').replace(ARABIC_DIACRITICS, '');
  let out = '';
  for (const ch of s) out += ARABIC_LETTERS[ch] ?? ch;
  s = out;
  return s;
}

/**
 * Splits an Arabic word into the article and the stem: "الحسكة" -> ["al", "حسكه"], so that it
 * matches Latin "al-Hasakah" handling (where "al" is its own token) and names indexed without it.
 */
function arabicParts(folded: string): string[] {
  for (const prefix of ARABIC_CLITICS_BEFORE_ARTICLE) {
    if (folded.startsWith(prefix) && folded.length - prefix.length >= 2) {
      return ['al', folded.slice(prefix.length)];
    }
  }
  return [folded];
}

function isUpperChar(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  return isUpperChar(text[i]);
}

/**
 * Tokenises text. Runs in one pass over the characters; the only regular expressions are fixed
 * character classes.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const gen = vocabularyGeneration();
  const n = text.length;
  let i = 0;
  let sentenceStart = true;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code < 128 && ASCII_CLASS[code] !== WORD) {
      if (ASCII_CLASS[code] === STOP) sentenceStart = true;
      i++;
      continue;
    }
    if (code >= 128) {
      const ch = text[i];
      if (!isWordCode(code, ch) && !TRANSLIT_MARKS.has(ch)) {
        if (SENTENCE_END.has(ch)) sentenceStart = true;
        i++;
        continue;
      }
    }
    // Dotted abbreviation: single capitals separated by dots ("U.S.", "U.N.", "D.R.").
    if (text.charCodeAt(i + 1) === 46 && isUpperAt(text, i) && i + 3 < n && isUpperAt(text, i + 2) && text.charCodeAt(i + 3) === 46) {
      let j = i;
      let letters = '';
      while (j + 1 < n && isUpperAt(text, j) && text.charCodeAt(j + 1) === 46) {
        letters += text[j];
        j += 2;
      }
      tokens.push({
        norm: foldLatin(letters), id: NEEDS_ID, start: i, end: j, cap: true, upper: true, sentenceStart,
        hyphenNext: false, possessive: false, commaNext: text[j] === ',', arabic: false,
      });
      // The dot after an abbreviation rarely ends the sentence; treat it as not doing so.
      sentenceStart = false;
      i = j;
      continue;
    }
    // Fast path: a plain word of letters and digits (most words). The hash computed on the way
    // finds the word in a small cache without slicing it out of the text.
    let e = i + 1;
    let ascii = code < 128;
    let h = code;
    while (e < n) {
      const c = text.charCodeAt(e);
      if (c < 128) {
        if (ASCII_CLASS[c] !== WORD) break;
      } else if (isWordCode(c, text[e])) {
        ascii = false;
      } else break;
      h = (Math.imul(h, 31) + c) | 0;
      e++;
    }
    const endCode = e < n ? text.charCodeAt(e) : 32;
    if (!isArabicCode(code) && (endCode < 128 ? ASCII_CLASS[endCode] !== APOSTROPHE : !APOSTROPHES.has(text[e]) && !TRANSLIT_MARKS.has(text[e]))) {
      const hyphen = e + 1 < n && (endCode === 45 || (endCode >= 128 && HYPHENS.has(text[e]))) && isLetterOrDigit(text[e + 1]);
      const cap = isUpperAt(text, i);
      let upper = false;
      if (cap && e - i >= 2 && isUpperAt(text, i + 1)) {
        const word = text.slice(i, e);
        const up = word.toUpperCase();
        upper = up === word && up !== word.toLowerCase();
      }
      // One probe gives both the folded form and its vocabulary id for words seen before.
      const slot = (h ^ (h >>> 15)) & CACHE_MASK;
      let norm: string;
      let id: number;
      const cached = CACHE_WORD[slot];
      if (cached !== undefined && CACHE_GEN[slot] === gen && sameWord(text, i, e, cached)) {
        norm = CACHE_NORM[slot];
        id = CACHE_ID[slot];
      } else {
        const word = text.slice(i, e);
        norm = ascii ? word.toLowerCase() : foldLatin(word);
        id = wordId(norm);
        CACHE_WORD[slot] = word;
        CACHE_NORM[slot] = norm;
        CACHE_ID[slot] = id;
        CACHE_GEN[slot] = gen;
      }
      tokens.push({
        norm, id, start: i, end: e, cap, upper, sentenceStart,
        hyphenNext: hyphen, possessive: false, commaNext: text.charCodeAt(e) === 44, arabic: false,
      });
      sentenceStart = false;
      i = hyphen ? e + 1 : e;
      continue;
    }
    // A word: letters, digits, marks, and apostrophes between letters. Parts split at a one- or
    // two-letter elision ("d'Ivoire", "l'armée", "N'Djamena"); "Yemen's" marks a possessive;
    // "Sana'a" drops the apostrophe.
    let j = i;
    let partStart = i;
    let raw = '';
    let segStart = i;
    let possessive = false;
    const parts: { text: string; start: number; end: number }[] = [];
    while (j < n) {
      const c = text.charCodeAt(j);
      const cj = text[j];
      if (isWordCode(c, cj)) {
        j++;
      } else if (TRANSLIT_MARKS.has(cj)) {
        raw += text.slice(segStart, j);
        j++;
        segStart = j;
      } else if (APOSTROPHES.has(cj) && j + 1 < n && isLetterOrDigit(text[j + 1])) {
        const after = text[j + 1];
        if ((after === 's' || after === 'S') && (j + 2 >= n || !isLetterOrDigit(text[j + 2]))) {
          raw += text.slice(segStart, j);
          segStart = j;
          possessive = true;
          j += 2;
          break;
        }
        raw += text.slice(segStart, j);
        if (raw.length > 0 && raw.length <= 2) {
          parts.push({ text: raw, start: partStart, end: j });
          raw = '';
          partStart = j + 1;
        }
        j++;
        segStart = j;
      } else {
        break;
      }
    }
    if (!possessive) raw += text.slice(segStart, j);
    if (raw.length > 0) parts.push({ text: raw, start: partStart, end: possessive ? j - 2 : j });
    if (j < n && APOSTROPHES.has(text[j])) j++;
    const k = j;
    const hyphenNext = k + 1 < n && HYPHENS.has(text[k]) && isLetterOrDigit(text[k + 1]);
    const commaNext = k < n && text.charCodeAt(k) === 44;
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p];
      const last = p === parts.length - 1;
      const ss = sentenceStart && p === 0;
      if (isArabicCode(part.text.charCodeAt(0))) {
        for (const piece of arabicParts(foldArabic(part.text))) {
          tokens.push({
            norm: piece, id: NEEDS_ID, start: part.start, end: part.end, cap: true, upper: false, sentenceStart: ss,
            hyphenNext: last && hyphenNext, possessive: last && possessive, commaNext: last && commaNext, arabic: true,
          });
        }
      } else {
        const cap = isUpperAt(part.text, 0);
        let upper = false;
        if (cap && part.text.length >= 2) {
          const up = part.text.toUpperCase();
          upper = up === part.text && up !== part.text.toLowerCase() && isUpperAt(part.text, 1);
        }
        tokens.push({
          norm: foldLatin(part.text), id: NEEDS_ID, start: part.start, end: part.end, cap, upper, sentenceStart: ss,
          hyphenNext: last && hyphenNext, possessive: last && possessive, commaNext: last && commaNext, arabic: false,
        });
      }
    }
    sentenceStart = false;
    i = hyphenNext ? k + 1 : k;
  }
  for (const t of tokens) if (t.id === NEEDS_ID) t.id = wordId(t.norm);
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
