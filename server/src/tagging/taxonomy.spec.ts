import { TOPIC_IDS } from '@sentinel/shared';
import { parseTopicRules } from './topic-rules';
import { taxonomy } from './taxonomy';

describe('taxonomy', () => {
  const tax = taxonomy();
  it('lists regions with macro-regions and centroids', () => {
    const sy = tax.regions.find((r) => r.code === 'SY');
    expect(sy).toMatchObject({ name: 'Syria', macroRegion: 'middle-east' });
    expect(sy?.centroid).toHaveLength(2);
    expect(tax.regions.find((r) => r.code === 'XK')?.macroRegion).toBe('europe');
    expect(tax.regions.find((r) => r.code === 'GE')?.macroRegion).toBe('europe');
    expect(tax.regions.find((r) => r.code === 'TD')?.macroRegion).toBe('sahel-west-africa');
  });
  it('puts every region in exactly one macro-region', () => {
    const all = tax.macroRegions.flatMap((m) => m.countries);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(tax.regions.length);
  });
  it('lists the default topics, then topics an operator added', () => {
    expect(tax.topics.map((t) => t.id)).toEqual([...TOPIC_IDS]);
    const rules = parseTopicRules('topic cyber-attack\n3  ransomware\n');
    if (!rules.ok) throw new Error('rules');
    expect(taxonomy({ rules: rules.rules }).topics.map((t) => t.id)).toContain('cyber-attack');
  });
});
