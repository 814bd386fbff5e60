// The offline basemap: Natural Earth's countries (npm world-atlas, TopoJSON), drawn as land,
// borders and coasts; the same topology gives the State Party outlines.
import { ProblemError, fetchJson } from './api.js';
import { withoutAntimeridianJumps } from './antimeridian.js';
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
