import { geoEqualEarth, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';

/**
 * Country outlines from the bundled world-atlas 110m TopoJSON (no tile server), projected once
 * per page load: the SVG paths never change, only the markers do.
 */
export const MAP_WIDTH = 1000;
export const MAP_HEIGHT = 480;

export interface WorldShapes {
  projection: GeoProjection;
  countries: { id: string; name: string; path: string }[];
}

let shapes: WorldShapes | null = null;

export function worldShapes(): WorldShapes {
  if (shapes) return shapes;
  const collection = feature(world, world.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  // Antarctica takes a fifth of the height and never has a story; leave it out.
  const inhabited: FeatureCollection<Geometry, { name: string }> = {
    type: 'FeatureCollection',
    features: collection.features.filter((country: Feature<Geometry, { name: string }>) => String(country.id) !== '010'),
  };
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    inhabited,
  );
  const path = geoPath(projection);
  shapes = {
    projection,
    countries: inhabited.features.map((country, index) => ({
      id: String(country.id ?? index),
      name: country.properties?.name ?? '',
      path: path(country) ?? '',
    })),
  };
  return shapes;
}
