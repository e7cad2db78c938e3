/**
 * The languages stories come in (English, French, Arabic) and the one definition of how a text's
 * language is guessed and how a request's preferred language is read. The server guesses each
 * story's language when it summarises an event (its headline per language); the server reads
 * `Accept-Language` and the client reads `navigator.languages` with the same rule.
 *
 * The guess is deliberately cheap: Arabic script is Arabic; Latin script is English or French by
 * the short function words each language cannot write a sentence without. It is not a general
 * language identifier: anything else (German, Spanish, a bare place name) may come out as
 * English, French or null.
 */

export const STORY_LANGUAGES = ['en', 'fr', 'ar'] as const;
export type StoryLanguage = (typeof STORY_LANGUAGES)[number];

export function isStoryLanguage(value: unknown): value is StoryLanguage {
  return typeof value === 'string' && (STORY_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Function words that mark a Latin-script text as one language and are rare as words of the
 * other: "a", "on" and "de" are left out of English as French writes them too ("il a", "on dit";
 * "de" also opens French names quoted in English).
 */
const ENGLISH_WORDS = new Set(
  ('the of and to in for on with by is was from at as an are were has have had be been it its this that these those '
    + 'after over into amid near during off up out under says said will would who which their they he his she her not but while than about against').split(' '),
);
const FRENCH_WORDS = new Set(
  ('le la les des du de au aux à en et est dans pour sur une un par avec qui que quelque ont sont selon après apres contre entre '
    + 'il ils elle elles se ne pas plus leur leurs cette ces ce lors été ete depuis mais où vers sous près pres font fait').split(' '),
);
/** French elisions ("l'armée", "d'une", "qu'il"): each one is a French word. */
const ELISION = /^(?:l|d|qu|n|s|c|j|jusqu|lorsqu)['’]/;
/** An English possessive ("Sudan's army"): French has none. */
const POSSESSIVE = /['’]s$/;

/** Past this many characters the guess does not get better, only slower. */
const MAX_CHARS = 1000;

/**
 * 'ar' for Arabic script, 'en' or 'fr' for Latin script by its function words, null when the text
 * has too little to tell (a name, a number, as many words of each, or another script).
 */
export function guessLanguage(text: string): StoryLanguage | null {
  const sample = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  let arabic = 0;
  let latin = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) latin++;
    else if ((c >= 0x620 && c <= 0x64a) || (c >= 0x66e && c <= 0x6d3) || (c >= 0x750 && c <= 0x77f) || (c >= 0xfb50 && c <= 0xfefc)) arabic++;
  }
  if (arabic > latin) return 'ar';
  if (latin === 0) return null;
  let english = 0;
  let french = 0;
  for (const word of sample.toLowerCase().split(/[^\p{L}'’]+/u)) {
    if (!word) continue;
    if (ELISION.test(word)) french++;
    else if (POSSESSIVE.test(word)) english++;
    else if (ENGLISH_WORDS.has(word)) english++;
    else if (FRENCH_WORDS.has(word)) french++;
  }
  if (english > french) return 'en';
  if (french > english) return 'fr';
  return null;
}

/**
 * The first of en, fr, ar that a list of language preferences names, by preference: an
 * `Accept-Language` header ("fr-CH, fr;q=0.9, en;q=0.8") or `navigator.languages` joined with
 * commas. Entries with q=0 are refused languages; "*" and other languages are passed over. Null
 * when none of the three is named.
 */
export function preferredStoryLanguage(preferences: string | null | undefined): StoryLanguage | null {
  if (!preferences) return null;
  let best: StoryLanguage | null = null;
  let bestQuality = 0;
  for (const entry of preferences.slice(0, MAX_CHARS).split(',')) {
    const [tag, ...params] = entry.split(';');
    const language = tag.trim().toLowerCase().split('-')[0];
    if (!isStoryLanguage(language)) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p)).find(Boolean);
    const quality = q ? Number(q[1]) : params.some((p) => /^\s*q\s*=/i.test(p)) ? 0 : 1;
    // Stable: of two languages liked as much, the one named first.
    if (quality > bestQuality) {
      best = language;
      bestQuality = quality;
    }
  }
  return best;
}
