import { MACRO_REGION_IDS, MACRO_REGION_NAMES, TOPICS, type Taxonomy, type TaxonomyTopic } from '@sentinel/shared';
import { Gazetteer } from './gazetteer';
import type { TopicRuleSet } from './topic-rules';

/**
 * Regions (every country the gazetteer knows, with its macro-region and centroid), macro-regions
 * and topics. Topics an operator added in the rule file are listed after the default ones, named
 * by their id.
 */
export function taxonomy(opts: { gazetteer?: Gazetteer; rules?: TopicRuleSet } = {}): Taxonomy {
  const gaz = opts.gazetteer ?? Gazetteer.default();
  const regions = [...gaz.countries.values()]
    .map((c) => ({ code: c.code, name: c.name, macroRegion: c.macroRegion, centroid: [c.lat, c.lon] as [number, number] }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const macroRegions = MACRO_REGION_IDS.map((id) => ({
    id,
    name: MACRO_REGION_NAMES[id],
    countries: regions.filter((r) => r.macroRegion === id).map((r) => r.code),
  }));
  const topics: TaxonomyTopic[] = TOPICS.map((t) => ({ id: t.id, name: t.name, description: t.description }));
  for (const section of opts.rules?.topics ?? []) {
    if (!topics.some((t) => t.id === section.id)) topics.push({ id: section.id, name: section.id, description: 'added in the topic rule file' });
  }
  return { regions, macroRegions, topics };
}
