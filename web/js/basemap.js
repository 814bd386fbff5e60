// The offline basemap: Natural Earth's countries (npm world-atlas, TopoJSON), drawn as land,
// borders and coasts; the same topology gives the State Party outlines.
import { ProblemError, fetchJson } from './api.js';
import { L, layers } from './map.js';

const BASEMAP_URL = './node_modules/world-atlas/countries-50m.json';
const ANTARCTICA = '010'; // no Article 4 obligations there, and Web Mercator cannot show it

let topology = null;

/** The world-atlas topology once loaded, else null. */
export function countries() {
  return topology;
}

export async function loadBasemap() {
  if (!window.topojson) throw new ProblemError('Basemap library missing', 'topojson-client did not load');
  topology = await fetchJson(BASEMAP_URL);
  const shown = {
    type: 'GeometryCollection',
    geometries: topology.objects.countries.geometries.filter((geometry) => geometry.id !== ANTARCTICA),
  };
  const land = window.topojson.feature(topology, shown);
  for (const feature of land.features) feature.geometry = withoutAntimeridianJumps(feature.geometry);
  L.geoJSON(land, {
    interactive: false,
    style: { stroke: false, fillColor: '#dcdcd8', fillOpacity: 1 },
  }).addTo(layers.basemap);
  L.geoJSON(withoutAntimeridianJumps(window.topojson.mesh(topology, shown, (a, b) => a !== b)), {
    interactive: false,
    style: { color: '#a3a3a3', weight: 0.6, fill: false },
  }).addTo(layers.basemap);
  L.geoJSON(withoutAntimeridianJumps(window.topojson.mesh(topology, shown, (a, b) => a === b)), {
    interactive: false,
    style: { color: '#8c9aa6', weight: 0.6, fill: false },
  }).addTo(layers.basemap);
  document.body.dataset.basemap = 'ready';
}

/**
 * world-atlas stitches shapes across the antimeridian (Russia, Fiji), which is right on a sphere
 * but draws a line across the whole world on a flat map. Rings that jump are moved to one side
 * (longitudes beyond ±180 are fine for Leaflet); lines are cut at the jump.
 */
export function withoutAntimeridianJumps(geometry) {
  if (!geometry) return geometry;
  const jumps = (points) => points.some((point, i) => i > 0 && Math.abs(point[0] - points[i - 1][0]) > 180);
  const unwrapRing = (ring) => {
    if (!jumps(ring)) return ring;
    const east = ring.filter((point) => point[0] >= 0).length >= ring.length / 2;
    return ring.map(([lon, lat]) => [east && lon < 0 ? lon + 360 : !east && lon > 0 ? lon - 360 : lon, lat]);
  };
  const splitLine = (line) => {
    const pieces = [[line[0]]];
    for (let i = 1; i < line.length; i++) {
      if (Math.abs(line[i][0] - line[i - 1][0]) > 180) pieces.push([]);
      pieces[pieces.length - 1].push(line[i]);
    }
    return pieces.filter((piece) => piece.length > 1);
  };
  switch (geometry.type) {
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map(unwrapRing) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrapRing)) };
    case 'LineString':
      return { type: 'MultiLineString', coordinates: splitLine(geometry.coordinates) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: geometry.coordinates.flatMap(splitLine) };
    default:
      return geometry;
  }
}
