// Hazardous areas and releases: requested for the view (a bbox) or the selected State Party at
// the date, drawn SHA under CHA and releases above hazards, each with its popup; the status line
// counts those in view.
import { URLS, fetchJson } from './api.js';
import { plural } from './dom.js';
import { L, MIN_POLYGON_ZOOM, layers, map } from './map.js';
import { bindFeature } from './chooser.js';
import * as state from './state.js';
import { setFeaturesSynthetic, setStatus } from './status.js';
import { HAZARD_STYLES, RELEASE_STYLES, UNKNOWN_STYLE } from './styles.js';

const LOAD_DEBOUNCE_MS = 300;
const HINT = 'zoom in or choose a State Party to see polygons';

let controller = null; // AbortController of the polygon requests in flight
let loadTimer = null;
let pendingLoad = null; // {promise, resolve} of the next scheduled polygon load
let fitToDataOnce = false; // the selected State has no outline: fit the map to its polygons
let loaded = null; // {bounds, key} of the polygons drawn when they are complete for that area

/** The next draw fits the map to the polygons (for a State Party without an outline). */
export function fitNextDrawToData() {
  fitToDataOnce = true;
}

/** Loads the polygons after `delay` ms, once for calls in between; resolves when they are drawn. */
export function scheduleLoad(delay = LOAD_DEBOUNCE_MS) {
  clearTimeout(loadTimer);
  if (!pendingLoad) {
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    pendingLoad = { promise, resolve };
  }
  const pending = pendingLoad;
  loadTimer = setTimeout(() => {
    pendingLoad = null;
    loadPolygons().finally(pending.resolve);
  }, delay);
  return pending.promise;
}

/** True when no polygon request is scheduled or running and the polygons drawn cover the view. */
export function settled() {
  return !pendingLoad && !controller && drawnCoverView();
}

export function bboxParam(bounds) {
  let west = bounds.getWest();
  let east = bounds.getEast();
  if (east - west >= 360) {
    west = -180;
    east = 180;
  } else {
    const shift = Math.floor((west + 180) / 360) * 360; // bring a panned-around view back
    west -= shift;
    east -= shift;
    if (east > 180) east = 180; // across the antimeridian: keep the western part
  }
  const south = Math.max(-90, bounds.getSouth());
  const north = Math.min(90, bounds.getNorth());
  return [west, south, east, north].map((value) => value.toFixed(6)).join(',');
}

function clearPolygons() {
  shown = null;
  layers.hazards.clearLayers();
  layers.releases.clearLayers();
  setFeaturesSynthetic(false);
  markDrawn(0, 0);
}

export function markDrawn(hazards, releases) {
  document.body.dataset.hazardsDrawn = String(hazards);
  document.body.dataset.releasesDrawn = String(releases);
}

/** What the polygons drawn depend on besides the view. */
function loadKey() {
  return `${state.selected() || ''}|${state.asOf()}`;
}

/**
 * True when the polygons drawn already cover the view: all of them, or a bbox around it with none
 * left out; or, when a layer held more than it serves, the most it serves for this view and zoom
 * (zooming in asks again, for fewer).
 */
export function drawnCoverView() {
  if (!loaded || loaded.key !== loadKey() || controller) return false;
  if (loaded.limited && loaded.zoom !== map.getZoom()) return false;
  return loaded.bounds === null || loaded.bounds.contains(map.getBounds());
}

async function loadPolygons() {
  loaded = null;
  controller?.abort();
  controller = null;
  if (!state.selected() && map.getZoom() < MIN_POLYGON_ZOOM) {
    clearPolygons();
    setStatus('hint', HINT);
    return;
  }
  const current = new AbortController();
  controller = current;
  const params = new URLSearchParams();
  if (state.selected()) params.set('state_party', state.selected());
  // a margin around the view: small pans, zooming in and a popup's auto-pan need no new request
  const bounds = map.getBounds().pad(0.3);
  if (!fitToDataOnce) params.set('bbox', bboxParam(bounds));
  if (state.asOf()) params.set('asOf', state.asOf());
  setStatus('loading', 'Loading…');
  document.body.dataset.loading = 'true';
  try {
    const [hazards, releases] = await Promise.all([
      fetchJson(`${URLS.hazards}?${params}`, { signal: current.signal }),
      fetchJson(`${URLS.releases}?${params}`, { signal: current.signal }),
    ]);
    if (controller !== current) return;
    drawPolygons(hazards, releases);
    const limited = hazards.limitReached === true || releases.limitReached === true;
    loaded = {
      bounds: params.has('bbox') ? bounds : (limited ? map.getBounds() : null), key: loadKey(), limited, zoom: map.getZoom(),
    };
  } catch (err) {
    if (err.name === 'AbortError' || controller !== current) return;
    clearPolygons();
    setStatus('error', `Could not load the polygons — ${err.message}`);
  } finally {
    if (controller === current) {
      controller = null;
      document.body.dataset.loading = 'false';
    }
  }
}

function drawPolygons(hazards, releases) {
  layers.hazards.clearLayers();
  layers.releases.clearLayers();
  const hazardFeatures = featuresOf(hazards);
  const releaseFeatures = featuresOf(releases);
  // SHA under CHA (overlaps count as CHA); releases above hazards, cleared on top.
  const hazardOrder = { SHA: 0, CHA: 1 };
  const releaseOrder = { cancelled: 0, reduced: 1, cleared: 2 };
  hazardFeatures.sort((a, b) => (hazardOrder[a.properties?.classification] ?? -1)
    - (hazardOrder[b.properties?.classification] ?? -1));
  releaseFeatures.sort((a, b) => (releaseOrder[a.properties?.method] ?? -1)
    - (releaseOrder[b.properties?.method] ?? -1));

  const hazardGeoJson = L.geoJSON({ type: 'FeatureCollection', features: hazardFeatures }, {
    style: (feature) => HAZARD_STYLES[feature.properties?.classification]?.style || UNKNOWN_STYLE,
    onEachFeature: (feature, layer) => bindFeature(layer, 'hazards'),
  }).addTo(layers.hazards);
  const releaseGeoJson = L.geoJSON({ type: 'FeatureCollection', features: releaseFeatures }, {
    style: (feature) => RELEASE_STYLES[feature.properties?.method]?.style || UNKNOWN_STYLE,
    onEachFeature: (feature, layer) => bindFeature(layer, 'releases'),
  }).addTo(layers.releases);

  const hazardCount = hazardGeoJson.getLayers().length;
  const releaseCount = releaseGeoJson.getLayers().length;
  setFeaturesSynthetic([...hazardFeatures, ...releaseFeatures].some((f) => f.properties?.synthetic === true));
  shown = {
    hazards: hazardGeoJson.getLayers(),
    releases: releaseGeoJson.getLayers(),
    limited: hazards.limitReached === true || releases.limitReached === true,
  };
  describeInView();

  if (fitToDataOnce) {
    fitToDataOnce = false;
    const bounds = hazardGeoJson.getBounds().extend(releaseGeoJson.getBounds());
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  }
  markDrawn(hazardCount, releaseCount);
  document.body.dataset.draws = String(Number(document.body.dataset.draws || 0) + 1);
  document.body.dataset.polygonsAsOf = state.asOf() || 'today';
}

let shown = null; // {hazards, releases, limited}: the polygon layers drawn, for the status line

/** A drawn polygon is in view when its bounding box meets the map's. */
function inView(polygons, view) {
  return polygons.filter((layer) => layer.getBounds().intersects(view));
}

/** The status line: the polygons in view (not all those loaded around it), at the date. */
function describeInView() {
  const view = map.getBounds();
  const hazards = inView(shown.hazards, view);
  const releases = inView(shown.releases, view);
  const byClass = countBy(hazards, (layer) => layer.feature?.properties?.classification);
  const classSummary = ['CHA', 'SHA'].filter((c) => byClass[c]).map((c) => `${byClass[c]} ${c}`).join(', ');
  let text = `${plural(hazards.length, 'hazardous area', 'hazardous areas')}${classSummary ? ` (${classSummary})` : ''}`
    + ` and ${plural(releases.length, 'release', 'releases')} in view`;
  const selected = state.selected();
  if (selected) text += ` for ${state.stateParty(selected)?.name || selected}`;
  text += state.asOf() ? `, as of ${state.asOf()}` : ', as of today';
  if (shown.limited) text += ' — limit reached — zoom in';
  setStatus(shown.limited ? 'warning' : 'ok', text);
  document.body.dataset.hazardsInView = String(hazards.length);
  document.body.dataset.releasesInView = String(releases.length);
}

// Moving within what is drawn changes what is in view; a move beyond it loads (and says so) anew.
map.on('moveend', () => {
  if (shown && drawnCoverView()) describeInView();
});

function featuresOf(collection) {
  return Array.isArray(collection?.features) ? collection.features.filter((f) => f && f.geometry) : [];
}

function countBy(items, key) {
  const counts = {};
  for (const item of items) {
    const value = key(item);
    counts[value] = (counts[value] || 0) + 1;
  }
  return counts;
}
