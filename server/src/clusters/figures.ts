/**
 * Figures: the counts a story gives of people killed, wounded, escaped, detained, displaced or
 * transferred ("at least 12 killed", "281 détenus se sont évadés", "مقتل 12 شخصا"), so that an
 * event can show where its sources disagree. English, French and Arabic; digits (also Arabic-Indic
 * "٢٨١"), number words and vague quantities, which take their conventional lower bound
 * ("dozens" → 24, "hundreds" → 200, "scores" → 40).
 *
 * A figure is a quantity close to a word that says what happened to the people counted (either
 * side, within a few words of the same clause); the nearer word wins, so "12 killed and 30
 * wounded" gives two figures. Numbers that count something else (years, dates, ages, distances,
 * money, "Route 6") give none. This module owns reading one text; comparing figures across
 * stories is the clusters service's.
 *
 * Words are read with the shared tokenizer and compared in the shared folded form (`foldWord`:
 * case, Latin diacritics, Arabic letter variants); the word lists below are folded when the module
 * loads, so "blessés" and "blesses", "إصابة" and "اصابه" are the same entry. An Arabic word is also
 * looked up without a joined conjunction and article ("وإصابة", "الجرحى").
 */
import { foldWord, scannedWords, scanWords, WordFlag } from '@sentinel/shared';
import type { FigureConflict } from '@sentinel/shared';

export type FigureKind = FigureConflict['what'];

export interface Figure {
  what: FigureKind;
  value: number;
  /** The words as the story wrote them: "at least 12", "281 inmates", "dozens". */
  text: string;
}

/** "fled" says escaped of prisoners and displaced of everyone else. */
type Cue = FigureKind | 'fled';

const CUES: ReadonlyMap<string, Cue> = cueMap({
  killed: [
    // English
    'killed', 'kill', 'kills', 'killing', 'dead', 'died', 'die', 'dies', 'death', 'deaths', 'lives', 'bodies', 'fatalities', 'toll', 'slain', 'executed', 'massacred', 'perished',
    // French
    'tue', 'tues', 'tuee', 'tuees', 'tuant', 'mort', 'morts', 'mortes', 'deces', 'decede', 'decedes', 'peri', 'peris', 'victimes', 'neutralise', 'neutralises', 'massacres', 'executes',
    // Arabic
    'قتل', 'قتلوا', 'قتلت', 'يقتل', 'مقتل', 'قتيل', 'قتيلا', 'قتلي', 'مصرع', 'حتفه', 'حتفهم', 'توفي', 'وفاه', 'وفيات', 'ضحيه', 'ضحايا', 'اعدام',
  ],
  wounded: [
    'wounded', 'wounding', 'injured', 'injuring', 'injuries', 'hurt',
    'blesse', 'blesses', 'blessee', 'blessees', 'blessant', 'blessures',
    'اصابه', 'اصابات', 'اصيب', 'اصيبوا', 'جرح', 'جرحي', 'جريح', 'جريحا', 'مصاب', 'مصابا', 'مصابين',
  ],
  escaped: [
    'escaped', 'escape', 'escapes', 'escaping', 'escapees', 'jailbreak', 'breakout',
    'evade', 'evades', 'evadee', 'evadees', 'evasion', 'echappe', 'echappes',
  ],
  fled: [
    'fled', 'flee', 'fleeing', 'flees',
    'enfui', 'enfuis', 'enfuies', 'fui', 'fuient', 'fuyant', 'fuite',
    'فرار', 'فر', 'فروا', 'هروب', 'هرب', 'هربوا', 'فارا', 'فارين',
  ],
  detained: [
    'arrested', 'arrest', 'arrests', 'detained', 'detaining', 'detention', 'abducted', 'abduction', 'kidnapped', 'kidnapping', 'held', 'hostage', 'hostages', 'captured', 'seized', 'rounded',
    'arrete', 'arretes', 'arretees', 'arrestation', 'arrestations', 'interpelle', 'interpelles', 'interpellees', 'interpellations', 'enleve', 'enleves', 'enlevees', 'enlevement', 'kidnappes', 'otages', 'captures', 'incarceres',
    'اعتقال', 'اعتقل', 'اعتقلت', 'اعتقلوا', 'احتجاز', 'احتجز', 'احتجزت', 'اختطاف', 'اختطف', 'اختطفوا', 'خطف', 'توقيف', 'اوقف', 'اوقفت', 'القبض', 'قبض', 'رهينه', 'رهائن', 'اسر',
  ],
  displaced: [
    'displaced', 'displacing', 'displacement', 'homeless', 'evacuated', 'uprooted',
    'deplaces', 'deplacees', 'deplacement', 'evacues', 'evacuees', 'sinistres',
    'نزوح', 'نزح', 'نزحوا', 'نازح', 'نازحا', 'نازحين', 'تهجير', 'هجر', 'تشريد', 'شرد', 'مشرد', 'مشردين', 'اجلاء',
  ],
  transferred: [
    'transferred', 'transfer', 'transfers', 'transferring', 'moved', 'relocated', 'relocating', 'transported', 'deported',
    'transfere', 'transferes', 'transferees', 'transfert', 'transferement', 'relocalises', 'reloges', 'transportes', 'expulses',
    'نقل', 'نقلت', 'نقلوا', 'ترحيل', 'رحل', 'رحلت', 'تحويل',
  ],
});

/** The word lists are written as people spell them; they are compared folded. */
function foldedSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map(foldWord));
}

function foldedMap(entries: readonly (readonly [string, number])[]): ReadonlyMap<string, number> {
  return new Map(entries.map(([w, v]) => [foldWord(w), v]));
}

function cueMap(lists: Record<Cue, string[]>): Map<string, Cue> {
  const map = new Map<string, Cue>();
  for (const [cue, words] of Object.entries(lists) as [Cue, string[]][]) for (const w of words) map.set(foldWord(w), cue);
  return map;
}

/** Who is counted; they stand between a number and its cue at little cost. */
const PEOPLE = foldedSet([
  'people', 'persons', 'person', 'civilians', 'civilian', 'men', 'women', 'children', 'soldiers', 'troops', 'fighters', 'militants', 'policemen', 'police', 'officers', 'residents', 'villagers', 'migrants', 'refugees', 'protesters', 'demonstrators', 'students', 'workers', 'families', 'others', 'more', 'palestinians', 'israelis', 'passengers', 'guards', 'members', 'family', 'suspects', 'gunmen', 'attackers', 'terrorists', 'jihadists',
  'personnes', 'civils', 'enfants', 'femmes', 'hommes', 'soldats', 'militaires', 'policiers', 'gendarmes', 'habitants', 'manifestants', 'migrants', 'refugies', 'autres', 'familles', 'jihadistes', 'assaillants', 'passagers', 'suspects', 'terroristes', 'combattants',
  'شخص', 'شخصا', 'اشخاص', 'مدني', 'مدنيا', 'مدنيين', 'طفل', 'طفلا', 'اطفال', 'امراه', 'نساء', 'جندي', 'جنديا', 'جنود', 'عنصرا', 'عناصر', 'مسلحا', 'مسلحين', 'اخرين', 'اخرون', 'مواطنا', 'مواطنين', 'عائله', 'عائلات', 'فلسطينيا', 'فلسطينيين', 'مهاجرا', 'مهاجرين', 'لاجئا', 'لاجئين', 'طالبا', 'طلاب', 'عائلة', 'أسرة', 'أسر', 'الأقل',
]);
/** People held in prison: with them "fled" means escaped. */
const PRISONERS = foldedSet([
  'prisoners', 'prisoner', 'inmates', 'inmate', 'detainees', 'detainee', 'convicts', 'escapees',
  'detenus', 'detenu', 'prisonniers', 'prisonnier', 'evades', 'pensionnaires',
  'سجين', 'سجينا', 'سجناء', 'معتقل', 'معتقلا', 'معتقلين', 'نزيل', 'نزيلا', 'نزلاء', 'محتجزا', 'محتجزين', 'موقوفا', 'موقوفين',
]);
/** Words that carry no meaning between a number and its cue: they cost half a word. */
const LIGHT = foldedSet([
  'were', 'was', 'are', 'is', 'have', 'has', 'had', 'been', 'be', 'being', 'reportedly', 'also', 'the', 'who', 'all', 'them', 'their', 'later', 'now', 'to', 'rose', 'risen', 'rises', 'climbs', 'climbed', 'reached', 'reaches', 'stands', 'stood',
  'ont', 'a', 'ete', 'sont', 'se', 'etaient', 'qui', 'y', 'les', 'des', 'de', 'du', 'la', 'ayant', 'egalement', 'auraient', 'aurait', 'eleve', 'atteint', 'passe',
  'قد', 'تم', 'من', 'على', 'عن', 'لقي', 'لقوا', 'مصرعهم', 'جراء', 'إلى', 'ارتفاع', 'ارتفعت', 'بلغ', 'بلغت',
]);
/** Words that end the clause a figure belongs to: what follows counts a subset or another thing. */
const CLAUSE_BREAKS = foldedSet(['including', 'among', 'while', 'whereas', 'but', 'dont', 'parmi', 'tandis', 'mais', 'بينهم', 'بينها', 'منهم', 'فيما', 'بينما', 'لكن']);
/** Conjunctions usually start another clause: crossing one costs more than a word. */
const CONJUNCTIONS = foldedSet(['and', 'et', 'و']);

/** Words after a number that make it a measure, not a head count. */
const UNITS = foldedSet([
  'year', 'years', 'yr', 'old', 'month', 'months', 'week', 'weeks', 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'second', 'seconds', 'km', 'kilometres', 'kilometers', 'kilometre', 'kilometer', 'miles', 'mile', 'metres', 'meters', 'm', 'percent', 'per', 'pc', 'dollars', 'usd', 'euros', 'pounds', 'tonnes', 'tons', 'kg', 'pm', 'am', 'gmt', 'utc', 'acres', 'hectares', 'rounds', 'shells', 'rockets', 'missiles', 'vehicles', 'homes', 'houses', 'buildings', 'times', 'st', 'th',
  'an', 'ans', 'mois', 'jour', 'jours', 'heure', 'heures', 'semaines', 'semaine', 'minute', 'kilometre', 'kilometres', 'metres', 'pour', 'cent', 'euro', 'dollars', 'tonnes', 'hectares', 'h', 'obus', 'roquettes', 'maisons', 'vehicules', 'fois',
  'عاما', 'عام', 'اعوام', 'سنه', 'سنوات', 'سنين', 'شهر', 'اشهر', 'شهرا', 'يوم', 'يوما', 'ايام', 'ساعه', 'ساعات', 'دقيقه', 'دقائق', 'كيلومتر', 'كيلومترا', 'كلم', 'كم', 'بالمئه', 'بالمائه', 'دولار', 'دولارا', 'مرات', 'صاروخا', 'قذيفه', 'منزلا',
]);
/** Words before a number that make it a name or a measure: "Route 6", "Resolution 2254", "aged 25". */
const DESIGNATORS = foldedSet([
  'route', 'road', 'highway', 'motorway', 'block', 'building', 'ward', 'cell', 'article', 'resolution', 'no', 'number', 'section', 'sector', 'zone', 'gate', 'flight', 'brigade', 'division', 'unit', 'page', 'aged', 'age', 'ages', 'km', 'kilometre', 'kilometer', 'chapter', 'phase', 'platform', 'line', 'camp', 'covid', 'f', 'level', 'category', 'group', 'g', 'top',
  'autoroute', 'bloc', 'resolution', 'numero', 'n', 'secteur', 'kilometre', 'age', 'agee', 'ages', 'agees', 'porte', 'vol', 'brigade', 'chapitre', 'niveau',
  'طريق', 'الطريق', 'رقم', 'القرار', 'قرار', 'الماده', 'ماده', 'عمره', 'عمرها', 'العمر', 'الكيلو', 'اللواء', 'الفرقه', 'البوابه',
]);
const MONTHS = foldedSet([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre',
  'يناير', 'فبراير', 'مارس', 'ابريل', 'مايو', 'يونيو', 'يوليو', 'اغسطس', 'سبتمبر', 'اكتوبر', 'نوفمبر', 'ديسمبر',
  'كانون', 'شباط', 'اذار', 'نيسان', 'ايار', 'حزيران', 'تموز', 'اب', 'ايلول', 'تشرين',
]);

/** Words before a quantity that qualify it; they belong to its text ("at least 12"). */
const MODIFIERS: readonly (readonly string[])[] = [
  ['at', 'least'], ['more', 'than'], ['less', 'than'], ['fewer', 'than'], ['up', 'to'], ['as', 'many', 'as'], ['an', 'estimated'], ['about'], ['around'], ['some'], ['nearly'], ['almost'], ['approximately'], ['roughly'], ['over'], ['a'],
  ['au', 'moins'], ['plus', 'de'], ['moins', 'de'], ['pres', 'de'], ['environ'], ['quelque'], ['quelques'], ['plusieurs'], ['des'], ['une'], ['un'],
  ['ما', 'لا', 'يقل', 'عن'], ['لا', 'يقل', 'عن'], ['ما', 'يزيد', 'عن'], ['ما', 'يزيد', 'على'], ['أكثر', 'من'], ['أقل', 'من'], ['نحو'], ['حوالي'], ['قرابة'], ['زهاء'], ['ما', 'يقارب'], ['يقارب'],
].map((words) => words.map(foldWord));

/** Number words: units and tens add, hundreds and thousands multiply what came before. */
const NUMBER_WORDS: ReadonlyMap<string, number> = foldedMap([
  ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10],
  ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15], ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19],
  ['twenty', 20], ['thirty', 30], ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
  ['deux', 2], ['trois', 3], ['quatre', 4], ['cinq', 5], ['sept', 7], ['huit', 8], ['neuf', 9], ['dix', 10],
  ['onze', 11], ['douze', 12], ['treize', 13], ['quatorze', 14], ['quinze', 15], ['seize', 16],
  ['vingt', 20], ['vingts', 20], ['trente', 30], ['quarante', 40], ['cinquante', 50], ['soixante', 60],
  ['واحد', 1], ['اثنان', 2], ['اثنين', 2], ['اثنا', 2], ['اثني', 2], ['ثلاث', 3], ['ثلاثه', 3], ['اربع', 4], ['اربعه', 4], ['خمس', 5], ['خمسه', 5], ['سته', 6], ['سبعه', 7], ['ثماني', 8], ['ثمانيه', 8], ['تسع', 9], ['تسعه', 9], ['عشر', 10], ['عشره', 10],
  ['احد', 1], ['عشرون', 20], ['عشرين', 20], ['ثلاثون', 30], ['ثلاثين', 30], ['اربعون', 40], ['اربعين', 40], ['خمسون', 50], ['خمسين', 50], ['ستون', 60], ['ستين', 60], ['سبعون', 70], ['سبعين', 70], ['ثمانون', 80], ['ثمانين', 80], ['تسعون', 90], ['تسعين', 90],
  ['مئتان', 200], ['مئتين', 200], ['مائتان', 200], ['مائتين', 200], ['ثلاثمئه', 300], ['ثلاثمائه', 300], ['اربعمئه', 400], ['اربعمائه', 400], ['خمسمئه', 500], ['خمسمائه', 500],
]);
const MULTIPLIERS: ReadonlyMap<string, number> = foldedMap([
  ['hundred', 100], ['dozen', 12], ['cent', 100], ['cents', 100], ['مئه', 100], ['مائه', 100],
]);
const SCALES: ReadonlyMap<string, number> = foldedMap([
  ['thousand', 1000], ['million', 1e6], ['millions', 1e6], ['mille', 1000], ['milliers', 1000], ['الف', 1000], ['الاف', 1000], ['مليون', 1e6], ['ملايين', 1e6],
]);
/** Vague quantities and their conventional lower bounds. */
const VAGUE: ReadonlyMap<string, number> = foldedMap([
  ['dozens', 24], ['scores', 40], ['hundreds', 200], ['thousands', 2000], ['tens', 20], ['several', 3],
  ['dizaine', 10], ['douzaine', 12], ['quinzaine', 15], ['vingtaine', 20], ['trentaine', 30], ['quarantaine', 40], ['cinquantaine', 50], ['soixantaine', 60], ['centaine', 100], ['millier', 1000],
  ['dizaines', 24], ['centaines', 200], ['milliers', 2000], ['plusieurs', 3],
  ['عشرات', 24], ['مئات', 200], ['آلاف', 2000],
]);
/** Vague words that count only before "of" something ("tens of", "hundreds of") or with an article. */
const VAGUE_NEEDS_FOLLOWER = foldedSet(['tens', 'several', 'plusieurs']);

const MAX_DISTANCE = 5;

interface Token {
  norm: string;
  start: number;
  end: number;
  /** A sentence ended before this word. */
  afterStop: boolean;
  /** The value of a number written in digits. */
  digits?: number;
  /** Written in digits with no separator (a year looks like this). */
  plainDigits?: boolean;
}

/** Whether a comma follows token `k`: it separates clauses ("12 killed, 30 wounded"). */
function commaAfter(text: string, tokens: Token[], k: number): boolean {
  const c = text[tokens[k].end];
  return c === ',' || c === '\u060c';
}

interface Quantity {
  value: number;
  /** Token range of the quantity itself, and of its text (with modifiers). */
  first: number;
  last: number;
  textFirst: number;
}

/** The figures `text` gives, in the order it gives them, each kind and value once. */
export function extractFigures(text: string): Figure[] {
  const tokens = tokenise(text);
  const figures: Figure[] = [];
  const seen = new Set<string>();
  const quantities: Quantity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const q = readQuantity(tokens, i);
    if (!q) continue;
    i = q.last;
    if (countsPeople(text, tokens, q)) quantities.push(q);
  }
  const quantityStarts = new Set(quantities.map((q) => q.textFirst));
  for (const q of quantities) {
    const what = cueFor(text, tokens, q, quantityStarts);
    if (!what) continue;
    const key = `${what}:${q.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let textEnd = tokens[q.last].end;
    const next = tokens[q.last + 1];
    if (next && !next.afterStop && (inSet(PEOPLE, next.norm) || inSet(PRISONERS, next.norm))) textEnd = next.end;
    figures.push({ what, value: q.value, text: text.slice(tokens[q.textFirst].start, textEnd).replace(/\s+/g, ' ') });
  }
  return figures;
}

const DIGIT_RUN = /^[0-9\u0660-\u0669\u06f0-\u06f9]+$/;

function digitValue(s: string): number {
  let v = 0;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    const d = c >= 0x06f0 ? c - 0x06f0 : c >= 0x0660 ? c - 0x0660 : c - 48;
    v = v * 10 + d;
  }
  return v;
}

/** Thousands separators between digit groups: "1,200", "1.200", "1 200", "١٬٢٠٠". */
const GROUP_SEPARATORS = new Set([',', '.', ' ', '\u00a0', '\u202f', '\u066c', "'"]);
/** Decimal marks, for "1.5 million". */
const DECIMAL_MARKS = new Set(['.', ',', '\u066b']);

/** Words of the text in the shared normalised form, with digit groups joined into one number. */
function tokenise(text: string): Token[] {
  const words = scanWords(text, scannedWords());
  const tokens: Token[] = [];
  for (let k = 0; k < words.count; k++) {
    const token: Token = { norm: words.norms[k], start: words.starts[k], end: words.ends[k], afterStop: (words.flags[k] & WordFlag.AfterStop) !== 0 };
    if (DIGIT_RUN.test(token.norm)) {
      let raw = token.norm;
      let grouped = false;
      while (
        k + 1 < words.count &&
        raw.length - (grouped ? raw.lastIndexOf(',') + 1 : 0) <= 3 &&
        words.starts[k + 1] - token.end === 1 &&
        GROUP_SEPARATORS.has(text[token.end]) &&
        words.norms[k + 1].length === 3 &&
        DIGIT_RUN.test(words.norms[k + 1]) &&
        !(k + 2 < words.count && DIGIT_RUN.test(words.norms[k + 2]) && words.starts[k + 2] - words.ends[k + 1] === 1 && text[words.ends[k + 1]] === ' ')
      ) {
        k++;
        raw += ',' + words.norms[k];
        grouped = true;
        token.end = words.ends[k];
      }
      token.digits = digitValue(raw.replace(/,/g, ''));
      token.plainDigits = !grouped;
      // "1.5 million": a decimal counts only before a scale word.
      if (
        !grouped &&
        k + 2 < words.count &&
        words.starts[k + 1] - token.end === 1 &&
        DECIMAL_MARKS.has(text[token.end]) &&
        DIGIT_RUN.test(words.norms[k + 1]) &&
        SCALES.has(words.norms[k + 2])
      ) {
        k++;
        const fraction = words.norms[k];
        token.digits += digitValue(fraction) / 10 ** fraction.length;
        token.plainDigits = false;
        token.end = words.ends[k];
      } else if (k + 1 < words.count && words.starts[k + 1] - token.end === 1 && (text[token.end] === ':' || DECIMAL_MARKS.has(text[token.end])) && DIGIT_RUN.test(words.norms[k + 1])) {
        // A time ("10:30") or a decimal ("2.5 km") counts no one.
        token.digits = undefined;
        k++;
        token.norm = `${token.norm}${text[token.end]}${words.norms[k]}`;
        token.end = words.ends[k];
      }
    }
    tokens.push(token);
  }
  return tokens;
}

/** An Arabic word without a leading conjunction "و"/"ف" ("وإصابة" → "اصابه"), or the word itself. */
function withoutConjunction(norm: string): string {
  const c = norm.charCodeAt(0);
  return (c === 0x0648 || c === 0x0641) && norm.length > 3 ? norm.slice(1) : norm;
}

/** An Arabic word without its article ("الجرحي" → "جرحي"), or the word itself. */
function withoutArticle(norm: string): string {
  for (const prefix of ['وال', 'بال', 'فال', 'لل', 'ال']) if (norm.startsWith(prefix) && norm.length - prefix.length >= 2) return norm.slice(prefix.length);
  return norm;
}

/** Looks a word up in `map` as written, then without an Arabic conjunction and article. */
function lookup<T>(map: ReadonlyMap<string, T>, norm: string): T | undefined {
  const direct = map.get(norm);
  if (direct !== undefined) return direct;
  const c = norm.charCodeAt(0);
  if (c < 0x0600 || c > 0x06ff) return undefined;
  const bare = withoutConjunction(norm);
  return map.get(bare) ?? map.get(withoutArticle(bare));
}

function inSet(set: ReadonlySet<string>, norm: string): boolean {
  if (set.has(norm)) return true;
  const c = norm.charCodeAt(0);
  if (c < 0x0600 || c > 0x06ff) return false;
  const bare = withoutConjunction(norm);
  return set.has(bare) || set.has(withoutArticle(bare));
}

function isNumberWord(norm: string): boolean {
  return lookup(NUMBER_WORDS, norm) !== undefined || lookup(MULTIPLIERS, norm) !== undefined || lookup(SCALES, norm) !== undefined;
}

/** The quantity that starts at token `i`, if one does. */
function readQuantity(tokens: Token[], i: number): Quantity | undefined {
  const t = tokens[i];
  let value: number | undefined;
  let last = i;
  if (t.digits !== undefined) {
    value = t.digits;
    const scale = tokens[i + 1] && !tokens[i + 1].afterStop ? lookup(SCALES, tokens[i + 1].norm) : undefined;
    if (scale !== undefined) {
      value *= scale;
      last = i + 1;
    }
  } else if (lookup(VAGUE, t.norm) !== undefined) {
    const vague = lookup(VAGUE, t.norm) as number;
    const next = tokens[i + 1];
    // "tens of thousands", "des dizaines de milliers", "عشرات الآلاف".
    let k = i + 1;
    if (next && ['of', 'de', 'des'].includes(next.norm)) k++;
    const thousands = tokens[k] && !tokens[k].afterStop && k > i ? tokens[k].norm : '';
    if (['thousands', 'milliers', 'الاف'].includes(withoutArticle(thousands)) && !['thousands', 'milliers', 'الاف'].includes(withoutArticle(t.norm))) {
      value = vague * 1000;
      last = k;
    } else {
      if (VAGUE_NEEDS_FOLLOWER.has(t.norm) && !(next && ['of', 'de', 'd'].includes(next.norm))) return undefined;
      value = vague;
    }
  } else if (isNumberWord(t.norm)) {
    const read = readNumberWords(tokens, i);
    if (!read) return undefined;
    value = read.value;
    last = read.last;
  }
  if (value === undefined || !(value > 0)) return undefined;
  return { value: Math.round(value), first: i, last, textFirst: modifierStart(tokens, i) };
}

/** Number words from `i` ("two hundred and fifty", "quatre-vingt-dix", "خمسة وعشرون"). */
function readNumberWords(tokens: Token[], i: number): { value: number; last: number } | undefined {
  let total = 0;
  let current = 0;
  let last = -1;
  for (let k = i; k < tokens.length; k++) {
    const t = tokens[k];
    if (k > i && t.afterStop) break;
    const norm = t.norm;
    const unit = NUMBER_WORDS.get(norm) ?? (k > i ? NUMBER_WORDS.get(withoutConjunction(norm)) : undefined) ?? lookup(NUMBER_WORDS, norm);
    const multiplier = lookup(MULTIPLIERS, norm);
    const scale = lookup(SCALES, norm);
    if (unit !== undefined) {
      if (unit === 20 && current % 100 === 4 && norm.startsWith('vingt')) current += 76; // quatre-vingt
      else current += unit;
    } else if (multiplier !== undefined) {
      current = (current || 1) * multiplier;
    } else if (scale !== undefined) {
      total += (current || 1) * scale;
      current = 0;
    } else if ((norm === 'and' || norm === 'et') && k > i && k + 1 < tokens.length && isNumberWord(tokens[k + 1].norm)) {
      continue;
    } else break;
    last = k;
  }
  if (last < 0) return undefined;
  return { value: total + current, last };
}

/** Where the quantity's text starts: before "at least", "au moins", "ما لا يقل عن"… */
function modifierStart(tokens: Token[], i: number): number {
  if (tokens[i].afterStop) return i;
  for (const words of MODIFIERS) {
    const from = i - words.length;
    if (from < 0) continue;
    let match = true;
    for (let w = 0; w < words.length && match; w++) {
      const t = tokens[from + w];
      match = (t.norm === words[w] || withoutConjunction(t.norm) === words[w]) && (w === 0 || !t.afterStop);
    }
    if (match) return from;
  }
  return i;
}

/** Whether a quantity counts people, not years, dates, ages, distances or money. */
function countsPeople(text: string, tokens: Token[], q: Quantity): boolean {
  const before = q.textFirst > 0 && !tokens[q.first].afterStop ? tokens[q.first - 1] : undefined;
  const after = tokens[q.last + 1] && !tokens[q.last + 1].afterStop ? tokens[q.last + 1] : undefined;
  const start = tokens[q.first].start;
  const end = tokens[q.last].end;
  if (/[$€£¥]\s*$/.test(text.slice(Math.max(0, start - 4), start))) return false;
  if (/^\s*(%|٪|-?\s*(?:year|yr)s?\b|e\b|er\b|th\b)/i.test(text.slice(end, end + 8))) return false;
  if (before && q.textFirst === q.first && (inSet(DESIGNATORS, before.norm) || inSet(MONTHS, before.norm))) return false;
  // An age in apposition: "The man, 45, was arrested", "Ahmed (34)".
  if (q.first === q.last && q.textFirst === q.first && /(,|\()\s*$/.test(text.slice(Math.max(0, start - 3), start)) && /^\s*(,|\))/.test(text.slice(end, end + 3))) return false;
  // Part of a group counted elsewhere: "one of the wounded", "12 of them", "أحد الجرحى".
  const second = tokens[q.last + 2];
  if (after && ['of', 'des', 'd'].includes(after.norm) && second && ['the', 'them', 'those', 'these', 'whom', 'les', 'ces', 'eux'].includes(second.norm)) return false;
  if (after && after.norm === 'of' && tokens[q.first].norm === 'one') return false;
  if (tokens[q.first].norm === 'احد' && q.first === q.last) return false;
  if (after && (inSet(UNITS, after.norm) || inSet(MONTHS, after.norm))) return false;
  const t = tokens[q.first];
  if (t.plainDigits && q.first === q.last && t.digits !== undefined && t.digits >= 1900 && t.digits <= 2100) {
    // A year, unless people or a cue follow at once ("2000 people fled").
    if (!after || !(inSet(PEOPLE, after.norm) || inSet(PRISONERS, after.norm) || lookup(CUES, after.norm))) return false;
  }
  return true;
}

/** What the quantity counts: the nearest cue in its clause, on either side; undefined if none. */
function cueFor(text: string, tokens: Token[], q: Quantity, quantityStarts: ReadonlySet<number>): FigureKind | undefined {
  let prisoners = false;
  const forward = nearestCue(text, tokens, quantityStarts, q.last + 1, 1, (t) => {
    if (inSet(PRISONERS, t.norm)) prisoners = true;
  });
  const backward = nearestCue(text, tokens, quantityStarts, q.textFirst - 1, -1, (t) => {
    if (inSet(PRISONERS, t.norm)) prisoners = true;
  });
  // The quantity's own noun decides "fled" too: "281 inmates fled", "فرار 281 سجينا".
  const next = tokens[q.last + 1];
  if (next && inSet(PRISONERS, next.norm)) prisoners = true;
  let best = forward;
  // A tie goes to the word before: verb first is the rule in Arabic and French, common in English.
  if (backward && (!forward || backward.distance <= forward.distance)) best = backward;
  if (!best) return undefined;
  if (best.cue === 'fled') return prisoners ? 'escaped' : 'displaced';
  return best.cue;
}

/**
 * The first cue from token `from` in direction `step`, with how far it is: each word costs one,
 * people and light words half, a conjunction or a comma more; the clause ends at a sentence end,
 * "including" and the like, or another number.
 */
function nearestCue(text: string, tokens: Token[], quantityStarts: ReadonlySet<number>, from: number, step: 1 | -1, onWord: (t: Token) => void): { cue: Cue; distance: number } | undefined {
  let distance = 0;
  for (let k = from; k >= 0 && k < tokens.length; k += step) {
    const t = tokens[k];
    // Crossing into the previous sentence going back, or into the next one going forward.
    if (step === 1 && t.afterStop) return undefined;
    if (step === -1 && tokens[k + 1]?.afterStop) return undefined;
    distance += 1;
    if (commaAfter(text, tokens, step === 1 ? k - 1 : k)) distance += 1;
    const cue = cueAt(tokens, k);
    // Going forward, a cue right before another quantity is that one's verb: "killed 9 militants".
    if (cue) return step === 1 && quantityStarts.has(k + 1) && !commaAfter(text, tokens, k) ? undefined : { cue, distance };
    if (t.digits !== undefined || inSet(CLAUSE_BREAKS, t.norm) || lookup(VAGUE, t.norm) !== undefined || (isNumberWord(t.norm) && !inSet(PEOPLE, t.norm))) return undefined;
    onWord(t);
    if (inSet(PEOPLE, t.norm) || inSet(PRISONERS, t.norm) || LIGHT.has(t.norm) || t.norm.length === 1) distance -= 0.5;
    else if (CONJUNCTIONS.has(t.norm)) distance += 0.5;
    if (distance >= MAX_DISTANCE) return undefined;
  }
  return undefined;
}

/** The cue at token `k`: a word of `CUES`, or a phrase ("broke out"). */
function cueAt(tokens: Token[], k: number): Cue | undefined {
  const t = tokens[k];
  if (t.norm === 'broke' && tokens[k + 1]?.norm === 'out') return 'escaped';
  if (t.norm === 'out' && tokens[k - 1]?.norm === 'broke') return 'escaped';
  // A conjunction "و" glued to an Arabic cue: "وإصابة 30 آخرين".
  return lookup(CUES, t.norm);
}
