import type { Taxonomy } from '@sentinel/shared/taxonomy';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ApiRequestError, apiGet } from './api-client';
import { queryKeys } from './query-keys';

/**
 * Names for region codes and topic ids. GET /api/taxonomy may not exist on an older server:
 * then countries are named by the browser (Intl.DisplayNames) and topics by their ids.
 */
async function fetchTaxonomy(signal: AbortSignal): Promise<Taxonomy | null> {
  try {
    const taxonomy = await apiGet<Taxonomy>('/api/taxonomy', undefined, signal);
    const valid = Array.isArray(taxonomy?.regions) && Array.isArray(taxonomy.topics) && Array.isArray(taxonomy.macroRegions);
    return valid ? taxonomy : null;
  } catch (error) {
    if (error instanceof ApiRequestError && error.isNotFound) return null;
    throw error;
  }
}

export function useTaxonomyQuery() {
  return useQuery({
    queryKey: queryKeys.taxonomy,
    queryFn: ({ signal }) => fetchTaxonomy(signal),
    staleTime: 60 * 60_000,
    retry: 2,
  });
}

let regionNames: Intl.DisplayNames | null = null;
function displayRegion(code: string): string {
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

function humanise(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface TaxonomyNames {
  taxonomy: Taxonomy | null;
  region: (code: string) => string;
  topic: (id: string) => string;
  /** Known topic ids in the taxonomy's order, for filters and legends. */
  topicIds: string[];
}

export function useTaxonomy(): TaxonomyNames {
  const { data } = useTaxonomyQuery();
  return useMemo(() => {
    const taxonomy = data ?? null;
    const regions = new Map<string, string>();
    const topics = new Map<string, string>();
    for (const region of taxonomy?.regions ?? []) regions.set(region.code, region.name);
    for (const macro of taxonomy?.macroRegions ?? []) regions.set(macro.id, macro.name);
    for (const topic of taxonomy?.topics ?? []) topics.set(topic.id, topic.name);
    return {
      taxonomy,
      region: (code) => regions.get(code) ?? (/^[A-Z]{2}$/.test(code) ? displayRegion(code) : humanise(code)),
      topic: (id) => topics.get(id) ?? (id === 'none' ? 'No topic' : humanise(id)),
      topicIds: [...topics.keys()],
    };
  }, [data]);
}
