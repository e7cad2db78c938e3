import type { VolumeCount } from '@sentinel/shared';
import { memo, useMemo } from 'react';
import { formatCount } from '../../../lib/format';
import { formatCounted, type PlaceMarker } from '../../../lib/volume';
import { placeLabels } from '../hooks/labelPlacement';
import { MAP_HEIGHT, MAP_WIDTH, worldShapes } from '../hooks/worldShapes';

/** In SVG units: the map is 1000 wide, so this scales with the panel like everything else. */
const LABEL_SIZE = 26;

interface WorldMapProps {
  markers: PlaceMarker[];
  /** How many of the biggest markers get a text label. */
  labelCount?: number;
  title: string;
  /** What the markers' counts are: stories (the default) or events. */
  count?: VolumeCount;
  emptyText?: string;
}

const Countries = memo(function Countries() {
  const { countries } = worldShapes();
  return (
    <g className="world-map__countries">
      {countries.map((country) => (
        <path key={country.id} d={country.path}>
          <title>{country.name}</title>
        </path>
      ))}
    </g>
  );
});

/** Markers sized by their count of stories or events (area, not radius, grows with the count); labels name the biggest. */
export function WorldMap({ markers, labelCount = 6, title, count = 'stories', emptyText = 'No places tagged yet.' }: WorldMapProps) {
  const { projection } = worldShapes();
  const projected = useMemo(() => {
    const max = Math.max(1, ...markers.map((marker) => marker.count));
    return markers
      .map((marker) => {
        const point = projection([marker.lon, marker.lat]);
        return point ? { ...marker, x: point[0], y: point[1], r: 4 + 18 * Math.sqrt(marker.count / max) } : null;
      })
      .filter((marker): marker is PlaceMarker & { x: number; y: number; r: number } => marker !== null)
      // Big circles first so small ones stay visible on top.
      .sort((a, b) => b.r - a.r);
  }, [markers, projection]);
  const biggest = useMemo(() => [...projected].sort((a, b) => b.count - a.count), [projected]);
  const labels = useMemo(
    () =>
      placeLabels(
        biggest.map((marker) => ({ key: marker.key, x: marker.x, y: marker.y, r: marker.r, text: `${marker.name} ${formatCount(marker.count)}` })),
        LABEL_SIZE,
        labelCount,
        { width: MAP_WIDTH, height: MAP_HEIGHT },
      ),
    [biggest, labelCount],
  );
  const summary = biggest
    .slice(0, labelCount)
    .map((marker) => `${marker.name} (${marker.country}) ${formatCounted(count, marker.count)}`)
    .join(', ');

  return (
    <figure className="world-map" data-testid="world-map">
      <figcaption className="world-map__title">{title}</figcaption>
      <svg viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" aria-label={summary ? `${title}: ${summary}` : `${title}: ${emptyText}`} preserveAspectRatio="xMidYMid meet">
        <Countries />
        <g className="world-map__markers">
          {projected.map((marker) => (
            <circle key={marker.key} cx={marker.x} cy={marker.y} r={marker.r} className="world-map__marker">
              <title>{`${marker.name} (${marker.country}): ${formatCounted(count, marker.count)}`}</title>
            </circle>
          ))}
        </g>
        <g className="world-map__labels" aria-hidden="true">
          {labels.map((label) => (
            <text key={label.key} x={label.x} y={label.y} textAnchor={label.anchor}>
              {label.text}
            </text>
          ))}
        </g>
      </svg>
      {projected.length === 0 && <p className="world-map__empty muted">{emptyText}</p>}
    </figure>
  );
}
