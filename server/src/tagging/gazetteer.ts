/**
 * The gazetteer: every name the engine can recognise as a place, a country or a demonym, indexed
 * by normalised token sequence. Built once from the data files under ./data and shared by every
 * Tagger.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MacroRegionId, PlaceKind } from '@sentinel/shared';
import { PhraseTrie } from './phrase-trie';
import { normTokens, skeleton } from './text';

export interface CountryInfo {
  code: string;
  name: string;
  macroRegion: MacroRegionId;
  lat: number;
  lon: number;
}

export interface PlaceEntry {
  name: string;
  country: string;
  /** Other countries the place also lies in (both sides of a border crossing). */
  alsoCountries: string[];
  lat: number;
  lon: number;
  kind: PlaceKind;
  population: number;
  /** Also an English word ("Reading", "Sake"): needs context to count. */
  wordLike: boolean;
  capital: boolean;
  /** From the hand-curated conflict-places file rather than a package. */
  curated: boolean;
}

export interface AmbiguityReading {
  country: string;
  kind?: PlaceKind;
  label?: string;
  lat?: number;
  lon?: number;
  default?: boolean;
  cues: string[];
}

export interface AmbiguityRule {
  name: string;
  /** confirm: needs positive evidence; unless-against: holds unless counter-cues; default: best reading or the default one. */
  mode: 'confirm' | 'unless-against' | 'default';
  readings: AmbiguityReading[];
  against: string[];
}

export type GazTarget =
  | { type: 'country'; code: string; via: 'name' | 'upper' | 'demonym' | 'lower-demonym' | 'actor'; label: string }
  | { type: 'place'; place: PlaceEntry }
  | { type: 'blocker'; why: string }
  | { type: 'ambiguous'; rule: AmbiguityRule };

export interface AmbiguityLexicon {
  personNames: Set<string>;
  firstNames: Set<string>;
  honorifics: Set<string>;
  placeNouns: Set<string>;
  nonPlaceFollowers: Set<string>;
  locativeWords: Set<string>;
  countryListWords: Set<string>;
  governanceNouns: Set<string>;
  notPersonFollowers: Set<string>;
  usStateAbbreviations: Set<string>;
  /** "club Ajax", "firm Reading": a name right after one of these is an organisation. */
  orgNouns: Set<string>;
}

export class GazetteerDataError extends Error {
  readonly kind = 'gazetteer-data';
  constructor(message: string) {
    super(message);
    this.name = 'GazetteerDataError';
  }
}

/** Leading Arabic articles in transliteration: "al-", "el-", and the sun-letter forms. */
const ARTICLES = new Set(['al', 'el', 'ar', 'as', 'ash', 'at', 'ad', 'az', 'an', 'adh', 'ath', 'ed', 'es', 'et', 'ez', 'en', 'er']);
const TRANSLIT_COUNTRIES = new Set(['SY', 'IQ', 'YE', 'LB', 'PS', 'JO', 'LY', 'SD', 'SS', 'SO', 'EG', 'DZ', 'TN', 'MA', 'MR', 'SA', 'AE', 'OM', 'KW', 'QA', 'BH', 'AF', 'IR', 'PK', 'TD', 'DJ']);

// US postal abbreviations in AP style, as in "Lebanon, Pa." — only trusted right after a comma.
const US_STATE_ABBREVIATIONS = ['ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'kans', 'ky', 'la', 'md', 'mass', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'nh', 'nj', 'nm', 'ny', 'nc', 'nd', 'okla', 'ore', 'pa', 'ri', 'sc', 'sd', 'tenn', 'tex', 'vt', 'va', 'wash', 'wva', 'wis', 'wyo'];

/** One country of the generated countries file (written by scripts/build-gazetteer.ts). */
export interface CountryRecord {
  code: string;
  name: string;
  /** Sovereign state (world-countries `independent`); territories yield shared names to them. */
  independent: boolean;
  macroRegion: MacroRegionId;
  lat: number;
  lon: number;
  capitals: string[];
  /** Names in English, French and Arabic, official and common, alternative spellings. */
  names: string[];
  /** Names that only count when written in capitals ("US", "UAE"). */
  upperOnly: string[];
  demonyms: string[];
  /** French and Arabic adjectives, written in lower case in running text. */
  lowerDemonyms: string[];
}

interface CountriesFile {
  countries: CountryRecord[];
}
interface CountryExtrasFile {
  countries: Record<string, { names?: string[]; upperOnly?: string[]; demonyms?: string[]; lowerDemonyms?: string[]; actors?: string[] }>;
}
interface ConflictPlacesFile {
  places: { names: string[]; country: string; kind: PlaceKind; lat: number; lon: number; alsoCountries?: string[] }[];
  blockers: { names: string[]; why: string }[];
}
interface AmbiguityFile {
  readings: AmbiguityRule[];
  personNames: string[];
  firstNames: string[];
  honorifics: string[];
  placeNouns: string[];
  nonPlaceFollowers: string[];
  locativeWords: string[];
  countryListWords: string[];
  governanceNouns: string[];
  notPersonFollowers: string[];
  orgNouns?: string[];
}

export interface GazetteerSources {
  countries: CountriesFile;
  countryExtras: CountryExtrasFile;
  placesTsv: string;
  conflictPlaces: ConflictPlacesFile;
  ambiguity: AmbiguityFile;
}

/**
 * The data folder sits beside the sources (server/src/tagging/data). When running from a
 * compiled dist/ tree the JSON and TSV files are not copied by tsc, so fall back to the sources.
 */
export function tagDataDir(): string {
  const candidates = [path.join(__dirname, 'data'), path.resolve(__dirname, '../../src/tagging/data'), path.resolve(__dirname, '../../../src/tagging/data')];
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'topic-rules.txt'))) return dir;
  }
  throw new GazetteerDataError(`tagging data folder not found; looked in ${candidates.join(', ')}`);
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw new GazetteerDataError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

export function readGazetteerSources(dir: string = tagDataDir()): GazetteerSources {
  return {
    countries: readJson<CountriesFile>(path.join(dir, 'countries.generated.json')),
    countryExtras: readJson<CountryExtrasFile>(path.join(dir, 'country-extras.json')),
    placesTsv: fs.readFileSync(path.join(dir, 'places.generated.tsv'), 'utf8'),
    conflictPlaces: readJson<ConflictPlacesFile>(path.join(dir, 'conflict-places.json')),
    ambiguity: readJson<AmbiguityFile>(path.join(dir, 'ambiguity.json')),
  };
}

function lowerSet(values: readonly string[]): Set<string> {
  return new Set(values.map((v) => normTokens(v).join(' ')));
}

let defaultGazetteer: Gazetteer | undefined;

export class Gazetteer {
  /** Exact normalised token sequences. */
  readonly names = new PhraseTrie<GazTarget>();
  /** Looser keys for transliterated names (see `skeleton`). */
  readonly skeletons = new PhraseTrie<GazTarget>();
  readonly countries = new Map<string, CountryInfo>();
  readonly lexicon: AmbiguityLexicon;
  /** The ambiguity rules, with cue words normalised. */
  readonly ambiguityRules: AmbiguityRule[] = [];
  private entryCount = 0;

  private constructor(lexicon: AmbiguityLexicon) {
    this.lexicon = lexicon;
  }

  /** Number of names indexed (for figures and the benchmark). */
  get nameCount(): number {
    return this.entryCount;
  }

  /** The gazetteer built from the committed data files; built once per process. */
  static default(): Gazetteer {
    if (!defaultGazetteer) defaultGazetteer = Gazetteer.fromSources(readGazetteerSources());
    return defaultGazetteer;
  }

  static fromSources(src: GazetteerSources): Gazetteer {
    const amb = src.ambiguity;
    const gaz = new Gazetteer({
      personNames: lowerSet(amb.personNames),
      firstNames: lowerSet(amb.firstNames),
      honorifics: lowerSet(amb.honorifics),
      placeNouns: lowerSet(amb.placeNouns),
      nonPlaceFollowers: lowerSet(amb.nonPlaceFollowers),
      locativeWords: lowerSet(amb.locativeWords),
      countryListWords: lowerSet(amb.countryListWords),
      governanceNouns: lowerSet(amb.governanceNouns),
      notPersonFollowers: lowerSet(amb.notPersonFollowers),
      usStateAbbreviations: new Set(US_STATE_ABBREVIATIONS),
      orgNouns: lowerSet(amb.orgNouns ?? []),
    });
    gaz.build(src);
    return gaz;
  }

  private addName(name: string, target: GazTarget, translit = false, tokens?: string[]): void {
    const toks = tokens ?? normTokens(name);
    if (toks.length === 0 || toks.join('').length < 2) return;
    this.names.add(toks, target);
    this.entryCount++;
    if (!translit) return;
    if (toks.length >= 2 && ARTICLES.has(toks[0]) && toks.slice(1).join('').length >= 4) {
      this.names.add(toks.slice(1), target);
      this.entryCount++;
    }
    const bare = ARTICLES.has(toks[0]) && toks.length >= 2 ? toks.slice(1) : toks;
    // Short names ("Bab", "Hol") are too easy to hit by accident through a loose key.
    if (/^[a-z0-9]+$/.test(bare.join('')) && bare.join('').length >= 5) this.skeletons.add(bare.map(skeleton), target);
  }

  /** Adds a place; used by the loader and by the benchmark's synthetic growth. */
  addPlace(place: PlaceEntry, names: readonly string[], tokens?: readonly string[][]): void {
    const target: GazTarget = { type: 'place', place };
    const translit = TRANSLIT_COUNTRIES.has(place.country);
    names.forEach((n, i) => this.addName(n, target, translit, tokens?.[i]));
  }

  private build(src: GazetteerSources): void {
    const countryKeys = new Set<string>();
    for (const c of src.countries.countries) {
      this.countries.set(c.code, { code: c.code, name: c.name, macroRegion: c.macroRegion, lat: c.lat, lon: c.lon });
      const extra = src.countryExtras.countries[c.code] ?? {};
      const names = [...c.names, ...(extra.names ?? [])];
      for (const n of names) {
        this.addName(n, { type: 'country', code: c.code, via: 'name', label: c.name });
        countryKeys.add(normTokens(n).join(' '));
      }
      for (const n of [...c.upperOnly, ...(extra.upperOnly ?? [])]) this.addName(n, { type: 'country', code: c.code, via: 'upper', label: c.name });
      for (const n of [...c.demonyms, ...(extra.demonyms ?? [])]) this.addName(n, { type: 'country', code: c.code, via: 'demonym', label: c.name });
      for (const n of [...c.lowerDemonyms, ...(extra.lowerDemonyms ?? [])]) this.addName(n, { type: 'country', code: c.code, via: 'lower-demonym', label: c.name });
      for (const n of extra.actors ?? []) this.addName(n, { type: 'country', code: c.code, via: 'actor', label: c.name });
    }
    for (const code of Object.keys(src.countryExtras.countries)) {
      if (!this.countries.has(code)) throw new GazetteerDataError(`country-extras.json names unknown country ${code}`);
    }
    // "French" is also the demonym of the French Southern Territories: a territory yields a
    // name it shares with a sovereign state.
    const sovereign = new Set(src.countries.countries.filter((c) => c.independent).map((c) => c.code));
    for (const c of src.countries.countries) {
      if (sovereign.has(c.code)) continue;
      for (const n of [...c.names, ...c.demonyms, ...c.lowerDemonyms]) {
        const toks = normTokens(n);
        const values = this.names.get(toks);
        if (values?.some((t) => t.type === 'country' && sovereign.has(t.code))) {
          this.names.removeWhere(toks, (t) => t.type === 'country' && t.code === c.code);
        }
      }
    }

    // Curated places first, so that the package rows of the same place in the same country
    // are recognised as duplicates below.
    const curatedKeys = new Set<string>();
    for (const p of src.conflictPlaces.places) {
      if (!this.countries.has(p.country)) throw new GazetteerDataError(`conflict-places.json: "${p.names[0]}" has unknown country "${p.country}"`);
      const place: PlaceEntry = {
        name: p.names[0], country: p.country, alsoCountries: p.alsoCountries ?? [], lat: p.lat, lon: p.lon, kind: p.kind,
        population: 0, wordLike: false, capital: false, curated: true,
      };
      this.addPlace(place, p.names);
      for (const n of p.names) curatedKeys.add(`${p.country}:${normTokens(n).join(' ')}`);
    }

    for (const line of src.placesTsv.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [name, aliases, country, lat, lon, kind, population, flags] = line.split('\t');
      const all = (flags.includes('s') ? [] : [name]).concat(aliases ? aliases.split('|') : []);
      const fresh: string[] = [];
      const freshTokens: string[][] = [];
      for (const n of all) {
        const toks = normTokens(n);
        const key = toks.join(' ');
        if (curatedKeys.has(`${country}:${key}`) || countryKeys.has(key)) continue;
        fresh.push(n);
        freshTokens.push(toks);
      }
      if (fresh.length === 0) continue;
      this.addPlace(
        {
          name, country, alsoCountries: [], lat: Number(lat), lon: Number(lon), kind: kind as PlaceKind,
          population: Number(population), wordLike: flags.includes('w'), capital: flags.includes('c'), curated: false,
        },
        fresh,
        freshTokens,
      );
    }

    for (const rule of src.ambiguity.readings) {
      const toks = normTokens(rule.name);
      // The rule replaces plain country readings of the same name; places stay as competitors.
      this.names.removeWhere(toks, (t) => t.type === 'country');
      const normalised: AmbiguityRule = {
        ...rule,
        against: (rule.against ?? []).map((a) => normTokens(a).join(' ')),
        readings: rule.readings.map((r) => ({ ...r, cues: r.cues.map((c) => normTokens(c).join(' ')) })),
      };
      this.names.add(toks, { type: 'ambiguous', rule: normalised });
      this.ambiguityRules.push(normalised);
      this.entryCount++;
    }

    for (const b of src.conflictPlaces.blockers) {
      for (const n of b.names) this.addName(n, { type: 'blocker', why: b.why });
    }
  }
}
