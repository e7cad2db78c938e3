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

interface Run {
  /** Stories per second of this process's CPU time: the one-core figure, fair on a shared machine. */
  rate: number;
  wallRate: number;
  candidates: number;
  tested: number;
  matches: number;
  perStory: Float64Array;
}

const PASSES = 3;

/**
 * Every story as the server would handle it: prepare (normalise, split) then match against the
 * index. A warm-up pass, then PASSES timed passes; the best pass is reported (and the spread),
 * because on a shared machine the slower passes measure the neighbours.
 */
function run(index: AlertRuleIndex<number>, corpus: readonly MatchableStory[]): Run & { passes: number[] } {
  for (const story of corpus.slice(0, 4_000)) index.match(prepareStory(story));
  let best: Run | null = null;
  const passes: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const perStory = new Float64Array(corpus.length);
    const before = index.stats();
    let matches = 0;
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < corpus.length; i++) {
      const t0 = performance.now();
      matches += index.match(prepareStory(corpus[i])).length;
      perStory[i] = performance.now() - t0;
    }
    const cpu = process.cpuUsage(cpuStart);
    const rate = corpus.length / ((cpu.user + cpu.system) / 1e6);
    const wallRate = corpus.length / ((performance.now() - started) / 1000);
    const after = index.stats();
    perStory.sort();
    passes.push(rate);
    if (!best || rate > best.rate) {
      best = {
        rate,
        wallRate,
        candidates: (after.candidates - before.candidates) / corpus.length,
        tested: (after.tested - before.tested) / corpus.length,
        matches: matches / corpus.length,
        perStory,
      };
    }
  }
  return { ...(best as Run), passes };
}

function main(): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`alerts benchmark: node ${process.version}, one thread, ${cpu} (${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)})`);

  const parseStart = performance.now();
  const rules: { id: number; compiled: CompiledAlertQuery }[] = [];
  const parseOptions = { knownTopics: new Set<string>(TOPIC_IDS), resolveRegion: (r: string) => MACRO_REGIONS[r] ?? null };
  for (let id = 0; rules.length < RULES; id++) {
    const parsed = parseAlertQuery(pick(RULE_TEMPLATES)(), parseOptions);
    if (!parsed.ok) throw new Error(`generated rule rejected: ${parsed.error.message}`);
    rules.push({ id, compiled: compileAlertQuery(parsed.query) });
  }
  const parseMs = performance.now() - parseStart;
  console.log(`${count(RULES)} rules parsed and compiled in ${parseMs.toFixed(0)} ms (${micros(parseMs / RULES)} each), e.g.`);
  for (const rule of rules.slice(0, 5)) console.log(`    ${rule.compiled.query.text}`);

  // The server learns term frequencies from the stories it already holds; here, an earlier sample.
  const statistics = new AlertTermStatistics();
  for (let i = 0; i < 5_000; i++) statistics.observe(prepareStory(makeStory()));
  const corpus = Array.from({ length: STORIES }, makeStory);
  const avgWords = corpus.reduce((sum, story) => sum + `${story.title} ${story.summary}`.split(/\s+/).length, 0) / corpus.length;
  console.log(`${count(STORIES)} generated stories, ${avgWords.toFixed(0)} words each on average; term frequencies learned from ${count(statistics.stories)} earlier ones`);

  const indexStart = performance.now();
  const index = new AlertRuleIndex<number>({ estimateFrequency: statistics.frequency });
  for (const rule of rules) index.add(rule.id, rule.compiled);
  const shape = index.stats();
  console.log(`indexed in ${(performance.now() - indexStart).toFixed(0)} ms; ${count(shape.decidedByIndex)} rules decided by the index alone (never tested), ${shape.unindexed} tested on every story (they require no term)`);

  const learned = run(index, corpus);
  console.log(`indexed: ${learned.rate.toFixed(0)} stories per CPU-second, best of ${PASSES} passes (${learned.wallRate.toFixed(0)}/s by the wall clock) (target >= ${count(TARGET)}/s on one core: ${verdict(learned.rate >= TARGET)})`);
  console.log(`  all passes: ${learned.passes.map((r) => r.toFixed(0)).join(', ')} stories per CPU-second`);
  console.log(`  per story: ${learned.candidates.toFixed(1)} candidate rules of ${count(RULES)}, of which ${learned.tested.toFixed(1)} tested (the rest decided by the index); ${learned.matches.toFixed(2)} rules matched`);
  const p = learned.perStory;
  console.log(`  per story by the wall clock (prepare + match): p50 ${micros(percentile(p, 0.5))}, p99 ${micros(percentile(p, 0.99))}, max ${micros(p[p.length - 1])}`);
  const prepareStart = performance.now();
  for (const story of corpus) prepareStory(story);
  console.log(`  of which preparing the story: ${micros((performance.now() - prepareStart) / STORIES)} on average`);

  const guessing = new AlertRuleIndex<number>();
  for (const rule of rules) guessing.add(rule.id, rule.compiled);
  const guessed = run(guessing, corpus);
  console.log(`indexed without term statistics (frequencies guessed): ${guessed.rate.toFixed(0)} stories per CPU-second, ${guessed.candidates.toFixed(1)} candidates and ${guessed.tested.toFixed(1)} tested per story`);

  // Brute force on a slice: every rule on every story, as a server without the index would do.
  const slice = corpus.slice(0, BRUTE_FORCE_STORIES).map(prepareStory);
  const bruteStart = process.cpuUsage();
  const bruteMatches = slice.map((story) => rules.filter((rule) => matchStory(rule.compiled, story)).map((rule) => rule.id));
  const bruteCpu = process.cpuUsage(bruteStart);
  const bruteRate = BRUTE_FORCE_STORIES / ((bruteCpu.user + bruteCpu.system) / 1e6);
  const agree = slice.every((story, i) => index.match(story).sort((a, b) => a - b).join() === bruteMatches[i].join());
  console.log(`brute force, every rule on every story (first ${count(BRUTE_FORCE_STORIES)}, already prepared): ${bruteRate.toFixed(0)} stories per CPU-second, ${(learned.rate / bruteRate).toFixed(0)}x slower than indexed`);
  console.log(`  index and brute force agree on every story: ${agree ? 'yes' : 'NO'}`);
}

main();
