/**
 * Text folding shared by rule terms and story text, so that a term and the words of a story are
 * compared in the same form: case, diacritics and the Arabic spelling variants that outlets mix
 * freely (أحمد / احمد, مدرسة / مدرسه) all fold away.
 */

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const COMBINING_MARKS = /\p{M}/gu;

/**
 * Characters folded after NFKD. The harakat and the hamza of أ إ آ ؤ ئ are combining marks and
 * go with the other marks; these are the letters NFKD leaves alone. The modifier letters ʻ ʼ ʾ ʿ
 * mark ayn and hamza in transliterations ("Nuʿman", "Raʾad") and are dropped so that spellings
 * with and without them meet.
 */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  '\u0671': '\u0627', // alef wasla -> alef
  '\u0672': '\u0627', // alef with wavy hamza above -> alef
  '\u0673': '\u0627', // alef with wavy hamza below -> alef
  '\u0629': '\u0647', // teh marbuta -> heh
  '\u0649': '\u064a', // alef maksura -> yeh
  '\u0640': '', // tatweel (elongation) carries no meaning
  '\u02bb': '',
  '\u02bc': '',
  '\u02be': '',
  '\u02bf': '',
};
const FOLDED_LETTERS = /[\u0671\u0672\u0673\u0629\u0649\u0640\u02bb\u02bc\u02be\u02bf]/g;

/** Lower-cases and strips diacritics (NFKD, combining marks removed) and folds Arabic letter variants. */
export function normaliseText(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(FOLDED_LETTERS, (ch) => LETTER_FOLDS[ch] ?? '')
    .toLowerCase();
}

/**
 * A word is a run of letters and digits. An apostrophe inside a word joins its halves
 * ("Nu'man" -> "numan"), so that analysts need not guess how an outlet spelled a transliterated
 * name, and an English possessive is dropped ("Assad's" -> "assad"). In story text the part after
 * the apostrophe also counts, at the same position, so that "evasion" finds "l'évasion".
 */
const WORD = /[\p{L}\p{N}]+(?:['\u2018\u2019][\p{L}\p{N}]+)*/gu;
const APOSTROPHES = /['\u2018\u2019]/g;
const POSSESSIVE = /['\u2018\u2019]s$/;
/** Scripts written without spaces between words: each character is searched as its own word. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const UNSPACED_RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/**
 * Splits already-normalised text into words, appending to `into` (at most `limit` words in all)
 * and returning it. `alsoAt(word, index)` receives the part after an apostrophe, which stands
 * at the same index as the joined word.
 */
export function splitWords(
  normalised: string,
  into: string[] = [],
  limit = Number.POSITIVE_INFINITY,
  alsoAt?: (word: string, index: number) => void,
): string[] {
  const ascii = ASCII_ONLY.test(normalised);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(normalised); m !== null && into.length < limit; m = WORD.exec(normalised)) {
    let word = m[0];
    if (word.length > 2 && (word.includes("'") || word.includes('\u2019') || word.includes('\u2018'))) {
      word = word.replace(POSSESSIVE, '');
      const lastApostrophe = Math.max(word.lastIndexOf("'"), word.lastIndexOf('\u2019'), word.lastIndexOf('\u2018'));
      if (lastApostrophe !== -1) {
        const tail = word.slice(lastApostrophe + 1);
        word = word.replace(APOSTROPHES, '');
        if (alsoAt && tail.length >= 2) alsoAt(tail, into.length);
      }
    }
    if (!ascii && UNSPACED_SCRIPT.test(word)) {
      for (const run of word.match(UNSPACED_RUNS) ?? []) if (into.length < limit) into.push(run);
    } else {
      into.push(word);
    }
  }
  return into;
}

/** The words of `text` as rules and stories compare them. */
export function textToWords(text: string): string[] {
  return splitWords(normaliseText(text));
}
