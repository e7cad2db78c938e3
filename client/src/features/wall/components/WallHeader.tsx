import { ConnectionBadge } from '../../../components/ConnectionBadge';
import type { Freshness } from '../../../lib/freshness';
import type { StoryFilter } from '../../../lib/story-filter';
import type { TaxonomyNames } from '../../../lib/taxonomy';
import { WallClock } from './WallClock';

function describeScope(scope: StoryFilter, names: TaxonomyNames): string {
  const parts = [
    scope.regions.length ? scope.regions.join(', ') : 'All regions',
    scope.topics.length ? scope.topics.map(names.topic).join(', ') : 'all topics',
  ];
  if (scope.q) parts.push(`“${scope.q}”`);
  return parts.join(' · ');
}

export function WallHeader({ scope, names, freshness }: { scope: StoryFilter; names: TaxonomyNames; freshness: Freshness }) {
  return (
    <header className="wall-header">
      <div className="wall-header__title">
        <h1>Sentinel Wire</h1>
        <span className="wall-header__scope">{describeScope(scope, names)}</span>
      </div>
      <ConnectionBadge freshness={freshness} className="wall-connection" />
      <WallClock />
    </header>
  );
}
