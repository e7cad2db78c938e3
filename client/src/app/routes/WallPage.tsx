import { useEffect, useMemo } from 'react';
import { CountSwitch } from '../../components/CountSwitch';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { AlertsBanner } from '../../features/alerts/components/AlertsBanner';
import { isClustersApiMissing, useClusterList } from '../../features/clusters/api/clusters';
import { WallEventStream } from '../../features/clusters/components/WallEventStream';
import { StackedVolumeChart } from '../../features/charts/components/StackedVolumeChart';
import { useVolumeCount } from '../../features/charts/hooks/useVolumeCount';
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
import { subscriptionOf, type StoryFilter } from '../../lib/story-filter';
import { useTaxonomy } from '../../lib/taxonomy';
import { useNow } from '../../lib/use-now';
import { VOLUME_COUNT_WORDS, type PlaceMarker } from '../../lib/volume';

/** How many events the wall lists (the panel clips what does not fit). */
const WALL_EVENTS = 50;

/** The wall's scope as an events query; null when events cannot express it (one feed or a feed group). */
function eventParamsOf(scope: StoryFilter) {
  if (scope.feedId !== null || scope.group !== null) return null;
  return { region: scope.regions, topic: scope.topics, q: scope.q || undefined, limit: WALL_EVENTS };
}

/**
 * `/wall`: for a screen across the room. No scrolling, no interaction; everything from the URL.
 * The stream lists events (one line per happening, however many outlets carry it), and the chart,
 * the map and the top regions count events too unless the link says `?count=stories` (a switch on
 * the first figure sets it for a wall opened on a desk). Counting events, the map shows countries:
 * the server counts each event once per country, while places come from the stories of the
 * digest. The story stream stays as the fallback for servers without events.
 */
export function WallPage() {
  const kiosk = useKioskOptions();
  const view = useRotation(kiosk.view, kiosk.rotateSeconds);
  const names = useTaxonomy();
  const now = useNow(60_000);
  const stream = useWallStream(kiosk.scope, kiosk.scopeKey);
  const eventParams = useMemo(() => eventParamsOf(kiosk.scope), [kiosk.scope]);
  const events = useClusterList(eventParams ?? {}, { enabled: eventParams !== null });
  // An older server without /api/clusters, or a scope events cannot express: the story stream, as before.
  const showEvents = eventParams !== null && !isClustersApiMissing(events.error);
  const digest = useWallDigest(kiosk.scope, kiosk.scopeKey);
  const [count, setCount] = useVolumeCount('events');
  const volume = useWallVolume(kiosk.scope, now, count);
  const stats = useGatewayStats();
  const freshness = useWallFreshness(Math.max(stream.dataUpdatedAt, events.dataUpdatedAt, digest.dataUpdatedAt, volume.dataUpdatedAt));
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
    // Places are counted from stories; events are counted by country on the server.
    const byPlace = volume.data.regionsCount === 'stories' && places.length > 0;
    return {
      topics: volume.data.topics,
      regions,
      regionsCount: volume.data.regionsCount,
      markers: byPlace ? places : centroids,
      byCountry: !byPlace,
      coveredFrom: digest.data.coveredFrom,
    };
  }, [digest.data, volume.data, now, names.taxonomy]);

  // Only the places come from the digest's capped window of stories; the server counts the rest.
  const coverageNote =
    figures && !figures.byCountry && figures.coveredFrom > now - 23 * 3_600_000 ? `The map covers only stories since ${formatTime(figures.coveredFrom)}` : null;
  const countSwitch = <CountSwitch value={count} onChange={setCount} label="Count on the wall's chart, map and top regions" />;
  const chart = figures && (
    <StackedVolumeChart
      title={`${VOLUME_COUNT_WORDS[figures.topics.count].label} per hour by topic, 24 h`}
      series={figures.topics}
      labelOf={names.topic}
      variant="wall"
      emptyText={`No ${VOLUME_COUNT_WORDS[figures.topics.count].many} in the last 24 hours.`}
      testId="wall-volume"
    />
  );
  const map = figures && (
    <WorldMap
      markers={figures.markers}
      labelCount={view === 'map' ? 12 : 6}
      title={figures.byCountry ? `${VOLUME_COUNT_WORDS[figures.regionsCount].label} by country, 24 h` : 'Stories by place, 24 h'}
      count={figures.regionsCount}
    />
  );

  return (
    <div className={`wall wall--${kiosk.theme} wall--${view}`} data-testid="wall" data-view={view}>
      <WallHeader scope={kiosk.scope} names={names} freshness={freshness} />
      <AlertsBanner />
      <div className="wall-body">
        {showEvents ? (
          <WallEventStream clusters={events.data ?? []} loading={events.isPending} failed={events.isError} />
        ) : (
          <WallStream stories={stream.data ?? []} loading={stream.isPending} />
        )}
        <div className="wall-figures">
          {!figures && <p className="wall-muted">{digest.isError || volume.isError ? 'Could not load the 24-hour figures; retrying.' : 'Loading 24-hour figures…'}</p>}
          {figures && view !== 'map' && (
            <section className="wall-panel wall-chart">
              {countSwitch}
              <ErrorBoundary label="the volume chart">{chart}</ErrorBoundary>
            </section>
          )}
          {figures && view !== 'trends' && (
            <section className="wall-panel wall-map">
              {view === 'map' && countSwitch}
              <ErrorBoundary label="the map">{map}</ErrorBoundary>
            </section>
          )}
          {figures && view !== 'map' && <TopRegions regions={figures.regions} names={names} max={view === 'trends' ? 12 : 6} count={figures.regionsCount} />}
        </div>
      </div>
      <FeedsFooter stats={stats} coverageNote={coverageNote} />
    </div>
  );
}
