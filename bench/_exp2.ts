/**
 * npm run bench:alerts — stories per second evaluated against 10,000 active alert rules on one
 * core (target 20,000/s), with the rule index, and by brute force (every rule on every story)
 * for comparison. Rules and stories are generated from a vocabulary of conflict-news words,
 * places, outlets and topics; every run builds the same ones.
 * BENCH_STORIES sets the corpus size (default and minimum 20,000); BENCH_RULES the rule count.
 */
import {
  AlertRuleIndex,
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
const placeName = () => quoted(pickSkewed(PLACES)[0]);
const word = () => pickSkewed(CONFLICT_WORDS);
const prefixOf = (w: string) => `${w.slice(0, Math.max(4, w.length - 2))}*`;
const country = () => pickSkewed(PLACES)[1];
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

const templateOf: number[] = [];
function main(): void {
  console.log(`alerts benchmark, node ${process.version}, one core (single-threaded)`);

  const parseStart = performance.now();
  const rules: { id: number; compiled: CompiledAlertQuery }[] = [];
  for (let id = 0; rules.length < RULES; id++) {
    const tpl = Math.floor(random() * RULE_TEMPLATES.length); templateOf.push(tpl);
    const parsed = parseAlertQuery(RULE_TEMPLATES[tpl](), { knownTopics: new Set(TOPIC_IDS), resolveRegion: (r) => MACRO_REGIONS[r] ?? null });
    if (!parsed.ok) throw new Error(`generated rule rejected: ${parsed.error.message}`);
    rules.push({ id, compiled: compileAlertQuery(parsed.query) });
  }
  const parseMs = performance.now() - parseStart;
  const indexStart = performance.now();
  const index = new AlertRuleIndex<number>();
  for (const rule of rules) index.add(rule.id, rule.compiled);
  const indexMs = performance.now() - indexStart;
  console.log(`${RULES.toLocaleString('en-US')} rules parsed and compiled in ${parseMs.toFixed(0)} ms, indexed in ${indexMs.toFixed(0)} ms; unindexed (tested on every story): ${index.stats().unindexed}`);
  console.log(`  e.g. ${rules.slice(0, 4).map((r) => r.compiled.query.text).join('  |  ')}`);

  const corpus = Array.from({ length: STORIES }, makeStory);
  const avgWords = corpus.reduce((sum, s) => sum + (s.title + ' ' + s.summary).split(/\s+/).length, 0) / corpus.length;
  console.log(`${STORIES.toLocaleString('en-US')} generated stories, ${avgWords.toFixed(0)} words each on average`);

  {
    const cand = new Array(RULE_TEMPLATES.length).fill(0), hit = new Array(RULE_TEMPLATES.length).fill(0);
    for (const st of corpus.slice(0, 2000)) { const p = prepareStory(st); for (const id of index.candidates(p)) { cand[templateOf[id]]++; if (matchStory(rules[id].compiled, p)) hit[templateOf[id]]++; } }
    cand.forEach((c, i) => console.log('template', i, 'cand/story', (c / 2000).toFixed(1), 'match/story', (hit[i] / 2000).toFixed(1)));
  }
  {
    const prepared = corpus.slice(0, 5000).map(prepareStory);
    for (const p of prepared) index.candidates(p);
    let t0 = performance.now(); let c = 0;
    for (const p of prepared) c += index.candidates(p).length;
    { const anyIndex = index as unknown as { byWord: Map<string, number[]>; byPrefixHead: Map<string, number[]>; byRegion: Map<string, number[]>; byTopic: Map<string, number[]>; bySourceWord: Map<string, number[]> };
      let traffic = 0; const per = new Map<string, number>();
      for (const p of prepared) { for (const w of p.positions.keys()) { const l = anyIndex.byWord.get(w)?.length ?? 0; traffic += l; per.set('w:' + w, (per.get('w:' + w) ?? 0) + l); traffic += anyIndex.byPrefixHead.get(w.slice(0, 3))?.length ?? 0; }
        for (const r of p.regions) { const l = anyIndex.byRegion.get(r)?.length ?? 0; traffic += l; per.set('r:' + r, (per.get('r:' + r) ?? 0) + l); }
        for (const t of p.topics) { const l = anyIndex.byTopic.get(t)?.length ?? 0; traffic += l; per.set('t:' + t, (per.get('t:' + t) ?? 0) + l); }
        for (const ti of p.sources) for (const w of ti) traffic += anyIndex.bySourceWord.get(w)?.length ?? 0; }
      console.log('posting entries per story', traffic / prepared.length, [...per].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${k}=${(v / prepared.length).toFixed(0)}`).join(' ')); }
    console.log('candidates only', ((performance.now() - t0) / 5000 * 1000).toFixed(1), 'us/story', c / 5000);
    const cands = prepared.map((p) => index.candidates(p));
    t0 = performance.now(); let m = 0;
    for (let i = 0; i < prepared.length; i++) for (const id of cands[i]) if (matchStory(rules[id].compiled, prepared[i])) m++;
    if (process.env.PROFILE_TESTS) { const t1 = performance.now(); for (let r = 0; r < 10; r++) for (let i = 0; i < prepared.length; i++) for (const id of cands[i]) matchStory(rules[id].compiled, prepared[i]); console.log('10x tests', (performance.now() - t1).toFixed(0)); process.exit(0); }
    console.log('tests only', ((performance.now() - t0) / 5000 * 1000).toFixed(1), 'us/story', m / 5000);
    t0 = performance.now(); m = 0;
    for (let i = 0; i < prepared.length; i++) for (const id of cands[i]) if (matchStory(rules[id].compiled, prepared[0])) m++;
    const per = new Array(RULE_TEMPLATES.length).fill(0), cnt = new Array(RULE_TEMPLATES.length).fill(0);
    for (let i = 0; i < prepared.length; i++) for (const id of cands[i]) { const t = performance.now(); for (let k = 0; k < 20; k++) matchStory(rules[id].compiled, prepared[i]); per[templateOf[id]] += performance.now() - t; cnt[templateOf[id]] += 20; }
    per.forEach((x, i) => console.log('tpl', i, (x / cnt[i] * 1e6).toFixed(0), 'ns/test'));
    console.log('tests on one story', ((performance.now() - t0) / 5000 * 1000).toFixed(1), 'us/story', m / 5000);
  }
  // Warm up the JIT on a slice, then measure the whole corpus: prepare (normalise, split) + match.
  for (const story of corpus.slice(0, 2_000)) index.match(prepareStory(story));
  const perStory = new Float64Array(STORIES);
  let candidates = 0;
  let matches = 0;
  const started = performance.now();
  for (let i = 0; i < STORIES; i++) {
    const t0 = performance.now();
    const prepared = prepareStory(corpus[i]);
    matches += index.match(prepared).length;
    perStory[i] = performance.now() - t0;
  }
  const seconds = (performance.now() - started) / 1000;
  for (const story of corpus) candidates += index.candidates(prepareStory(story)).length;
  let prepareMs = 0;
  {
    const t0 = performance.now();
    for (const story of corpus) prepareStory(story);
    prepareMs = (performance.now() - t0) / STORIES;
  }
  perStory.sort();
  const rate = STORIES / seconds;
  console.log(`indexed: ${rate.toFixed(0)} stories/s (target >= ${TARGET.toLocaleString('en-US')}/s: ${verdict(rate >= TARGET)})`);
  console.log(`  candidates tested per story: ${(candidates / STORIES).toFixed(1)} of ${RULES.toLocaleString('en-US')} rules; matches per story: ${(matches / STORIES).toFixed(2)}`);
  console.log(`  per story (prepare + match): p50 ${micros(percentile(perStory, 0.5))}, p99 ${micros(percentile(perStory, 0.99))}, max ${micros(perStory[STORIES - 1])}; prepare alone ${micros(prepareMs)}`);

  // Brute force on a slice: every rule on every story, as a server without the index would.
  const slice = corpus.slice(0, BRUTE_FORCE_STORIES).map(prepareStory);
  const bruteStart = performance.now();
  let bruteMatches = 0;
  const bruteSets: number[][] = [];
  for (const story of slice) {
    const matched: number[] = [];
    for (const rule of rules) if (matchStory(rule.compiled, story)) matched.push(rule.id);
    bruteMatches += matched.length;
    bruteSets.push(matched);
  }
  const bruteRate = BRUTE_FORCE_STORIES / ((performance.now() - bruteStart) / 1000);
  const agree = slice.every((story, i) => index.match(story).sort((a, b) => a - b).join() === bruteSets[i].join());
  console.log(`brute force (every rule on every story, prepared stories, first ${BRUTE_FORCE_STORIES.toLocaleString('en-US')}): ${bruteRate.toFixed(0)} stories/s, ${(rate / bruteRate).toFixed(0)}x slower than indexed`);
  console.log(`  index and brute force agree on every story: ${agree ? 'yes' : 'NO'} (${bruteMatches} matches)`);
}

main();
