/**
 * npm run bench:alerts — stories per second evaluated against 10,000 active alert rules on one
 * core (target 20,000/s), with the rule index, and by brute force (every rule on every story)
 * for comparison. Rules and stories are generated from a vocabulary of conflict-news words,
 * places, outlets and topics; every run builds the same ones.
 * BENCH_STORIES sets the corpus size (default and minimum 20,000); BENCH_RULES the rule count.
 */
import * as os from 'node:os';
import {
  AlertRuleIndex,
  AlertTermStatistics,
  compileAlertQuery,
  matchStory,
  parseAlertQuery,
  prepareStory,
  type CompiledAlertQuery,
  type MatchableStory,
} from '../shared/src/alert-query';
import { TOPIC_IDS } from '../shared/src/taxonomy';

const TARGET = 20_000;
const STORIES = Math.max(20_000, Number(process.env.BENCH_STORIES ?? 20_000));
const RULES = Number(process.env.BENCH_RULES ?? 10_000);
const BRUTE_FORCE_STORIES = 1_000;

/** Deterministic pseudo-random numbers, so every run measures the same rules and stories. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const random = rng(20261125);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
/** Skewed towards the start of the list, as real news and real rules are. */
const pickSkewed = <T>(items: readonly T[]): T => items[Math.floor(items.length * random() ** 2)];
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const MACRO_REGIONS: Record<string, string[]> = {
  'middle-east': ['SY', 'IQ', 'PS', 'LB', 'YE', 'IL', 'IR', 'JO', 'TR', 'SA'],
  'north-africa': ['LY', 'EG', 'TN', 'DZ', 'MA', 'SD'],
  'sahel-west-africa': ['ML', 'BF', 'NE', 'NG', 'TD', 'CM', 'MR'],
  'east-africa': ['SO', 'ET', 'SS', 'KE', 'CD', 'BI', 'UG'],
  'central-southern-africa': ['MZ', 'CF', 'CG', 'AO'],
  europe: ['UA', 'RU', 'XK', 'RS', 'AM', 'AZ', 'GE'],
  'central-asia': ['TJ', 'KG', 'UZ', 'KZ', 'TM'],
  'south-asia': ['AF', 'PK', 'IN', 'BD'],
  'east-southeast-asia': ['MM', 'PH', 'TH', 'ID', 'CN'],
  americas: ['HT', 'MX', 'CO', 'VE', 'EC'],
};

const PLACES: readonly (readonly [string, string])[] = [
  ['Hasakah', 'SY'], ['Idlib', 'SY'], ['Aleppo', 'SY'], ['Raqqa', 'SY'], ['Deir ez-Zor', 'SY'], ['al-Hol camp', 'SY'], ['Qamishli', 'SY'], ['Ghwayran prison', 'SY'],
  ['Mosul', 'IQ'], ['Baghdad', 'IQ'], ['Kirkuk', 'IQ'], ['Fallujah', 'IQ'], ['Erbil', 'IQ'], ['Sinjar', 'IQ'], ['Abu Ghraib', 'IQ'],
  ['Gaza', 'PS'], ['Rafah', 'PS'], ['Khan Younis', 'PS'], ['Jenin', 'PS'], ['Nablus', 'PS'], ['Beirut', 'LB'], ['Tyre', 'LB'], ['Nabatieh', 'LB'],
  ['Sanaa', 'YE'], ['Aden', 'YE'], ['Marib', 'YE'], ['Hodeidah', 'YE'], ['Taiz', 'YE'], ['Tripoli', 'LY'], ['Benghazi', 'LY'], ['Misrata', 'LY'],
  ['Khartoum', 'SD'], ['El Fasher', 'SD'], ['Darfur', 'SD'], ['Omdurman', 'SD'], ['Kordofan', 'SD'], ['Juba', 'SS'], ['Malakal', 'SS'],
  ['Mogadishu', 'SO'], ['Kismayo', 'SO'], ['Baidoa', 'SO'], ['Tigray', 'ET'], ['Amhara', 'ET'], ['Mekelle', 'ET'],
  ['Bamako', 'ML'], ['Gao', 'ML'], ['Timbuktu', 'ML'], ['Ménaka', 'ML'], ['Kidal', 'ML'], ['Mopti', 'ML'], ['Ouagadougou', 'BF'], ['Djibo', 'BF'], ['Fada N\'Gourma', 'BF'],
  ['Niamey', 'NE'], ['Tillabéri', 'NE'], ['Diffa', 'NE'], ['Maiduguri', 'NG'], ['Borno', 'NG'], ['Zamfara', 'NG'], ['Kaduna', 'NG'], ['Lake Chad', 'TD'],
  ['Goma', 'CD'], ['Bunia', 'CD'], ['Beni', 'CD'], ['Ituri', 'CD'], ['Bukavu', 'CD'], ['Cabo Delgado', 'MZ'], ['Palma', 'MZ'], ['Bangui', 'CF'],
  ['Kyiv', 'UA'], ['Kharkiv', 'UA'], ['Donetsk', 'UA'], ['Zaporizhzhia', 'UA'], ['Kherson', 'UA'], ['Odesa', 'UA'], ['Pokrovsk', 'UA'], ['Belgorod', 'RU'], ['Kursk', 'RU'],
  ['Kabul', 'AF'], ['Kandahar', 'AF'], ['Jalalabad', 'AF'], ['Peshawar', 'PK'], ['Quetta', 'PK'], ['Bannu', 'PK'], ['Karachi', 'PK'],
  ['Myitkyina', 'MM'], ['Rakhine', 'MM'], ['Sagaing', 'MM'], ['Marawi', 'PH'], ['Mindanao', 'PH'], ['Port-au-Prince', 'HT'], ['Culiacán', 'MX'], ['Cauca', 'CO'],
  ['Nagorno-Karabakh', 'AZ'], ['Pristina', 'XK'], ['Dushanbe', 'TJ'],
  ['Homs', 'SY'], ['Hama', 'SY'], ['Daraa', 'SY'], ['Latakia', 'SY'], ['Manbij', 'SY'], ['Kobani', 'SY'], ['Afrin', 'SY'], ['Suwayda', 'SY'], ['Al-Bab', 'SY'], ['Palmyra', 'SY'],
  ['Tal Afar', 'IQ'], ['Samarra', 'IQ'], ['Tikrit', 'IQ'], ['Ramadi', 'IQ'], ['Basra', 'IQ'], ['Diyala', 'IQ'], ['Hawija', 'IQ'], ['Sulaymaniyah', 'IQ'],
  ['Deir al-Balah', 'PS'], ['Jabalia', 'PS'], ['Tulkarm', 'PS'], ['Hebron', 'PS'], ['Sidon', 'LB'], ['Baalbek', 'LB'], ['Saada', 'YE'], ['Mukalla', 'YE'], ['Shabwa', 'YE'],
  ['Sirte', 'LY'], ['Derna', 'LY'], ['Sabha', 'LY'], ['Zawiya', 'LY'], ['Port Sudan', 'SD'], ['Wad Madani', 'SD'], ['Nyala', 'SD'], ['El Obeid', 'SD'], ['Geneina', 'SD'], ['Kadugli', 'SD'],
  ['Bor', 'SS'], ['Bentiu', 'SS'], ['Beledweyne', 'SO'], ['Galkayo', 'SO'], ['Bosaso', 'SO'], ['Jowhar', 'SO'], ['Gondar', 'ET'], ['Bahir Dar', 'ET'], ['Oromia', 'ET'],
  ['Ségou', 'ML'], ['Tessalit', 'ML'], ['Kayes', 'ML'], ['Bobo-Dioulasso', 'BF'], ['Dori', 'BF'], ['Kaya', 'BF'], ['Arbinda', 'BF'], ['Agadez', 'NE'], ['Tahoua', 'NE'], ['Maradi', 'NE'],
  ['Yola', 'NG'], ['Katsina', 'NG'], ['Sokoto', 'NG'], ['Benue', 'NG'], ['Plateau', 'NG'], ["N'Djamena", 'TD'], ['Maroua', 'CM'], ['Bamenda', 'CM'],
  ['Rutshuru', 'CD'], ['Masisi', 'CD'], ['Uvira', 'CD'], ['Kalehe', 'CD'], ['Djugu', 'CD'], ['Mocímboa da Praia', 'MZ'], ['Pemba', 'MZ'], ['Bambari', 'CF'], ['Bangassou', 'CF'],
  ['Bakhmut', 'UA'], ['Avdiivka', 'UA'], ['Kramatorsk', 'UA'], ['Sumy', 'UA'], ['Chernihiv', 'UA'], ['Dnipro', 'UA'], ['Mykolaiv', 'UA'], ['Kupiansk', 'UA'], ['Toretsk', 'UA'], ['Bryansk', 'RU'],
  ['Herat', 'AF'], ['Kunduz', 'AF'], ['Mazar-i-Sharif', 'AF'], ['Panjshir', 'AF'], ['Khyber', 'PK'], ['North Waziristan', 'PK'], ['Dera Ismail Khan', 'PK'], ['Gwadar', 'PK'], ['Turbat', 'PK'],
  ['Lashio', 'MM'], ['Mandalay', 'MM'], ['Sittwe', 'MM'], ['Maungdaw', 'MM'], ['Cotabato', 'PH'], ['Sulu', 'PH'], ['Cap-Haïtien', 'HT'], ['Croix-des-Bouquets', 'HT'],
  ['Sinaloa', 'MX'], ['Michoacán', 'MX'], ['Tamaulipas', 'MX'], ['Catatumbo', 'CO'], ['Arauca', 'CO'], ['Guayaquil', 'EC'], ['Stepanakert', 'AZ'], ['Mitrovica', 'XK'],
];

const ACTORS = [
  'Islamic State fighters', 'Houthi rebels', 'RSF paramilitaries', 'al-Shabaab militants', 'JNIM gunmen', 'government forces', 'Russian troops',
  'Ukrainian drones', 'Taliban authorities', 'the Kurdish-led SDF', 'Israeli forces', 'Hamas', 'Hezbollah', 'M23 rebels', 'Boko Haram',
  'the army', 'police', 'unknown gunmen', 'Wagner mercenaries', 'Africa Corps', 'the Sudanese army', 'ISWAP', 'Tehreek-e-Taliban Pakistan',
  'the Arakan Army', 'Fano militiamen', 'gang members', 'security forces', 'coalition aircraft',
];

const OUTLETS = [
  'Reuters World News', 'AP Top News', 'AFP International', 'BBC News Middle East', 'BBC News Africa', 'Al Jazeera English', 'Al Arabiya',
  'France 24', 'RFI Afrique', 'Le Monde International', 'The Guardian World', 'Kyiv Independent', 'Rudaw English', 'Kurdistan24', 'North Press Agency',
  'Enab Baladi', 'Syrian Observatory', 'Sudan Tribune', 'Radio Dabanga', 'Garowe Online', 'Premium Times Nigeria', 'Sahel Intelligence',
  'Dawn Pakistan', 'TOLOnews', 'The Irrawaddy', 'Rappler', 'ReliefWeb Updates', 'UN News', 'ACLED Weekly', 'Crisis Group', 'Long War Journal',
  'The New Humanitarian', 'Middle East Eye', 'The National', 'Arab News', 'Asharq Al-Awsat', 'Anadolu Agency', 'Xinhua World', 'Haiti Libre',
  'InSight Crime',
];

/** Headline and summary fragments per topic; {p} is a place, {a} an actor, {n} a number. */
const EVENTS: Record<string, readonly string[]> = {
  'prison-break': [
    'Dozens of inmates escape from {p} prison after attack by {a}', 'Mass jailbreak in {p} as {a} storm detention centre',
    '{n} prisoners break out of {p} jail, hunt under way', 'Escapees still at large days after {p} prison break',
    'Prison break in {p}: guards overpowered, {n} detainees flee',
  ],
  'detainee-transfer': [
    '{n} detainees transferred from {p} camp to Iraq', '{a} hand over suspected fighters held in {p}',
    'Detainee transfer from {p} prison completed, officials say', 'Foreign detainees moved out of {p} under new deal',
  ],
  'prisoner-release': ['{a} release {n} prisoners in swap near {p}', 'Prisoner exchange in {p} frees {n} captives', 'Amnesty frees {n} detainees held in {p}'],
  airstrike: ['Airstrike kills {n} in {p}', 'Drone strike hits convoy near {p}', '{a} carry out air raids on {p} overnight', 'Strikes on {p} leave {n} dead'],
  shelling: ['Shelling of {p} kills {n} civilians', 'Missile attack on {p} damages power grid', '{a} fire rockets at {p}', 'Artillery barrage pounds {p}'],
  bombing: ['Car bomb kills {n} at market in {p}', 'Suicide bomber strikes checkpoint in {p}', 'Roadside bomb hits patrol near {p}'],
  'armed-clash': ['Heavy fighting between {a} and rivals around {p}', '{a} seize villages near {p} after clashes', 'Clashes in {p} leave {n} dead'],
  'civilian-harm': ['Gunmen kill {n} villagers near {p}', 'Massacre reported in {p} as {a} sweep through', 'Hospital in {p} attacked, {n} patients killed'],
  abduction: ['{a} abduct {n} students in {p}', 'Aid worker kidnapped near {p}', 'Hostages seized in raid on {p} village'],
  'arrest-raid': ['Security raid in {p} nets {n} suspects', 'Counter-terror sweep across {p} after attack', '{n} arrested in {p} over bomb plot'],
  'trial-justice': ['Court in {p} sentences {n} over attack', 'War crimes trial opens for commander from {p}', 'Tribunal hears evidence on {p} killings'],
  protest: ['Thousands protest in {p} over killings', 'Police fire tear gas at protesters in {p}', 'Strike shuts down {p} as anger grows'],
  'ceasefire-talks': ['Ceasefire holds in {p} as talks resume', 'Mediators push truce deal for {p}', 'Negotiations on {p} ceasefire stall'],
  humanitarian: ['Aid convoy reaches {p} after weeks of siege', 'Hunger deepens in {p} camps, UN warns', '{n} displaced as fighting spreads to {p}'],
  repatriation: ['{n} women and children repatriated from {p}', 'Repatriation flights leave {p} camp', 'Government refuses to take back citizens held in {p}'],
  'troop-movement': ['{a} deploy reinforcements to {p}', 'Troops withdraw from base near {p}', 'Handover of {p} base to local forces completed'],
  'militant-threat': ['{a} regroup in desert around {p}, officials warn', 'Sleeper cells active in {p}, report says', '{a} claim responsibility for {p} attack'],
  'arms-sanctions': ['New sanctions target arms suppliers to {a}', 'Arms shipment seized off {p}', 'Embargo on {p} extended by UN council'],
};

const FILLER = [
  'Officials said the death toll could rise.', 'The ministry did not respond to a request for comment.', 'Residents reported heavy gunfire through the night.',
  'Local media said the situation remained tense on Tuesday.', 'It was not immediately possible to verify the reports independently.',
  'The United Nations called for restraint from all sides.', 'A spokesman said an investigation had been opened.', 'Witnesses described scenes of panic.',
  'The area has seen repeated attacks in recent months.', 'Aid agencies said access remained restricted.', 'Families gathered outside the hospital.',
  'The group did not immediately claim responsibility.', 'Security was tightened around government buildings.', 'Schools in the district were closed.',
];

const OTHER_NEWS = [
  'Central bank holds interest rates as inflation eases', 'Football: late goal seals title for champions', 'Tech firm unveils new phone lineup',
  'Oil prices edge higher on supply worries', 'Film festival opens with record crowds', 'Election campaign enters final week',
  'Heatwave breaks temperature records across the region', 'Airline expands routes as travel demand recovers',
];

const CONFLICT_WORDS = [
  'prison', 'escape', 'escaped', 'escapees', 'jailbreak', 'inmates', 'detainees', 'transfer', 'transferred', 'camp', 'airstrike', 'drone', 'strike',
  'shelling', 'missile', 'rockets', 'artillery', 'bomb', 'bomber', 'suicide', 'checkpoint', 'clashes', 'fighting', 'killed', 'dead', 'civilians',
  'massacre', 'abduct', 'kidnapped', 'hostages', 'raid', 'arrested', 'suspects', 'court', 'sentences', 'trial', 'protest', 'protesters', 'ceasefire',
  'truce', 'talks', 'aid', 'convoy', 'siege', 'hunger', 'displaced', 'repatriated', 'repatriation', 'troops', 'reinforcements', 'withdraw', 'base',
  'regroup', 'sleeper', 'cells', 'responsibility', 'sanctions', 'arms', 'embargo', 'shipment', 'hospital', 'market', 'students', 'swap', 'release',
];
const PHRASES = [
  'prison break', 'mass jailbreak', 'detainee transfer', 'car bomb', 'suicide bomber', 'drone strike', 'air raids', 'aid convoy', 'prisoner exchange',
  'war crimes', 'sleeper cells', 'roadside bomb', 'security raid', 'death toll', 'power grid', 'tear gas', 'still at large', 'claim responsibility',
];
const EXCLUSIONS = ['football', 'film', 'drill', 'exercise', 'series', 'game', 'election', 'phone', 'festival'];
const ACTOR_WORDS = ['Houthi', 'RSF', 'al-Shabaab', 'JNIM', 'Taliban', 'SDF', 'Hamas', 'Hezbollah', 'M23', 'Boko Haram', 'Wagner', 'ISWAP', 'Fano', 'Islamic State'];

function fill(template: string, place: string): string {
  return template.replace('{p}', place).replace('{a}', pick(ACTORS)).replace('{n}', String(int(2, 300)));
}

function makeStory(): MatchableStory {
  const sources = Array.from({ length: random() < 0.7 ? 1 : int(2, 3) }, () => ({ feedTitle: pickSkewed(OUTLETS) }));
  if (random() < 0.15) {
    return { title: pick(OTHER_NEWS), summary: `${pick(FILLER)} ${pick(OTHER_NEWS)}.`, regions: [], topics: [], sources };
  }
  const [place, country] = pickSkewed(PLACES);
  const topic = pickSkewed(Object.keys(EVENTS));
  const topics = [topic];
  const summaryParts = [fill(pick(EVENTS[topic]), place) + '.', pick(FILLER)];
  if (random() < 0.4) {
    const second = pick(Object.keys(EVENTS));
    summaryParts.push(fill(pick(EVENTS[second]), pick(PLACES)[0]) + '.');
    if (second !== topic) topics.push(second);
  }
  summaryParts.push(pick(FILLER));
  return { title: fill(pick(EVENTS[topic]), place), summary: summaryParts.join(' '), regions: [country], topics, sources };
}

const quoted = (text: string) => (text.includes(' ') || text.includes('-') ? `"${text}"` : text);
const placeName = () => quoted(pick(PLACES)[0]);
const word = () => pickSkewed(CONFLICT_WORDS);
const prefixOf = (w: string) => `${w.slice(0, Math.max(4, w.length - 2))}*`;
const country = () => pick(PLACES)[1];
const macro = () => pick(Object.keys(MACRO_REGIONS));
const topicId = () => pickSkewed(TOPIC_IDS);

/** The kinds of rule analysts write: a place and what happens there, a topic in a region, a wire and a word... */
const RULE_TEMPLATES: readonly (() => string)[] = [
  () => `"${pick(PHRASES)}" region:${country()}`,
  () => `(${word()} OR ${word()} OR ${word()}) ${placeName()}`,
  () => `${word()} NEAR/${int(2, 8)} ${word()} -${pick(EXCLUSIONS)}`,
  () => `topic:${topicId()} region:${macro()}`,
  () => `title:(${prefixOf(word())} OR ${word()}) ${placeName()}`,
  () => `source:"${pickSkewed(OUTLETS)}" ${word()}`,
  () => `${placeName()} ${word()}`,
  () => `topic:${topicId()} (${placeName()} OR ${placeName()} OR ${placeName()})`,
  () => `${placeName()} NOT (${pick(EXCLUSIONS)} OR ${pick(EXCLUSIONS)})`,
  () => `(region:${country()} OR region:${country()}) topic:${topicId()} -${pick(EXCLUSIONS)}`,
  () => `${prefixOf(word())} NEAR/${int(3, 10)} (${placeName()} OR ${placeName()})`,
  () => `${quoted(pick(ACTOR_WORDS))} AND (${word()} OR "${pick(PHRASES)}") AND region:${macro()}`,
  () => `title:"${pick(PHRASES)}" OR (${quoted(pick(ACTOR_WORDS))} NEAR/5 ${word()})`,
  () => `topic:${topicId()} AND ${word()} NOT source:"${pickSkewed(OUTLETS)}"`,
];

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

const micros = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
const verdict = (ok: boolean) => (ok ? 'target met' : 'TARGET MISSED');
const count = (n: number) => n.toLocaleString('en-US');


const lib = require(process.env.AQ ?? '../shared/src/alert-query') as typeof import('../shared/src/alert-query');
function main2(): void {
  const rules: CompiledAlertQuery[] = [];
  const parseOptions = { knownTopics: new Set<string>(TOPIC_IDS), resolveRegion: (r: string) => MACRO_REGIONS[r] ?? null };
  const tplOf: number[] = [];
  while (rules.length < RULES) { const t = Math.floor(random() * RULE_TEMPLATES.length); const p = lib.parseAlertQuery(RULE_TEMPLATES[t](), parseOptions); if (p.ok) { rules.push(lib.compileAlertQuery(p.query)); tplOf.push(t); } }
  const corpus = Array.from({ length: STORIES }, makeStory);
  const index = new lib.AlertRuleIndex<number>();
  rules.forEach((r, i) => index.add(i, r));
  if (process.env.BREAKDOWN) {
    const cand = new Array(RULE_TEMPLATES.length).fill(0), hit = new Array(RULE_TEMPLATES.length).fill(0);
    for (const st of corpus.slice(0, 3000)) { const p = lib.prepareStory(st); for (const id of index.candidates(p)) { cand[tplOf[id]]++; if (lib.matchStory(rules[id], p)) hit[tplOf[id]]++; } }
    cand.forEach((c, i) => console.log('template', i, RULE_TEMPLATES[i].toString().slice(6, 70), 'cand/story', (c / 3000).toFixed(1), 'match/story', (hit[i] / 3000).toFixed(1)));
  }
  if (process.env.PARTS) {
    const ix = index as unknown as { byWordId: (number[] | undefined)[]; byPrefixHead: Map<string, number[]>; byRegion: Map<string, number[]>; byTopic: Map<string, number[]>; bySourceWord: Map<string, number[]> };
    const prepared = corpus.map((c) => lib.prepareStory(c));
    let e1 = 0, e2 = 0, e3 = 0;
    for (const p of prepared) { for (const id of p.wordIds) e1 += ix.byWordId[id]?.length ?? 0; for (const w of p.positions.keys()) e2 += ix.byPrefixHead.get(w.slice(0, 3))?.length ?? 0; for (const r of p.regions) e3 += ix.byRegion.get(r)?.length ?? 0; for (const t of p.topics) e3 += ix.byTopic.get(t)?.length ?? 0; for (const ti of p.sources) for (const w of ti) e3 += ix.bySourceWord.get(w)?.length ?? 0; }
    console.log('entries/story words', (e1 / prepared.length).toFixed(0), 'prefix', (e2 / prepared.length).toFixed(0), 'fields', (e3 / prepared.length).toFixed(0), 'distinct words', (prepared.reduce((a, p) => a + p.positions.size, 0) / prepared.length).toFixed(1), 'known', (prepared.reduce((a, p) => a + p.wordIds.length, 0) / prepared.length).toFixed(1));
    for (let r = 0; r < 2; r++) {
      let t = performance.now(); for (const p of prepared) index.candidates(p); const tc = performance.now() - t;
      t = performance.now(); for (const p of prepared) index.match(p); const tm = performance.now() - t;
      t = performance.now(); for (const c of corpus) lib.prepareStory(c); const tp = performance.now() - t;
      console.log('per story: candidates', (tc / prepared.length * 1000).toFixed(1), 'us; match (incl candidates)', (tm / prepared.length * 1000).toFixed(1), 'us; prepare', (tp / prepared.length * 1000).toFixed(1), 'us');
    }
  }
  for (let round = 0; round < 3; round++) {
    const c0 = process.cpuUsage(); let m = 0;
    for (const s of corpus) m += index.match(lib.prepareStory(s)).length;
    const c = process.cpuUsage(c0);
    console.log(process.env.AQ ?? 'current', (STORIES / ((c.user + c.system) / 1e6)).toFixed(0), 'stories/cpu-s', m);
  }
}
main2();
