/**
 * Ids and shapes of the tagging taxonomy, shared by the server (which tags stories) and the
 * client (which filters and draws legends). The ids are the stable ones of
 * shared/spec/taxonomy.md; operators may add topics at run time, which is why the story-level
 * fields are plain strings rather than the unions below.
 */

export const TOPIC_IDS = [
  'armed-clash',
  'airstrike',
  'shelling',
  'bombing',
  'civilian-harm',
  'abduction',
  'prison-break',
  'detainee-transfer',
  'prisoner-release',
  'arrest-raid',
  'trial-justice',
  'protest',
  'ceasefire-talks',
  'humanitarian',
  'repatriation',
  'troop-movement',
  'militant-threat',
  'arms-sanctions',
] as const;

export type TopicId = (typeof TOPIC_IDS)[number];

export interface TopicDefinition {
  id: TopicId;
  name: string;
  description: string;
}

export const TOPICS: readonly TopicDefinition[] = [
  { id: 'armed-clash', name: 'Armed clashes', description: 'fighting between armed forces or groups: battles, ground offensives, ambushes, raids on positions, territory taken or lost' },
  { id: 'airstrike', name: 'Air and drone strikes', description: 'attacks from aircraft or drones, retaliatory strikes from the air' },
  { id: 'shelling', name: 'Shelling and missiles', description: 'artillery, mortar, rocket and missile fire from the ground or sea' },
  { id: 'bombing', name: 'Bombings', description: 'IEDs, car bombs, suicide bombings, landmines and other explosives set off by attackers' },
  { id: 'civilian-harm', name: 'Violence against civilians', description: 'massacres, executions of civilians, sexual violence, attacks on villages, markets, hospitals or aid workers' },
  { id: 'abduction', name: 'Kidnappings and hostages', description: 'abductions, hostage-taking, forced disappearances' },
  { id: 'prison-break', name: 'Prison breaks', description: 'escapes from prisons, detention facilities or camps; attacks that free inmates; escapees still at large' },
  { id: 'detainee-transfer', name: 'Detainee transfers', description: "moving detainees or prisoners between facilities or into another authority's custody, across borders included; handovers of detention sites" },
  { id: 'prisoner-release', name: 'Prisoner releases and exchanges', description: 'swaps, releases, pardons and amnesties of prisoners or hostages' },
  { id: 'arrest-raid', name: 'Arrests and security raids', description: 'counter-terror raids, arrest campaigns, security sweeps, suspects detained' },
  { id: 'trial-justice', name: 'Trials and justice', description: 'prosecutions, court rulings, sentences, judicial executions, war-crimes investigations and tribunals' },
  { id: 'protest', name: 'Protests and unrest', description: 'demonstrations, strikes, riots, crackdowns on protesters' },
  { id: 'ceasefire-talks', name: 'Ceasefires and talks', description: 'truces, ceasefires, peace negotiations, agreements, mediation' },
  { id: 'humanitarian', name: 'Humanitarian crisis', description: 'aid delivery and access, hunger, displacement, refugee and displaced-persons camps, epidemics in crisis zones' },
  { id: 'repatriation', name: 'Repatriation', description: "return of citizens from camps, prisons or war zones abroad, and governments' refusal to take them back" },
  { id: 'troop-movement', name: 'Deployments and withdrawals', description: 'troop deployments, withdrawals, bases, handovers of security control between forces' },
  { id: 'militant-threat', name: 'Militant threat', description: 'a group regrouping or resurging, recruitment, claims of responsibility, warnings of attacks, sleeper cells' },
  { id: 'arms-sanctions', name: 'Arms and sanctions', description: 'arms deliveries, embargoes, sanctions on armed actors or states at war' },
];

export const MACRO_REGION_IDS = [
  'middle-east',
  'north-africa',
  'sahel-west-africa',
  'east-africa',
  'central-southern-africa',
  'europe',
  'central-asia',
  'south-asia',
  'east-southeast-asia',
  'americas',
  'oceania',
] as const;

export type MacroRegionId = (typeof MACRO_REGION_IDS)[number];

export const MACRO_REGION_NAMES: Readonly<Record<MacroRegionId, string>> = {
  'middle-east': 'Middle East',
  'north-africa': 'North Africa',
  'sahel-west-africa': 'Sahel and West Africa',
  'east-africa': 'East Africa',
  'central-southern-africa': 'Central and Southern Africa',
  europe: 'Europe',
  'central-asia': 'Central Asia',
  'south-asia': 'South Asia',
  'east-southeast-asia': 'East and Southeast Asia',
  americas: 'Americas',
  oceania: 'Oceania',
};

export function isTopicId(value: string): value is TopicId {
  return (TOPIC_IDS as readonly string[]).includes(value);
}

export function isMacroRegionId(value: string): value is MacroRegionId {
  return (MACRO_REGION_IDS as readonly string[]).includes(value);
}

/** What kind of place a gazetteer entry is; drives the map symbol. */
export type PlaceKind =
  | 'country'
  | 'admin-region'
  | 'region'
  | 'city'
  | 'town'
  | 'district'
  | 'camp'
  | 'prison'
  | 'crossing'
  | 'base'
  | 'border-area'
  | 'natural-feature';

/** A named place found in a story, with coordinates for the map. */
export interface Place {
  name: string;
  /** ISO 3166-1 alpha-2 code of the country the place lies in. */
  country: string;
  lat: number;
  lon: number;
  kind: PlaceKind;
}

/** Why a story carries a region or topic: the text that matched and what fired on it. */
export interface TagEvidence {
  kind: 'region' | 'topic';
  /** The region code or topic id this evidence supports. */
  tag: string;
  /** The matched words as they appear in the story. */
  text: string;
  field: 'title' | 'summary';
  /** The gazetteer entry or rule that fired, e.g. "city Al Hasakah (SY)" or "rules line 41: escape* ; near 8: @custody". */
  rule: string;
}

export interface StoryTags {
  regions: string[];
  topics: string[];
  places: Place[];
  why: TagEvidence[];
}

export interface TaxonomyRegion {
  code: string;
  name: string;
  macroRegion: MacroRegionId;
  /** [lat, lon] */
  centroid: [number, number];
}

export interface TaxonomyMacroRegion {
  id: MacroRegionId;
  name: string;
  countries: string[];
}

export interface TaxonomyTopic {
  id: string;
  name: string;
  description: string;
}

export interface Taxonomy {
  regions: TaxonomyRegion[];
  macroRegions: TaxonomyMacroRegion[];
  topics: TaxonomyTopic[];
}
