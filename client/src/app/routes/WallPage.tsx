import { useEffect, useMemo } from 'react';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { AlertsBanner } from '../../features/alerts/components/AlertsBanner';
import { StackedVolumeChart } from '../../features/charts/components/StackedVolumeChart';
import { WorldMap } from '../../features/map/components/WorldMap';
import { digestPlaces } from '../../features/wall/api/digest';
import { useGatewayStats, useWallDigest, useWallStream } from '../../features/wall/api/wall';
import { useWallVolume } from '../../features/wall/api/wall-volume';
import { FeedsFooter } from '../../features/wall/components/FeedsFooter';
import { TopRegions } from '../../features/wall/components/TopRegions';
import { WallHeader } from '../../features/wall/components/WallHeader';
import { WallStream } from '../../features/wall/components/WallStream';
import { useKioskOptions } from '../../features/wall/hooks/useKioskOptions';
import { useRotation } from '../../features/wall/hooks/useRotation';
import { useWallFreshness } from '../../features/wall/hooks/useWallFreshness';
import { formatTime } from '../../lib/format';
import { useLiveSubscription } from '../../lib/realtime';
import { subscriptionOf } from '../../lib/story-filter';
import { useTaxonomy } from '../../lib/taxonomy';
import { useNow } from '../../lib/use-now';
import type { PlaceMarker } from '../../lib/volume';

/** `/wall`: for a screen across the room. No scrolling, no interaction; everything from the URL. */
export function WallPage() {
  const kiosk = useKioskOptions();
  const view = useRotation(kiosk.view, kiosk.rotateSeconds);
  const names = useTaxonomy();
  const now = useNow(60_000);
  const stream = useWallStream(kiosk.scope, kiosk.scopeKey);
  const digest = useWallDigest(kiosk.scope, kiosk.scopeKey);
  const volume = useWallVolume(kiosk.scope, now);
  const stats = useGatewayStats();
  const freshness = useWallFreshness(Math.max(stream.dataUpdatedAt, digest.dataUpdatedAt, volume.dataUpdatedAt));
  useLiveSubscription(subscriptionOf(kiosk.scope));

  useEffect(() => {
    document.documentElement.dataset.wallTheme = kiosk.theme;
    return () => void delete document.documentElement.dataset.wallTheme;
  }, [kiosk.theme]);

  const figures = useMemo(() => {
    if (!digest.data || !volume.data) return null;
    const places = digestPlaces(digest.data, now);
    const regions = volume.data.regions;
    // Until tagging sends places, countries at their centroids stand in for them.
    const centroids: PlaceMarker[] = regions.flatMap(({ code, count }) => {
      const region = names.taxonomy?.regions.find((item) => item.code === code);
      return region ? [{ key: code, name: region.name, country: code, lat: region.centroid[0], lon: region.centroid[1], count }] : [];
    });
    return {
      topics: volume.data.topics,
      regions,
      markers: places.length > 0 ? places : centroids,
      byCountry: places.length === 0,
      coveredFrom: digest.data.coveredFrom,
    };
  }, [digest.data, volume.data, now, names.taxonomy]);

  const coverageNote =
    figures && figures.coveredFrom > now - 23 * 3_600_000 ? `The map covers only stories since ${formatTime(figures.coveredFrom)}` : null;
  const chart = figures && (
    <StackedVolumeChart
      title="Stories per hour by topic, 24 h"
      series={figures.topics}
      labelOf={names.topic}
      variant="wall"
      emptyText="No stories in the last 24 hours."
      testId="wall-volume"
    />
  );
  const map = figures && (
    <WorldMap
      markers={figures.markers}
      labelCount={view === 'map' ? 12 : 6}
      title={figures.byCountry ? 'Stories by country, 24 h' : 'Places in the news, 24 h'}
    />
  );

  return (
    <div className={`wall wall--${kiosk.theme} wall--${view}`} data-testid="wall" data-view={view}>
      <WallHeader scope={kiosk.scope} names={names} freshness={freshness} />
      <AlertsBanner />
      <div className="wall-body">
        <WallStream stories={stream.data ?? []} loading={stream.isPending} />
        <div className="wall-figures">
          {!figures && <p className="wall-muted">{digest.isError || volume.isError ? 'Could not load the 24-hour figures; retrying.' : 'Loading 24-hour figures…'}</p>}
          {figures && view !== 'map' && (
            <section className="wall-panel wall-chart">
              <ErrorBoundary label="the volume chart">{chart}</ErrorBoundary>
            </section>
          )}
          {figures && view !== 'trends' && (
            <section className="wall-panel wall-map">
              <ErrorBoundary label="the map">{map}</ErrorBoundary>
            </section>
          )}
          {figures && view !== 'map' && <TopRegions regions={figures.regions} names={names} max={view === 'trends' ? 12 : 6} />}
        </div>
      </div>
      <FeedsFooter stats={stats} coverageNote={coverageNote} />
    </div>
  );
}
