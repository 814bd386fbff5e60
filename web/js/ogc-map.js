// The small map of the OGC API – Features pages (/ogc/... as HTML): a collection's extent
// (data-bbox: west,south,east,north in WGS 84) or the features of a page or of one feature, read
// as GeoJSON from data-features, over Natural Earth's land. The page's tables already hold every
// value; the map only shows where. It notes its state in data-state (ready, failed) and the
// number of features drawn in data-drawn.
import * as L from '../node_modules/leaflet/dist/leaflet-src.esm.js';
import { withoutAntimeridianJumps } from './antimeridian.js';
import { HAZARD_STYLES, RELEASE_STYLES } from './styles.js';

const COUNTRIES_URL = new URL('../node_modules/world-atlas/countries-110m.json', import.meta.url);
const ANTARCTICA = '010'; // Web Mercator cannot show it
const REMAINING_STYLE = { color: '#6b2750', weight: 2, fillColor: '#CC79A7', fillOpacity: 0.45 };
const EXTENT_STYLE = { color: '#0072b2', weight: 2, dashArray: '6 4', fillOpacity: 0.08 };
/** Below this size on screen (pixels across) a feature is also marked by a dot, so that it can be seen. */
const SMALL_PX = 8;

/** Hazards by classification, releases by method, as the map page draws them; remaining land in purple. */
function styleOf(feature) {
  const properties = feature.properties || {};
  const hazard = HAZARD_STYLES[properties.classification];
  if (hazard) return hazard.style;
  const release = RELEASE_STYLES[properties.method];
  if (release) return release.style;
  return REMAINING_STYLE;
}

async function drawLand(map) {
  if (!window.topojson) return;
  const response = await fetch(COUNTRIES_URL);
  if (!response.ok) return;
  const topology = await response.json();
  const countries = {
    type: 'GeometryCollection',
    geometries: topology.objects.countries.geometries.filter((geometry) => geometry.id !== ANTARCTICA),
  };
  const land = window.topojson.feature(topology, countries);
  for (const feature of land.features) feature.geometry = withoutAntimeridianJumps(feature.geometry);
  L.geoJSON(land, {
    pane: 'land', interactive: false, style: { color: '#b5b5b0', weight: 0.5, fillColor: '#dcdcd8', fillOpacity: 1 },
  }).addTo(map);
}

async function drawFeatures(map, element) {
  const response = await fetch(element.dataset.features, { headers: { Accept: 'application/geo+json' } });
  if (!response.ok) throw new Error(`The features could not be loaded for the map (HTTP ${response.status}).`);
  const data = await response.json();
  for (const feature of data.type === 'FeatureCollection' ? data.features : [data]) {
    feature.geometry = withoutAntimeridianJumps(feature.geometry);
  }
  const layer = L.geoJSON(data, { style: styleOf }).addTo(map);
  element.dataset.drawn = String(layer.getLayers().length);
  markSmallOnes(map, layer);
  return layer.getLayers().length ? layer.getBounds() : null;
}

/** A dot in the feature's colour over each feature too small to see at the zoom, in a pane of their own. */
function markSmallOnes(map, layer) {
  map.createPane('dots').style.zIndex = 450;
  const dots = L.layerGroup().addTo(map);
  const mark = () => {
    dots.clearLayers();
    for (const feature of layer.getLayers()) {
      const bounds = feature.getBounds();
      const across = map.latLngToLayerPoint(bounds.getNorthEast()).distanceTo(map.latLngToLayerPoint(bounds.getSouthWest()));
      if (across < SMALL_PX) {
        const { color, fillColor } = styleOf(feature.feature);
        L.circleMarker(bounds.getCenter(), {
          pane: 'dots', interactive: false, radius: 4, weight: 1, color, fillColor, fillOpacity: 0.9,
        }).addTo(dots);
      }
    }
  };
  map.on('zoomend', mark);
  mark();
}

function drawExtent(map, bbox) {
  const [west, south, east, north] = bbox.split(',').map(Number);
  // an extent across the antimeridian runs east from west to east + 360
  return L.rectangle([[south, west], [north, west > east ? east + 360 : east]], EXTENT_STYLE).addTo(map).getBounds();
}

async function draw(element) {
  const map = L.map(element, { minZoom: 1, maxZoom: 18, zoomSnap: 0.5, worldCopyJump: false }).setView([15, 20], 1);
  map.createPane('land').style.zIndex = 350; // below the features (overlay pane, 400)
  map.attributionControl.addAttribution('Land: Natural Earth (public domain), via world-atlas');
  L.control.scale({ metric: true, imperial: false, position: 'bottomleft' }).addTo(map);
  const land = drawLand(map).catch(() => {}); // the map reads without land, if less well
  const bounds = element.dataset.bbox ? drawExtent(map, element.dataset.bbox) : await drawFeatures(map, element);
  if (bounds && bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 14 });
  await land;
  element.dataset.state = 'ready';
}

const element = document.getElementById('ogc-map');
if (element) {
  draw(element).catch((error) => {
    element.dataset.state = 'failed';
    const problem = document.createElement('p');
    problem.className = 'map-problem';
    problem.setAttribute('role', 'status');
    problem.textContent = `${error.message} The table below lists every feature.`;
    element.after(problem);
  });
}
