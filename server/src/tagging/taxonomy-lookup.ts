/** What the gateway needs to know of the taxonomy: provided by the tagging module. */
export interface TaxonomyLookup {
  /** ISO codes for a country code or macro-region id; null when unknown. */
  resolveRegion(id: string): string[] | null;
  isTopic(id: string): boolean;
  macroRegionOf(country: string): string | null;
}

export const TAXONOMY_LOOKUP = Symbol('TAXONOMY_LOOKUP');
