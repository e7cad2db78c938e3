import type { CorroborationLevel } from '@sentinel/shared';
import { clusterFixture } from './cluster-fixture';
import { corroborationBadge, sourceCountText } from './corroboration';

describe('the corroboration badge', () => {
  it.each<[CorroborationLevel, number, string]>([
    ['single-source', 1, 'Single source'],
    ['corroborated', 3, 'Corroborated'],
    ['wire-and-others', 5, 'Wire + 4'],
    ['wire-and-others', 1, 'Wire only'],
    ['official-only', 1, 'Official only'],
    ['widely-reported', 12, 'Widely reported'],
  ])('reads %s with %i independent sources as "%s"', (level, independent, label) => {
    const cluster = clusterFixture(1, { corroboration: { level, text: 'from the server' }, sources: { outlets: independent, independent, list: [] } });
    const badge = corroborationBadge(cluster);
    expect(badge.label).toBe(label);
    expect(badge.description).toBe('from the server');
  });

  it('gives one voice and many voices different shapes, not only colours', () => {
    const shape = (level: CorroborationLevel) => corroborationBadge(clusterFixture(1, { corroboration: { level, text: '' } })).shape;
    expect(shape('single-source')).not.toBe(shape('corroborated'));
    expect(shape('official-only')).not.toBe(shape('single-source'));
  });
});

describe('the source count', () => {
  it('says how many outlets and how many of them are independent', () => {
    expect(sourceCountText({ outlets: 5, independent: 3 })).toBe('5 sources · 3 independent');
    expect(sourceCountText({ outlets: 1, independent: 1 })).toBe('1 source · 1 independent');
  });
});
