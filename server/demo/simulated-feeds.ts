import type { CorpusItem, CorpusLanguage } from './corpus';

export type SimulatedFeedFormat = 'rss2' | 'atom' | 'rss1' | 'json-feed';
export type FeedCharset = 'utf-8' | 'windows-1256' | 'iso-8859-1';

/**
 * How a deliberately broken feed misbehaves:
 * - `http-500`: answers 500 Internal Server Error.
 * - `html-page`: answers 200 with an HTML consent page instead of a feed.
 * - `never-completes`: sends 200 headers and a few bytes, then drips a byte a second forever,
 *   so only the fetcher's total timeout ends the request.
 * - `malformed-xml`: answers 200 application/rss+xml with a body that is not well-formed XML.
 */
export type SimulatedFeedFailure = 'http-500' | 'html-page' | 'never-completes' | 'malformed-xml';

/** A feed the simulator serves, described independently of the port it ends up on. */
export interface SimulatedFeedDefinition {
  readonly slug: string;
  readonly path: string;
  readonly title: string;
  readonly description: string;
  /** Group the demo app files the subscription under (matches the default OPML's groups). */
  readonly group: string;
  readonly format: SimulatedFeedFormat;
  readonly language: CorpusLanguage;
  readonly charset: FeedCharset;
  /** The exact Content-Type header; some feeds deliberately omit the charset or use a generic type. */
  readonly contentType: string;
  readonly author: string;
  /** Corpus regions this outlet covers; absent means every region. */
  readonly regions?: readonly string[];
  /** Corpus topics this outlet covers; absent means every topic. */
  readonly topics?: readonly string[];
  /** Offset used for dates in the document, e.g. 270 for Kabul's +04:30. */
  readonly utcOffsetMinutes: number;
  /** `permalink`: the guid is the article URL; `tag`: an opaque tag: URI. */
  readonly guidStyle: 'permalink' | 'tag';
  /** RSS 2.0 only, UTF-8 only: descriptions as HTML inside CDATA, like many CMSs emit. */
  readonly cdataDescriptions?: boolean;
  /** Start the body with a UTF-8 byte order mark, which some Windows-hosted feeds do. */
  readonly byteOrderMark?: boolean;
  readonly failing?: SimulatedFeedFailure;
}

const CONFLICT_REGIONS = [
  'syria-iraq', 'levant', 'yemen', 'sudan', 'horn', 'sahel', 'west-africa',
  'great-lakes', 'mozambique', 'ukraine', 'afpak', 'myanmar', 'americas',
] as const;

const HUMANITARIAN_TOPICS = [
  'famine', 'displacement', 'aid-convoy', 'disease-outbreak', 'repatriation', 'siege', 'humanitarian',
] as const;

const UTF8_RSS = 'application/rss+xml; charset=utf-8';
const UTF8_ATOM = 'application/atom+xml; charset=utf-8';
const UTF8_JSON_FEED = 'application/feed+json; charset=utf-8';

/** Every simulated outlet: seventeen healthy feeds and four broken ones. */
export const SIMULATED_FEED_CATALOGUE: readonly SimulatedFeedDefinition[] = [
  {
    slug: 'levant-dispatch', path: '/feeds/levant-dispatch/rss.xml', title: 'Levant Dispatch',
    description: 'Syria, Lebanon, Israel and the Palestinian territories, as it happens',
    group: 'Middle East', format: 'rss2', language: 'en', charset: 'utf-8', contentType: UTF8_RSS,
    author: 'Levant Dispatch staff', regions: ['levant', 'syria-iraq'], utcOffsetMinutes: 180, guidStyle: 'permalink',
  },
  {
    slug: 'mesopotamia-monitor', path: '/feeds/mesopotamia-monitor/atom.xml', title: 'Mesopotamia Monitor',
    description: 'Iraq and north-east Syria: security, detention and returns',
    group: 'Middle East', format: 'atom', language: 'en', charset: 'utf-8', contentType: UTF8_ATOM,
    author: 'Monitor desk, Erbil', regions: ['syria-iraq'], utcOffsetMinutes: 180, guidStyle: 'tag', byteOrderMark: true,
  },
  {
    slug: 'aden-gazette', path: '/feeds/aden-gazette/rss', title: 'Aden Gazette',
    description: 'Yemen, the Red Sea and the wider region',
    group: 'Middle East', format: 'rss2', language: 'en', charset: 'utf-8', contentType: UTF8_RSS,
    author: 'Gazette correspondents', regions: ['yemen', 'levant'], utcOffsetMinutes: 180, guidStyle: 'tag',
  },
  {
    slug: 'horn-wire', path: '/feeds/horn-wire/feed.json', title: 'Horn Wire',
    description: 'Somalia, Ethiopia, Sudan and South Sudan',
    group: 'Africa', format: 'json-feed', language: 'en', charset: 'utf-8', contentType: UTF8_JSON_FEED,
    author: 'Horn Wire, Nairobi', regions: ['horn', 'sudan'], utcOffsetMinutes: 180, guidStyle: 'permalink',
  },
  {
    slug: 'sahel-monitor', path: '/feeds/sahel-monitor/index.rdf', title: 'Sahel Monitor',
    description: 'Mali, Burkina Faso, Niger and Nigeria',
    group: 'Africa', format: 'rss1', language: 'en', charset: 'utf-8', contentType: 'application/rdf+xml; charset=utf-8',
    author: 'Sahel Monitor', regions: ['sahel', 'west-africa'], utcOffsetMinutes: 0, guidStyle: 'permalink',
  },
  {
    slug: 'great-lakes-observer', path: '/feeds/great-lakes-observer/rss.xml', title: 'Great Lakes Observer',
    description: 'Eastern Congo, the Great Lakes and southern Africa',
    group: 'Africa', format: 'rss2', language: 'en', charset: 'utf-8', contentType: UTF8_RSS,
    author: 'Observer staff, Goma', regions: ['great-lakes', 'mozambique', 'sudan'], utcOffsetMinutes: 120,
    guidStyle: 'permalink', cdataDescriptions: true,
  },
  {
    slug: 'kyiv-frontline', path: '/feeds/kyiv-frontline/atom.xml', title: 'Kyiv Frontline',
    description: 'The war in Ukraine, from the front and the rear',
    group: 'Ukraine & Europe', format: 'atom', language: 'en', charset: 'utf-8', contentType: UTF8_ATOM,
    author: 'Kyiv Frontline', regions: ['ukraine'], utcOffsetMinutes: 120, guidStyle: 'tag',
  },
  {
    slug: 'hindu-kush-report', path: '/feeds/hindu-kush-report/feed.atom', title: 'Hindu Kush Report',
    description: 'Afghanistan and Pakistan',
    group: 'Asia', format: 'atom', language: 'en', charset: 'utf-8', contentType: UTF8_ATOM,
    author: 'Hindu Kush Report', regions: ['afpak'], utcOffsetMinutes: 270, guidStyle: 'permalink',
  },
  {
    slug: 'salween-post', path: '/feeds/salween-post/feed.json', title: 'Salween Post',
    description: 'Myanmar and its borderlands',
    group: 'Asia', format: 'json-feed', language: 'en', charset: 'utf-8', contentType: UTF8_JSON_FEED,
    author: 'Salween Post', regions: ['myanmar', 'afpak'], utcOffsetMinutes: 390, guidStyle: 'tag',
  },
  {
    slug: 'andes-caribbean-desk', path: '/feeds/andes-caribbean-desk/rss.rdf', title: 'Andes & Caribbean Security Desk',
    description: 'Haiti, Colombia and organised crime in the Americas',
    group: 'Americas', format: 'rss1', language: 'en', charset: 'utf-8', contentType: 'application/xml',
    author: 'Security Desk', regions: ['americas'], utcOffsetMinutes: -300, guidStyle: 'permalink',
  },
  {
    slug: 'meridian-wire', path: '/feeds/meridian-wire/world.xml', title: 'Meridian Wire Service',
    description: 'World conflict and security news, around the clock',
    group: 'Wire services', format: 'rss2', language: 'en', charset: 'utf-8', contentType: UTF8_RSS,
    author: 'Meridian Wire', regions: CONFLICT_REGIONS, utcOffsetMinutes: 0, guidStyle: 'tag', cdataDescriptions: true,
  },
  {
    slug: 'relief-bulletin', path: '/feeds/relief-bulletin/rss.xml', title: 'Relief Bulletin',
    description: 'Humanitarian updates: hunger, displacement, aid access and returns',
    group: 'Humanitarian', format: 'rss2', language: 'en', charset: 'utf-8', contentType: UTF8_RSS,
    author: 'Relief Bulletin editors', topics: HUMANITARIAN_TOPICS, utcOffsetMinutes: 60, guidStyle: 'permalink',
  },
  {
    slug: 'metro-ledger', path: '/feeds/metro-ledger/rss.xml', title: 'The Metro Ledger',
    description: 'News, sport, business and culture',
    group: 'General news', format: 'rss2', language: 'en', charset: 'utf-8', contentType: UTF8_RSS,
    author: 'Metro Ledger', regions: ['world', 'ukraine', 'levant'], utcOffsetMinutes: -300, guidStyle: 'permalink',
  },
  {
    slug: 'al-rafidain-news', path: '/feeds/al-rafidain/rss.xml', title: 'Al-Rafidain News (Arabic)',
    description: 'أخبار العراق وسوريا واليمن والمنطقة',
    group: 'Arabic', format: 'rss2', language: 'ar', charset: 'windows-1256',
    contentType: 'application/rss+xml; charset=windows-1256',
    author: 'الرافدين نيوز', regions: ['syria-iraq', 'yemen', 'levant', 'world'], utcOffsetMinutes: 180, guidStyle: 'permalink',
  },
  {
    slug: 'al-sham-bulletin', path: '/feeds/al-sham-bulletin/atom.xml', title: 'Al-Sham Bulletin (Arabic)',
    description: 'نشرة إخبارية عن سوريا والسودان والقرن الأفريقي',
    group: 'Arabic', format: 'atom', language: 'ar', charset: 'utf-8', contentType: UTF8_ATOM,
    author: 'نشرة الشام', utcOffsetMinutes: 180, guidStyle: 'tag',
  },
  {
    slug: 'courrier-du-sahel', path: '/feeds/courrier-du-sahel/rss.xml', title: 'Le Courrier du Sahel',
    description: 'L’actualité du Mali, du Burkina Faso et du Niger',
    // text/xml without a charset: the only encoding information is the XML declaration.
    group: 'French', format: 'rss2', language: 'fr', charset: 'iso-8859-1', contentType: 'text/xml',
    author: 'Rédaction du Courrier', regions: ['sahel', 'world'], utcOffsetMinutes: 0, guidStyle: 'permalink',
  },
  {
    slug: 'echo-des-grands-lacs', path: '/feeds/echo-des-grands-lacs/feed.json', title: 'L’Écho des Grands Lacs',
    description: 'RDC, Grands Lacs, Tchad, Haïti et monde francophone',
    group: 'French', format: 'json-feed', language: 'fr', charset: 'utf-8', contentType: UTF8_JSON_FEED,
    author: 'L’Écho', regions: ['great-lakes', 'sudan', 'americas', 'levant', 'syria-iraq'], utcOffsetMinutes: 60,
    guidStyle: 'tag',
  },
  {
    slug: 'frontier-post-mirror', path: '/feeds/frontier-post-mirror/rss.xml', title: 'Frontier Post Mirror',
    description: 'Mirror of a Peshawar news site', group: 'Asia', format: 'rss2', language: 'en', charset: 'utf-8',
    contentType: UTF8_RSS, author: 'Frontier Post Mirror', utcOffsetMinutes: 300, guidStyle: 'permalink', failing: 'http-500',
  },
  {
    slug: 'nile-valley-courier', path: '/feeds/nile-valley-courier/rss.xml', title: 'Nile Valley Courier',
    description: 'Egypt and Sudan', group: 'Africa', format: 'rss2', language: 'en', charset: 'utf-8',
    contentType: UTF8_RSS, author: 'Nile Valley Courier', utcOffsetMinutes: 120, guidStyle: 'permalink', failing: 'html-page',
  },
  {
    slug: 'caucasus-signal', path: '/feeds/caucasus-signal/rss.xml', title: 'Caucasus Signal',
    description: 'The Caucasus and the Black Sea', group: 'Ukraine & Europe', format: 'rss2', language: 'en', charset: 'utf-8',
    contentType: UTF8_RSS, author: 'Caucasus Signal', utcOffsetMinutes: 240, guidStyle: 'permalink', failing: 'never-completes',
  },
  {
    slug: 'maghreb-watch', path: '/feeds/maghreb-watch/rss.xml', title: 'Maghreb Watch',
    description: 'Libya, Tunisia, Algeria and Morocco', group: 'Africa', format: 'rss2', language: 'en', charset: 'utf-8',
    contentType: UTF8_RSS, author: 'Maghreb Watch', utcOffsetMinutes: 60, guidStyle: 'permalink', failing: 'malformed-xml',
  },
];

/** Whether a story is on this outlet's beat (language, region and topic). */
export function feedCovers(feed: SimulatedFeedDefinition, item: CorpusItem): boolean {
  if (item.lang !== feed.language) return false;
  if (feed.regions && !feed.regions.includes(item.region ?? 'world')) return false;
  if (feed.topics && !feed.topics.includes(item.topic)) return false;
  return true;
}

export interface DemoFeedSubscription {
  readonly url: string;
  readonly title: string;
  readonly group: string;
}

/**
 * What the demo app should subscribe to once the simulator listens on `baseUrl`. The broken
 * feeds are included on purpose: the demo shows how the product reports them.
 */
export function demoFeedList(baseUrl: string): DemoFeedSubscription[] {
  const base = baseUrl.replace(/\/+$/, '');
  return SIMULATED_FEED_CATALOGUE.map((feed) => ({ url: base + feed.path, title: feed.title, group: feed.group }));
}
