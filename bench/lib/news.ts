/**
 * Generated conflict news for the benchmarks: ~200 real places in the regions the product watches,
 * actors, 40 outlets, headline templates per topic, filler sentences and 15% other news, skewed
 * towards a few places and topics as real news is. Deterministic: a generator built with the same
 * seed gives the same stories.
 */

/** Deterministic pseudo-random numbers, so every run measures the same rules and stories. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const MACRO_REGIONS: Record<string, string[]> = {
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

export const PLACES: readonly (readonly [string, string])[] = [
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

export const ACTORS = [
  'Islamic State fighters', 'Houthi rebels', 'RSF paramilitaries', 'al-Shabaab militants', 'JNIM gunmen', 'government forces', 'Russian troops',
  'Ukrainian drones', 'Taliban authorities', 'the Kurdish-led SDF', 'Israeli forces', 'Hamas', 'Hezbollah', 'M23 rebels', 'Boko Haram',
  'the army', 'police', 'unknown gunmen', 'Wagner mercenaries', 'Africa Corps', 'the Sudanese army', 'ISWAP', 'Tehreek-e-Taliban Pakistan',
  'the Arakan Army', 'Fano militiamen', 'gang members', 'security forces', 'coalition aircraft',
];

export const OUTLETS = [
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

export interface NewsStory {
  title: string;
  summary: string;
  /** The country and topics the template was written for (what a tagger should find). */
  regions: string[];
  topics: string[];
  /** Outlets carrying it (feed titles). */
  sources: { feedTitle: string }[];
}

export interface NewsGenerator {
  random(): number;
  pick<T>(items: readonly T[]): T;
  /** Skewed towards the start of the list, as real news and real rules are. */
  pickSkewed<T>(items: readonly T[]): T;
  int(lo: number, hi: number): number;
  story(): NewsStory;
}

export function newsGenerator(seed: number): NewsGenerator {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const pickSkewed = <T>(items: readonly T[]): T => items[Math.floor(items.length * random() ** 2)];
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const fill = (template: string, place: string) => template.replace('{p}', place).replace('{a}', pick(ACTORS)).replace('{n}', String(int(2, 300)));
  const story = (): NewsStory => {
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
  };
  return { random, pick, pickSkewed, int, story };
}
