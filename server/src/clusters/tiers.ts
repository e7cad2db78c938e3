import type { SourceTier } from '@sentinel/shared';

/**
 * Default tiers by outlet (registrable domain) for the bundled feeds and the outlets they quote;
 * every feed can override its tier (PATCH /api/feeds/:id {tier}). An outlet not listed is regional.
 */
const DEFAULT_TIERS: Readonly<Record<string, SourceTier>> = {
  'reuters.com': 'wire',
  'apnews.com': 'wire',
  'afp.com': 'wire',
  'aa.com.tr': 'wire',
  'xinhuanet.com': 'wire',
  'bbc.co.uk': 'major',
  'bbc.com': 'major',
  'bbci.co.uk': 'major',
  'aljazeera.com': 'major',
  'aljazeera.net': 'major',
  'france24.com': 'major',
  'rfi.fr': 'major',
  'theguardian.com': 'major',
  'nytimes.com': 'major',
  'washingtonpost.com': 'major',
  'dw.com': 'major',
  'lemonde.fr': 'major',
  'cnn.com': 'major',
  'news.un.org': 'official',
  'un.org': 'official',
  'reliefweb.int': 'official',
  'icrc.org': 'official',
  'state.gov': 'official',
  'gov.uk': 'official',
};

export const SOURCE_TIERS: readonly SourceTier[] = ['wire', 'major', 'regional', 'official', 'partisan', 'unverified'];

export function defaultTierOf(outlet: string): SourceTier {
  if (DEFAULT_TIERS[outlet]) return DEFAULT_TIERS[outlet];
  if (/(^|\.)gov(\.[a-z]{2})?$/.test(outlet) || outlet.endsWith('.gouv.fr')) return 'official';
  return 'regional';
}
