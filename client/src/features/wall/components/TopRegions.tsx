import type { VolumeCount } from '@sentinel/shared';
import { formatCount } from '../../../lib/format';
import type { TaxonomyNames } from '../../../lib/taxonomy';
import { VOLUME_COUNT_WORDS } from '../../../lib/volume';

interface TopRegionsProps {
  regions: { code: string; count: number }[];
  names: TaxonomyNames;
  max?: number;
  /** What the figures count: stories (the default) or events; the heading says which. */
  count?: VolumeCount;
}

/** Bars with the number written out; the length is a second cue, not the only one. */
export function TopRegions({ regions, names, max = 8, count = 'stories' }: TopRegionsProps) {
  const words = VOLUME_COUNT_WORDS[count];
  const top = regions.slice(0, max);
  const biggest = Math.max(1, ...top.map((region) => region.count));
  return (
    <section className="wall-panel top-regions" aria-labelledby="top-regions-heading" data-testid="top-regions">
      <h2 id="top-regions-heading" className="wall-panel__title">
        Top regions by {words.many}, 24 h
      </h2>
      {top.length === 0 ? (
        <p className="wall-muted">No tagged regions in the last 24 hours.</p>
      ) : (
        <ol className="top-regions__list">
          {top.map((region) => (
            <li key={region.code} className="top-regions__item">
              <span className="top-regions__code">{region.code}</span>
              <span className="top-regions__name">{names.region(region.code)}</span>
              <span className="top-regions__bar" aria-hidden="true">
                <span style={{ width: `${(region.count / biggest) * 100}%` }} />
              </span>
              <span className="top-regions__count">
                {formatCount(region.count)}
                <span className="visually-hidden"> {region.count === 1 ? words.one : words.many}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
