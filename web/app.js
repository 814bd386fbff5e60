// Clearance Map page: an offline Natural Earth basemap, the States Parties, and the hazardous
// areas, releases and remaining land the server returns for the current view and date; the
// State Party panel, the deadline dashboard and the operators' upload panel. The server computes
// every number; this page only shows them.
import * as L from './node_modules/leaflet/dist/leaflet-src.esm.js';
import {
  ProblemError, fetchJson, hasToken, openWithToken, problemFrom, withAsOf,
} from './js/api.js';
import { element, formatArea, formatCount, plural, STATUS_LABELS } from './js/dom.js';
import { renderStatePartyPanel } from './js/panel.js';
import { DeadlineDashboard } from './js/dashboard.js';
import { UploadPanel } from './js/upload.js';

const BASEMAP_URL = './node_modules/world-atlas/countries-50m.json';
const API = {
  health: './health',
  pageSettings: './page-settings',
  stateParties: './api/state-parties',
  deadlines: './api/deadlines',
  hazards: './api/hazards',
  releases: './api/releases',
};
const TILE_URL_KEY = 'clearance-map.tileUrl';

/** Polygons are requested only from this zoom on, unless a State Party is selected. */
const MIN_POLYGON_ZOOM = 6;
const LOAD_DEBOUNCE_MS = 300;
const HEALTH_POLL_MS = 30_000;
/** Shortest time one year stays on screen while playing. */
const PLAY_STEP_MS = 1200;
const HINT = 'zoom in or choose a State Party to see polygons';

// ISO 3166-1 alpha-3 → numeric, the ids world-atlas gives Natural Earth countries
// (from Debian iso-codes 4.15). Kept whole so a State Party added later still gets its outline.
const ISO_NUMERIC = new Map(`
  ABW533 AFG004 AGO024 AIA660 ALA248 ALB008 AND020 ARE784 ARG032 ARM051 ASM016 ATA010 ATF260
  ATG028 AUS036 AUT040 AZE031 BDI108 BEL056 BEN204 BES535 BFA854 BGD050 BGR100 BHR048 BHS044
  BIH070 BLM652 BLR112 BLZ084 BMU060 BOL068 BRA076 BRB052 BRN096 BTN064 BVT074 BWA072 CAF140
  CAN124 CCK166 CHE756 CHL152 CHN156 CIV384 CMR120 COD180 COG178 COK184 COL170 COM174 CPV132
  CRI188 CUB192 CUW531 CXR162 CYM136 CYP196 CZE203 DEU276 DJI262 DMA212 DNK208 DOM214 DZA012
  ECU218 EGY818 ERI232 ESH732 ESP724 EST233 ETH231 FIN246 FJI242 FLK238 FRA250 FRO234 FSM583
  GAB266 GBR826 GEO268 GGY831 GHA288 GIB292 GIN324 GLP312 GMB270 GNB624 GNQ226 GRC300 GRD308
  GRL304 GTM320 GUF254 GUM316 GUY328 HKG344 HMD334 HND340 HRV191 HTI332 HUN348 IDN360 IMN833
  IND356 IOT086 IRL372 IRN364 IRQ368 ISL352 ISR376 ITA380 JAM388 JEY832 JOR400 JPN392 KAZ398
  KEN404 KGZ417 KHM116 KIR296 KNA659 KOR410 KWT414 LAO418 LBN422 LBR430 LBY434 LCA662 LIE438
  LKA144 LSO426 LTU440 LUX442 LVA428 MAC446 MAF663 MAR504 MCO492 MDA498 MDG450 MDV462 MEX484
  MHL584 MKD807 MLI466 MLT470 MMR104 MNE499 MNG496 MNP580 MOZ508 MRT478 MSR500 MTQ474 MUS480
  MWI454 MYS458 MYT175 NAM516 NCL540 NER562 NFK574 NGA566 NIC558 NIU570 NLD528 NOR578 NPL524
  NRU520 NZL554 OMN512 PAK586 PAN591 PCN612 PER604 PHL608 PLW585 PNG598 POL616 PRI630 PRK408
  PRT620 PRY600 PSE275 PYF258 QAT634 REU638 ROU642 RUS643 RWA646 SAU682 SDN729 SEN686 SGP702
  SGS239 SHN654 SJM744 SLB090 SLE694 SLV222 SMR674 SOM706 SPM666 SRB688 SSD728 STP678 SUR740
  SVK703 SVN705 SWE752 SWZ748 SXM534 SYC690 SYR760 TCA796 TCD148 TGO768 THA764 TJK762 TKL772
  TKM795 TLS626 TON776 TTO780 TUN788 TUR792 TUV798 TWN158 TZA834 UGA800 UKR804 UMI581 URY858
  USA840 UZB860 VAT336 VCT670 VEN862 VGB092 VIR850 VNM704 VUT548 WLF876 WSM882 YEM887 ZAF710
  ZMB894 ZWE716`.trim().split(/\s+/).map((code) => [code.slice(0, 3), code.slice(3)]));

// Natural Earth draws some territory apart from its ISO country; a State Party's obligations
// cover its whole territory as the UN recognises it, so those pieces join its outline.
const EXTRA_OUTLINE_NAMES = new Map([['SOM', ['Somaliland']]]);

// Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
const HAZARD_STYLES = {
  CHA: {
    label: 'Confirmed hazardous area (CHA)',
    style: { color: '#7a3300', weight: 1.5, fillColor: '#D55E00', fillOpacity: 0.5 },
  },
  SHA: {
    label: 'Suspected hazardous area (SHA)',
    style: { color: '#9c6b00', weight: 1.5, dashArray: '5 4', fillColor: '#E69F00', fillOpacity: 0.25 },
  },
};
const RELEASE_STYLES = {
  cancelled: {
    label: 'Cancelled (non-technical survey)',
    style: { color: '#2f7fb0', weight: 1.5, dashArray: '1 4', lineCap: 'round', fillColor: '#56B4E9', fillOpacity: 0.7 },
  },
  reduced: {
    label: 'Reduced (technical survey)',
    style: { color: '#004f7c', weight: 1.5, fillColor: '#0072B2', fillOpacity: 0.7 },
  },
  cleared: {
    label: 'Cleared (clearance)',
    style: { color: '#00664b', weight: 1.5, fillColor: '#009E73', fillOpacity: 0.75 },
  },
};
/** Remaining land (hazards minus releases): reddish purple, drawn above both, not clickable. */
const REMAINING_STYLE = { color: '#6b2750', weight: 1.2, fillColor: '#CC79A7', fillOpacity: 0.45, interactive: false };
// Keep popups clear of the banner and status line drawn over the top of the map.
const POPUP_OPTIONS = { maxWidth: 440, minWidth: 300, maxHeight: 420, autoPanPaddingTopLeft: [20, 120], autoPanPaddingBottomRight: [20, 20] };
const UNKNOWN_STYLE = { color: '#555555', weight: 1, fillColor: '#999999', fillOpacity: 0.3 };
const OUTLINE_STYLE = { color: '#333333', weight: 1.6, fill: true, fillOpacity: 0, opacity: 0.9 };
const SELECTED_OUTLINE_STYLE = { color: '#000000', weight: 3, fill: true, fillColor: '#000000', fillOpacity: 0.04, opacity: 1 };

function setStatus(kind, text) {
  dom.status.dataset.state = kind;
  dom.status.textContent = text;
}

const byId = (id) => document.getElementById(id);
const dom = {
  status: byId('status'),
  health: byId('health'),
  banner: byId('synthetic-banner'),
  bannerDetail: byId('synthetic-detail'),
  stateList: byId('state-list'),
  statesStatus: byId('states-status'),
  showAll: byId('show-all'),
  asOf: byId('as-of'),
  today: byId('today'),
  play: byId('play'),
  yearSlider: byId('year-slider'),
  yearOutput: byId('year-output'),
  controls: byId('controls'),
  partyPanel: byId('party-panel'),
  viewMap: byId('view-map'),
  viewDashboard: byId('view-dashboard'),
  dashboard: byId('dashboard'),
  dashboardStatus: byId('dashboard-status'),
  dashboardTable: byId('dashboard-table'),
  tileForm: byId('tile-form'),
  tileUrl: byId('tile-url'),
  tileClear: byId('tile-clear'),
  tileStatus: byId('tile-status'),
  tileAllowed: byId('tile-allowed'),
};

// ---------------------------------------------------------------------------------------------
// Page state: what is selected, for which date, and what is drawn

const page = {
  stateParties: [],
  byIso3: new Map(),
  outlines: new Map(), // iso3 → L.GeoJSON outline layer
  selected: null, // iso3
  detail: null, // GET /api/state-parties/{iso3} of the selected State Party at page.asOf
  asOf: '', // YYYY-MM-DD, or '' for today
  view: 'map',
  playing: false,
  controller: null, // AbortController of the polygon requests in flight
  loadTimer: null,
  pendingLoad: null, // {promise, resolve} of the next scheduled polygon load
  fitToDataOnce: false, // the selected State has no outline: fit the map to its polygons
  featuresSynthetic: false,
  sequence: { parties: 0, detail: 0, remaining: 0, dashboard: 0 },
  polygonLayers: [], // L.GeoJSON layers of hazards and releases drawn now
  loaded: null, // {bounds, key} of the polygons drawn when they are complete for that area
  remainingKey: null, // the States Parties and date of the remaining land drawn
};

const map = L.map('map', {
  preferCanvas: true, // one canvas for basemap and polygons: thousands of features stay fast
  worldCopyJump: false,
  minZoom: 2,
  maxZoom: 18,
  zoomSnap: 0.5,
}).setView([15, 20], 2);
map.attributionControl.addAttribution('Boundaries: Natural Earth (public domain), via world-atlas; shown for orientation only');
L.control.scale({ metric: true, imperial: false, position: 'bottomleft' }).addTo(map);

const basemapLayer = L.layerGroup().addTo(map);
const outlineLayer = L.layerGroup().addTo(map);
const hazardLayer = L.layerGroup().addTo(map);
const releaseLayer = L.layerGroup().addTo(map);
const remainingLayer = L.layerGroup().addTo(map);
const problemLayer = L.layerGroup().addTo(map);
let onlineTiles = null;

// ---------------------------------------------------------------------------------------------
// Basemap and State Party outlines (Natural Earth, offline)

let topology = null;
const ANTARCTICA = '010'; // no Article 4 obligations there, and Web Mercator cannot show it

async function loadBasemap() {
  if (!window.topojson) throw new ProblemError('Basemap library missing', 'topojson-client did not load');
  topology = await fetchJson(BASEMAP_URL);
  const countries = {
    type: 'GeometryCollection',
    geometries: topology.objects.countries.geometries.filter((geometry) => geometry.id !== ANTARCTICA),
  };
  const land = window.topojson.feature(topology, countries);
  for (const feature of land.features) feature.geometry = withoutAntimeridianJumps(feature.geometry);
  L.geoJSON(land, {
    interactive: false,
    style: { stroke: false, fillColor: '#dcdcd8', fillOpacity: 1 },
  }).addTo(basemapLayer);
  L.geoJSON(withoutAntimeridianJumps(window.topojson.mesh(topology, countries, (a, b) => a !== b)), {
    interactive: false,
    style: { color: '#a3a3a3', weight: 0.6, fill: false },
  }).addTo(basemapLayer);
  L.geoJSON(withoutAntimeridianJumps(window.topojson.mesh(topology, countries, (a, b) => a === b)), {
    interactive: false,
    style: { color: '#8c9aa6', weight: 0.6, fill: false },
  }).addTo(basemapLayer);
  document.body.dataset.basemap = 'ready';
}

/**
 * world-atlas stitches shapes across the antimeridian (Russia, Fiji), which is right on a sphere
 * but draws a line across the whole world on a flat map. Rings that jump are moved to one side
 * (longitudes beyond ±180 are fine for Leaflet); lines are cut at the jump.
 */
function withoutAntimeridianJumps(geometry) {
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

function outlineGeometriesFor(iso3) {
  const numeric = ISO_NUMERIC.get(iso3);
  const extraNames = EXTRA_OUTLINE_NAMES.get(iso3) || [];
  return topology.objects.countries.geometries.filter((geometry) =>
    (numeric && geometry.id === numeric) || extraNames.includes(geometry.properties?.name));
}

function drawOutlines() {
  outlineLayer.clearLayers();
  page.outlines.clear();
  if (!topology) return;
  for (const party of page.stateParties) {
    const geometries = outlineGeometriesFor(party.iso3);
    if (geometries.length === 0) continue;
    const outline = L.geoJSON(withoutAntimeridianJumps(window.topojson.merge(topology, geometries)), {
      style: () => styleForOutline(party.iso3),
    });
    outline.bindTooltip(`${party.name} (${party.iso3})`, { sticky: true });
    outline.on('click', () => selectStateParty(party.iso3, { reveal: true }));
    outline.addTo(outlineLayer);
    page.outlines.set(party.iso3, outline);
  }
}

function styleForOutline(iso3) {
  return iso3 === page.selected ? SELECTED_OUTLINE_STYLE : OUTLINE_STYLE;
}

function restyleOutlines() {
  for (const [iso3, outline] of page.outlines) outline.setStyle(styleForOutline(iso3));
}

// ---------------------------------------------------------------------------------------------
// States Parties list (figures at the chosen date)

async function loadStateParties() {
  const sequence = ++page.sequence.parties;
  dom.statesStatus.textContent = 'Loading…';
  dom.statesStatus.dataset.state = 'loading';
  try {
    const parties = await fetchJson(withAsOf(API.stateParties, page.asOf));
    if (sequence !== page.sequence.parties) return;
    const first = page.stateParties.length === 0;
    page.stateParties = [...parties].sort((a, b) => a.name.localeCompare(b.name));
    page.byIso3 = new Map(page.stateParties.map((party) => [party.iso3, party]));
    renderStateList();
    upload.setStateParties(page.stateParties, page.selected);
    if (first) setYearRange();
    dom.statesStatus.textContent = page.stateParties.length === 0
      ? 'No State Party has been recorded yet.'
      : `${plural(page.stateParties.length, 'State Party', 'States Parties')}, status as of `
        + `${page.stateParties[0]?.asOf || 'today'}; choose one for its figures.`;
    dom.statesStatus.dataset.state = 'ok';
    document.body.dataset.stateParties = String(page.stateParties.length);
  } catch (err) {
    if (sequence !== page.sequence.parties) return;
    dom.statesStatus.textContent = `Could not load the States Parties: ${err.message}`;
    dom.statesStatus.dataset.state = 'error';
    document.body.dataset.stateParties = 'error';
  }
  updateBanner();
}

function renderStateList() {
  const focused = document.activeElement?.dataset?.iso3;
  dom.stateList.replaceChildren(...page.stateParties.map((party) => {
    const extended = party.currentDeadline && party.originalDeadline
      && party.currentDeadline !== party.originalDeadline;
    const deadline = party.completedOn
      ? `Completed ${party.completedOn}`
      : party.currentDeadline
        ? `Deadline ${party.currentDeadline}${extended ? ' (extended)' : ''}`
        : 'No deadline recorded';
    const counts = [
      typeof party.hazardCount === 'number' ? plural(party.hazardCount, 'hazardous area', 'hazardous areas') : null,
      typeof party.releaseCount === 'number' ? plural(party.releaseCount, 'release', 'releases') : null,
    ].filter(Boolean).join(' · ');
    const status = party.status || 'unknown';
    const button = element('button', {
      type: 'button',
      className: 'state',
      'data-iso3': party.iso3,
      'data-testid': `state-${party.iso3}`,
      'aria-pressed': String(party.iso3 === page.selected),
    },
    element('span', { className: 'state-name' }, party.name),
    element('span', { className: 'state-iso' }, party.iso3),
    element('span', { className: 'state-deadline' }, deadline),
    element('span', { className: `status-badge status-${status}` }, STATUS_LABELS[status] || status),
    counts ? element('span', { className: 'state-counts' }, counts) : null,
    party.synthetic ? element('span', { className: 'demo-tag' }, 'synthetic demo data') : null);
    button.addEventListener('click', () => {
      if (page.selected === party.iso3) zoomToSelected();
      else selectStateParty(party.iso3);
    });
    return element('li', {}, button);
  }));
  if (focused) dom.stateList.querySelector(`[data-iso3="${focused}"]`)?.focus();
}

function selectStateParty(iso3, { reveal = false } = {}) {
  page.selected = iso3;
  for (const button of dom.stateList.querySelectorAll('button.state')) {
    const selected = button.dataset.iso3 === iso3;
    button.setAttribute('aria-pressed', String(selected));
  }
  dom.showAll.hidden = iso3 === null;
  document.body.dataset.selected = iso3 || '';
  const hash = iso3 ? `#${iso3}` : '';
  if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname + location.search);
  upload.selectStateParty(iso3);
  restyleOutlines();
  if (iso3) {
    showMapView();
    zoomToSelected();
  }
  loadDetail();
  loadRemaining();
  scheduleLoad();
  // Chosen on the map, the dashboard or by the address: bring its panel (above the list) into view.
  if (iso3 && reveal && window.matchMedia('(min-width: 901px)').matches) dom.partyPanel.scrollIntoView({ block: 'start' });
}

function zoomToSelected() {
  const outline = page.outlines.get(page.selected);
  if (outline) {
    map.fitBounds(outline.getBounds(), { padding: [24, 24], maxZoom: 10 });
  } else {
    page.fitToDataOnce = true;
  }
  scheduleLoad();
}

function fitToStateParties() {
  const bounds = L.latLngBounds([]);
  for (const outline of page.outlines.values()) bounds.extend(outline.getBounds());
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 5 });
}

// ---------------------------------------------------------------------------------------------
// The State Party panel

async function loadDetail() {
  const sequence = ++page.sequence.detail;
  const iso3 = page.selected;
  if (!iso3) {
    page.detail = null;
    dom.partyPanel.hidden = true;
    dom.partyPanel.replaceChildren();
    document.body.dataset.party = '';
    return;
  }
  dom.partyPanel.hidden = false;
  dom.partyPanel.setAttribute('aria-busy', 'true');
  document.body.dataset.party = 'loading';
  if (!page.detail || page.detail.iso3 !== iso3) {
    dom.partyPanel.replaceChildren(element('h2', { id: 'party-title' }, page.byIso3.get(iso3)?.name || iso3),
      element('p', { className: 'loading' }, 'Loading the figures…'));
  }
  try {
    const detail = await fetchJson(withAsOf(`${API.stateParties}/${encodeURIComponent(iso3)}`, page.asOf));
    if (sequence !== page.sequence.detail) return;
    page.detail = detail;
    renderStatePartyPanel(dom.partyPanel, detail, { asOf: page.asOf, onClose: () => selectStateParty(null) });
    document.body.dataset.party = iso3;
    document.body.dataset.partyAsOf = detail.asOf;
    setYearRange();
  } catch (err) {
    if (sequence !== page.sequence.detail) return;
    page.detail = null;
    document.body.dataset.party = 'error';
    dom.partyPanel.replaceChildren(element('h2', { id: 'party-title' }, page.byIso3.get(iso3)?.name || iso3),
      element('p', { className: 'error-message', role: 'alert' }, `Could not load the figures — ${err.message}`));
  } finally {
    if (sequence === page.sequence.detail) dom.partyPanel.removeAttribute('aria-busy');
  }
}

// ---------------------------------------------------------------------------------------------
// Hazardous areas and releases (bbox-limited requests), remaining land (per State Party)

function scheduleLoad(delay = LOAD_DEBOUNCE_MS) {
  clearTimeout(page.loadTimer);
  if (!page.pendingLoad) {
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    page.pendingLoad = { promise, resolve };
  }
  const pending = page.pendingLoad;
  page.loadTimer = setTimeout(() => {
    page.pendingLoad = null;
    loadPolygons().finally(pending.resolve);
  }, delay);
  return pending.promise;
}

function bboxParam(bounds) {
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
  hazardLayer.clearLayers();
  releaseLayer.clearLayers();
  page.featuresSynthetic = false;
  markDrawn(0, 0);
}

function markDrawn(hazards, releases) {
  document.body.dataset.hazardsDrawn = String(hazards);
  document.body.dataset.releasesDrawn = String(releases);
}

/** What the polygons drawn depend on besides the view. */
function loadKey() {
  return `${page.selected || ''}|${page.asOf}`;
}

/** True when the polygons drawn already cover the view (all of them, or a bbox around it, none left out). */
function drawnCoverView() {
  const loaded = page.loaded;
  if (!loaded || loaded.key !== loadKey() || page.controller) return false;
  return loaded.bounds === null || loaded.bounds.contains(map.getBounds());
}

async function loadPolygons() {
  page.loaded = null;
  page.controller?.abort();
  page.controller = null;
  if (!page.selected && map.getZoom() < MIN_POLYGON_ZOOM) {
    clearPolygons();
    updateBanner();
    setStatus('hint', HINT);
    return;
  }
  const controller = new AbortController();
  page.controller = controller;
  const params = new URLSearchParams();
  if (page.selected) params.set('state_party', page.selected);
  // a margin around the view: small pans, zooming in and a popup's auto-pan need no new request
  const bounds = map.getBounds().pad(0.3);
  if (!page.fitToDataOnce) params.set('bbox', bboxParam(bounds));
  if (page.asOf) params.set('asOf', page.asOf);
  setStatus('loading', 'Loading…');
  document.body.dataset.loading = 'true';
  try {
    const [hazards, releases] = await Promise.all([
      fetchJson(`${API.hazards}?${params}`, { signal: controller.signal }),
      fetchJson(`${API.releases}?${params}`, { signal: controller.signal }),
    ]);
    if (page.controller !== controller) return;
    drawPolygons(hazards, releases);
    const complete = hazards.limitReached !== true && releases.limitReached !== true;
    page.loaded = complete ? { bounds: params.has('bbox') ? bounds : null, key: loadKey() } : null;
  } catch (err) {
    if (err.name === 'AbortError' || page.controller !== controller) return;
    clearPolygons();
    updateBanner();
    setStatus('error', `Could not load the polygons — ${err.message}`);
  } finally {
    if (page.controller === controller) {
      page.controller = null;
      document.body.dataset.loading = 'false';
    }
  }
}

function drawPolygons(hazards, releases) {
  hazardLayer.clearLayers();
  releaseLayer.clearLayers();
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
    onEachFeature: (feature, layer) => layer.bindPopup(() => popupFor(layer, 'hazards', feature), POPUP_OPTIONS),
  }).addTo(hazardLayer);
  const releaseGeoJson = L.geoJSON({ type: 'FeatureCollection', features: releaseFeatures }, {
    style: (feature) => RELEASE_STYLES[feature.properties?.method]?.style || UNKNOWN_STYLE,
    onEachFeature: (feature, layer) => layer.bindPopup(() => popupFor(layer, 'releases', feature), POPUP_OPTIONS),
  }).addTo(releaseLayer);
  page.polygonLayers = [releaseGeoJson, hazardGeoJson];

  const hazardCount = hazardGeoJson.getLayers().length;
  const releaseCount = releaseGeoJson.getLayers().length;
  page.featuresSynthetic = [...hazardFeatures, ...releaseFeatures].some((f) => f.properties?.synthetic === true);
  updateBanner();

  const byClass = countBy(hazardFeatures, (f) => f.properties?.classification);
  const classSummary = ['CHA', 'SHA'].filter((c) => byClass[c]).map((c) => `${byClass[c]} ${c}`).join(', ');
  let text = `${plural(hazardCount, 'hazardous area', 'hazardous areas')}${classSummary ? ` (${classSummary})` : ''}`
    + ` and ${plural(releaseCount, 'release', 'releases')} drawn`;
  if (page.selected) text += ` for ${page.byIso3.get(page.selected)?.name || page.selected}`;
  text += page.asOf ? `, as of ${page.asOf}` : ', as of today';
  const limited = hazards.limitReached === true || releases.limitReached === true;
  if (limited) text += ' — limit reached — zoom in';
  setStatus(limited ? 'warning' : 'ok', text);

  if (page.fitToDataOnce) {
    page.fitToDataOnce = false;
    const bounds = hazardGeoJson.getBounds().extend(releaseGeoJson.getBounds());
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  }
  markDrawn(hazardCount, releaseCount);
  document.body.dataset.draws = String(Number(document.body.dataset.draws || 0) + 1);
  document.body.dataset.polygonsAsOf = page.asOf || 'today';
}

/**
 * The States Parties whose remaining land is drawn: the selected one, else (from the polygon zoom
 * on) those whose outline meets the view.
 */
function remainingStateParties() {
  if (page.selected) return [page.selected];
  if (map.getZoom() < MIN_POLYGON_ZOOM) return [];
  const view = map.getBounds();
  return [...page.outlines].filter(([, outline]) => outline.getBounds().intersects(view)).map(([iso3]) => iso3);
}

/** Remaining land at the date, as the server computes it for each State Party (slivers left out). */
async function loadRemaining({ force = false } = {}) {
  const parties = remainingStateParties();
  const key = `${parties.join(',')}|${page.asOf}`;
  if (!force && key === page.remainingKey && document.body.dataset.remaining !== 'error') return;
  page.remainingKey = key;
  const sequence = ++page.sequence.remaining;
  if (parties.length === 0) {
    remainingLayer.clearLayers();
    document.body.dataset.remaining = '';
    return;
  }
  document.body.dataset.remaining = 'loading';
  try {
    const features = await Promise.all(parties.map((iso3) =>
      fetchJson(withAsOf(`${API.stateParties}/${encodeURIComponent(iso3)}/remaining`, page.asOf))));
    if (sequence !== page.sequence.remaining) return;
    remainingLayer.clearLayers();
    for (const feature of features) {
      if (feature?.geometry) L.geoJSON(feature, { style: REMAINING_STYLE, interactive: false }).addTo(remainingLayer);
    }
    document.body.dataset.remaining = 'drawn';
  } catch (err) {
    if (sequence !== page.sequence.remaining) return;
    remainingLayer.clearLayers();
    document.body.dataset.remaining = 'error';
    setStatus('error', `Could not load the remaining land — ${err.message}`);
  }
}

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

function stateName(iso3) {
  const party = page.byIso3.get(iso3);
  return party ? `${party.name} (${iso3})` : iso3 || 'unknown';
}

function popupContent(heading, rows, synthetic) {
  return element('div', { className: 'feature-popup', 'data-testid': 'feature-popup' },
    element('h3', {}, heading),
    synthetic ? element('p', { className: 'popup-synthetic' }, 'SYNTHETIC DEMO DATA') : null,
    element('table', {}, element('tbody', {}, rows.map(([label, value]) =>
      element('tr', {}, element('th', { scope: 'row' }, label), element('td', {}, value ?? '—'))))));
}

function hazardRows(p) {
  return [
    ['External id', p.externalId],
    ['Classification', HAZARD_STYLES[p.classification]?.label || p.classification],
    ['State Party', stateName(p.iso3)],
    ['Recorded on', p.recordedOn],
    ['Valid until', p.validUntil || 'current version'],
    ['Version', p.version],
    ['Contamination', p.contamination || 'not recorded'],
    ['Evidence', p.evidence || 'not recorded'],
    ['Area', formatArea(p.areaSqm)],
  ];
}

function releaseRows(p) {
  return [
    ['External id', p.externalId],
    ['Method', RELEASE_STYLES[p.method]?.label || p.method],
    ['State Party', stateName(p.iso3)],
    ['Completed on', p.completedOn],
    ['Operator', p.operator || 'not reported'],
    ['Items destroyed', formatCount(p.itemsDestroyed)],
    ['Hazard', p.hazardExternalId || 'not linked'],
    ['Version', p.version],
    ['Area', formatArea(p.areaSqm)],
  ];
}

const popupContents = new WeakMap(); // layer → its popup's content, made once (Leaflet asks again on update)

function popupFor(layer, kind, feature) {
  if (!popupContents.has(layer)) popupContents.set(layer, featurePopup(kind, feature.properties || {}, layer));
  return popupContents.get(layer);
}

/** Attributes at once; the versions and the upload each came from follow from the history API. */
function featurePopup(kind, p, layer) {
  const heading = `${kind === 'hazards' ? 'Hazardous area' : 'Land release'} ${p.externalId ?? ''}`.trim();
  const content = popupContent(heading, kind === 'hazards' ? hazardRows(p) : releaseRows(p), p.synthetic === true);
  const history = element('section', { className: 'versions', 'data-testid': 'versions', 'aria-busy': 'true' },
    element('h4', {}, 'Versions'), element('p', { className: 'loading' }, 'Loading the versions…'));
  content.append(history);
  if (p.iso3 && p.externalId) loadVersions(kind, p, history, () => layer.getPopup()?.update());
  return content;
}

async function loadVersions(kind, p, container, done) {
  const url = `${API.stateParties}/${encodeURIComponent(p.iso3)}/${kind}/${encodeURIComponent(p.externalId)}/versions`;
  try {
    const history = await fetchJson(url);
    const versions = history.versions || [];
    const upload = (v) => (v.upload
      ? [element('a', { href: `./api/uploads/${v.upload.id}`, target: '_blank', rel: 'noopener', 'data-with-token': true,
        'data-testid': 'feature-upload-link' },
        v.upload.fileName || `upload ${v.upload.id}`), ` (upload ${v.upload.id}) by ${v.upload.uploadedBy}, `
        + `${String(v.upload.uploadedAt).slice(0, 10)}`]
      : 'no upload recorded');
    const uploadLink = (v) => (v.upload
      ? element('a', { href: `./api/uploads/${v.upload.id}`, target: '_blank', rel: 'noopener', 'data-with-token': true,
        title: `${v.upload.fileName || ''} by ${v.upload.uploadedBy}` }, `#${v.upload.id}`)
      : '—');
    const current = versions.find((v) => v.id === p.id);
    container.replaceChildren(
      element('h4', {}, `Versions (${versions.length})`),
      current ? element('p', { className: 'popup-upload', 'data-testid': 'feature-upload' },
        'This version came from ', upload(current), '.') : null,
      element('table', { className: 'versions-table' },
        element('thead', {}, element('tr', {}, ['v', 'Status', kind === 'hazards' ? 'Class' : 'Method',
          kind === 'hazards' ? 'Valid' : 'Completed', 'Area (m²)', 'Upload'].map((h) => element('th', { scope: 'col' }, h)))),
        element('tbody', {}, versions.map((v) => element('tr', {
          className: v.id === p.id ? 'this-version' : '', 'data-testid': 'version-row',
        },
        element('td', {}, v.version),
        element('td', {}, v.status + (v.retiredReason ? ` (${v.retiredReason})` : '')),
        element('td', {}, kind === 'hazards' ? v.classification : v.method),
        element('td', {}, kind === 'hazards' ? `${v.recordedOn} – ${v.validUntil || 'now'}` : v.completedOn),
        element('td', { className: 'num' }, formatCount(Math.round(v.areaSqm))),
        element('td', {}, uploadLink(v)))))));
  } catch (err) {
    container.replaceChildren(element('h4', {}, 'Versions'),
      element('p', { className: 'error-message', role: 'alert' }, `Could not load the versions — ${err.message}`));
  }
  container.removeAttribute('aria-busy');
  done(); // the popup resizes to its new content
}

/**
 * The keyboard's way to a polygon: its external id in the selected State Party opens the same
 * details as a click, on the map at its current version, with the focus in the popup.
 */
async function findPolygon(event) {
  event.preventDefault();
  const kind = byId('find-kind').value;
  const externalId = byId('find-id').value.trim();
  const status = byId('find-status');
  status.dataset.state = '';
  if (!page.selected || !externalId) {
    status.dataset.state = 'error';
    status.textContent = page.selected ? 'Enter an external id.' : 'Choose a State Party first.';
    return;
  }
  status.textContent = 'Looking…';
  try {
    const url = `${API.stateParties}/${encodeURIComponent(page.selected)}/${kind}/${encodeURIComponent(externalId)}/versions`;
    const history = await fetchJson(url);
    const latest = history.versions[history.versions.length - 1];
    const outline = L.geoJSON(latest.geometry);
    showMapView();
    map.fitBounds(outline.getBounds(), { padding: [40, 40], maxZoom: 16 });
    const popup = L.popup(POPUP_OPTIONS).setLatLng(outline.getBounds().getCenter());
    const content = featurePopup(kind, { ...latest, iso3: history.iso3, externalId: history.externalId }, {
      getPopup: () => popup,
    });
    popup.setContent(content).openOn(map);
    content.querySelector('h3').setAttribute('tabindex', '-1');
    content.querySelector('h3').focus();
    status.textContent = `${history.externalId}: ${history.versions.length} version(s), shown on the map.`;
  } catch (err) {
    status.dataset.state = 'error';
    status.textContent = `Not found — ${err.message}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Synthetic-data banner, legend, health

function updateBanner() {
  const syntheticStates = page.stateParties.filter((party) => party.synthetic === true);
  const show = syntheticStates.length > 0 || page.featuresSynthetic;
  dom.banner.hidden = !show;
  document.body.dataset.synthetic = String(show);
  if (!show) return;
  const names = syntheticStates.map((party) => party.name);
  dom.bannerDetail.textContent = names.length > 0
    ? ` — the mapped polygons for ${names.join(', ')} are invented for demonstration, not survey results.`
    : ' — polygons on this map are invented for demonstration, not survey results.';
}

function swatch(style) {
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '18');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const rect = document.createElementNS(svgNs, 'rect');
  const attributes = {
    x: 1.5, y: 1.5, width: 25, height: 15,
    fill: style.fill === false ? 'none' : style.fillColor || style.color,
    'fill-opacity': style.fillOpacity ?? 0.2,
    stroke: style.color,
    'stroke-width': Math.min(style.weight ?? 1, 3),
    'stroke-dasharray': style.dashArray,
    'stroke-linecap': style.lineCap,
  };
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) rect.setAttribute(name, String(value));
  }
  svg.append(rect);
  return svg;
}

function layerToggle(layer, label, testid) {
  const input = element('input', { type: 'checkbox', checked: true, 'data-testid': testid });
  input.addEventListener('change', () => {
    if (input.checked) layer.addTo(map);
    else map.removeLayer(layer);
  });
  return element('label', { className: 'layer-toggle' }, input, ' ', label);
}

const LegendControl = L.Control.extend({
  options: { position: 'bottomright' },
  onAdd() {
    const item = (style, label) => element('li', {}, swatch(style), element('span', {}, label));
    const container = element('details', { className: 'legend', 'data-testid': 'legend', open: window.innerWidth > 900 },
      element('summary', {}, 'Legend and layers'),
      element('section', { 'aria-label': 'Hazardous areas' },
        element('h4', {}, layerToggle(hazardLayer, 'Hazardous areas', 'layer-hazards')),
        element('ul', {}, Object.values(HAZARD_STYLES).map((entry) => item(entry.style, entry.label)))),
      element('section', { 'aria-label': 'Land released' },
        element('h4', {}, layerToggle(releaseLayer, 'Land released', 'layer-releases')),
        element('ul', {}, Object.values(RELEASE_STYLES).map((entry) => item(entry.style, entry.label)))),
      element('section', { 'aria-label': 'Remaining land' },
        element('h4', {}, layerToggle(remainingLayer, 'Remaining land', 'layer-remaining')),
        element('ul', {}, item(REMAINING_STYLE, 'Remaining (hazardous areas not yet released): the selected State Party, or from zoom 6'))),
      element('section', { 'aria-label': 'Boundaries' },
        element('h4', {}, 'Boundaries'),
        element('ul', {},
          item({ ...OUTLINE_STYLE, fill: false }, 'State Party'),
          item(SELECTED_OUTLINE_STYLE, 'Selected State Party'),
          item({ color: '#a3a3a3', weight: 1, fillColor: '#dcdcd8', fillOpacity: 1 }, 'Other country'))));
    L.DomEvent.disableClickPropagation(container);
    L.DomEvent.disableScrollPropagation(container);
    return container;
  },
});
new LegendControl().addTo(map);

async function checkHealth() {
  let problem = null;
  try {
    const response = await fetch(API.health, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) problem = await problemFrom(response);
  } catch (err) {
    problem = new ProblemError('Server unreachable', err.message);
  }
  dom.health.hidden = problem === null;
  document.body.dataset.health = problem === null ? 'ok' : 'failed';
  if (problem) {
    const detail = problem.detail || (problem.status === 503 ? 'the database is not available' : '');
    dom.health.textContent = `Server health check failed: ${problem.title}${detail ? ` — ${detail}` : ''}.`
      + ' The map may be incomplete.';
  }
}

// ---------------------------------------------------------------------------------------------
// The date: input, year slider, play

function currentYear() {
  return new Date().getUTCFullYear();
}

/** From the first record (the selected State's first balance year, else the earliest entry into force) to now. */
function setYearRange() {
  const years = page.detail?.yearlyBalance?.map((row) => row.year) || [];
  const eif = page.stateParties.map((party) => Number(String(party.eifDate).slice(0, 4))).filter(Number.isFinite);
  const first = years.length > 0 ? Math.min(...years) : eif.length > 0 ? Math.min(...eif) : currentYear() - 15;
  dom.yearSlider.min = String(Math.min(first, currentYear()));
  dom.yearSlider.max = String(currentYear());
  syncDateControls();
}

function syncDateControls() {
  dom.asOf.value = page.asOf;
  const year = page.asOf ? Number(page.asOf.slice(0, 4)) : currentYear();
  dom.yearSlider.value = String(year);
  dom.yearOutput.value = page.asOf ? String(year) : `${year} (today)`;
  dom.yearOutput.textContent = dom.yearOutput.value;
  dom.yearSlider.setAttribute('aria-valuetext', page.asOf ? `31 December ${year}` : `today, ${year}`);
  document.body.dataset.asOf = page.asOf || 'today';
}

/** Moves the whole page to a date ('' = today); resolves when the map and every figure follow it. */
function setAsOf(value) {
  page.asOf = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '';
  syncDateControls();
  return refreshAll();
}

function refreshAll() {
  return Promise.all([
    loadStateParties(),
    loadDetail(),
    loadRemaining({ force: true }),
    page.view === 'dashboard' ? loadDashboard() : null,
    scheduleLoad(0),
  ]);
}

function yearToDate(year) {
  return year >= currentYear() ? '' : `${year}-12-31`;
}

async function play() {
  if (page.playing) {
    stopPlaying();
    return;
  }
  page.playing = true;
  dom.play.setAttribute('aria-pressed', 'true');
  dom.play.textContent = '■ Stop';
  document.body.dataset.playing = 'true';
  const first = Number(dom.yearSlider.min);
  for (let year = first; year <= currentYear() && page.playing; year++) {
    const started = performance.now();
    await setAsOf(yearToDate(year));
    const rest = PLAY_STEP_MS - (performance.now() - started);
    if (rest > 0 && page.playing) await new Promise((resolve) => setTimeout(resolve, rest));
  }
  stopPlaying();
}

function stopPlaying() {
  page.playing = false;
  dom.play.setAttribute('aria-pressed', 'false');
  dom.play.textContent = '▶ Play';
  document.body.dataset.playing = 'false';
}

// ---------------------------------------------------------------------------------------------
// Views: map or deadline dashboard

const dashboard = new DeadlineDashboard(dom.dashboardTable, {
  onChoose: (iso3) => selectStateParty(iso3, { reveal: true }),
});

async function loadDashboard() {
  const sequence = ++page.sequence.dashboard;
  dom.dashboardStatus.dataset.state = 'loading';
  dom.dashboardStatus.textContent = 'Loading…';
  try {
    const rows = await fetchJson(withAsOf(API.deadlines, page.asOf));
    if (sequence !== page.sequence.dashboard) return;
    dashboard.show(rows);
    dom.dashboardStatus.dataset.state = 'ok';
    dom.dashboardStatus.textContent = '';
    document.body.dataset.dashboard = String(rows.length);
  } catch (err) {
    if (sequence !== page.sequence.dashboard) return;
    dom.dashboardStatus.dataset.state = 'error';
    dom.dashboardStatus.textContent = `Could not load the deadlines — ${err.message}`;
    document.body.dataset.dashboard = 'error';
  }
}

function showMapView() {
  if (page.view === 'map') return;
  page.view = 'map';
  dom.dashboard.hidden = true;
  dom.viewMap.setAttribute('aria-pressed', 'true');
  dom.viewDashboard.setAttribute('aria-pressed', 'false');
}

function showDashboard() {
  page.view = 'dashboard';
  dom.dashboard.hidden = false;
  dom.viewMap.setAttribute('aria-pressed', 'false');
  dom.viewDashboard.setAttribute('aria-pressed', 'true');
  byId('dashboard-heading').focus();
  return loadDashboard();
}

// ---------------------------------------------------------------------------------------------
// Uploads: problems as markers on the map

const upload = new UploadPanel({
  tokenForm: byId('token-form'),
  tokenInput: byId('token-input'),
  tokenForget: byId('token-forget'),
  tokenStatus: byId('token-status'),
  form: byId('upload-form'),
  stateParty: byId('upload-state'),
  kind: byId('upload-kind'),
  file: byId('upload-file'),
  check: byId('upload-check'),
  confirm: byId('upload-confirm'),
  report: byId('upload-report'),
  problems: byId('upload-problems'),
}, {
  showProblems,
  focusProblem,
  uploaded: async (iso3) => {
    showProblems([]);
    if (page.selected !== iso3) selectStateParty(iso3, { reveal: true });
    await refreshAll();
  },
  tokenChanged: () => refreshAll(),
});

const problemMarkers = new Map(); // problem index → marker

function showProblems(problems) {
  problemLayer.clearLayers();
  problemMarkers.clear();
  for (const problem of problems) {
    const [lon, lat] = problem.location;
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({ className: `problem-marker problem-marker-${problem.severity}`, html: '!', iconSize: [24, 24] }),
      title: `${problem.code}: ${problem.message}`,
      alt: `${problem.severity} ${problem.code}`,
      keyboard: true,
      riseOnHover: true,
    }).bindPopup(() => element('div', { className: 'feature-popup' },
      element('h3', {}, `${problem.severity === 'error' ? 'Problem' : 'Warning'}: ${problem.code}`),
      element('p', {}, problem.message),
      element('p', { className: 'hint' }, `Feature ${problem.feature ?? '—'}${problem.externalId ? `, ${problem.externalId}` : ''}`)));
    marker.addTo(problemLayer);
    problemMarkers.set(problem.index, marker);
  }
  document.body.dataset.problemMarkers = String(problems.length);
  if (problems.length > 0) {
    showMapView();
    const bounds = L.latLngBounds(problems.map((p) => [p.location[1], p.location[0]]));
    map.fitBounds(bounds.pad(0.5), { maxZoom: 12 });
  }
}

function focusProblem(problem) {
  showMapView();
  const [lon, lat] = problem.location;
  map.setView([lat, lon], Math.max(map.getZoom(), 14));
  problemMarkers.get(problem.index)?.openPopup();
  document.body.dataset.focusedProblem = String(problem.index);
}

// ---------------------------------------------------------------------------------------------
// Optional online basemap (off by default; the URL is kept in localStorage)

function storedTileUrl() {
  try {
    return localStorage.getItem(TILE_URL_KEY) || '';
  } catch {
    return '';
  }
}

/** The server's settings the page adapts to (GET /page-settings); none known yet: same origin only. */
const settings = { basemapTileOrigins: [] };

async function loadPageSettings() {
  try {
    const response = await fetch(API.pageSettings, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) throw await problemFrom(response);
    Object.assign(settings, await response.json());
  } catch (err) {
    settings.basemapTileOrigins = [];
    settings.failed = err.message;
  }
  const origins = settings.basemapTileOrigins || [];
  dom.tileAllowed.textContent = settings.failed
    ? `Could not ask the server which tile servers it allows (${settings.failed}); only its own are.`
    : origins.length === 0
      ? 'This server allows no online tile server: only tiles it serves itself would load.'
      : `Tile servers this server allows: ${origins.join(', ')}.`;
}

/**
 * Whether the page's Content-Security-Policy lets images load from a tile URL: relative URLs and
 * this server's origin always, otherwise only an origin of BASEMAP_TILE_ORIGINS; a listed
 * https://*.host allows the subdomains of host, as CSP does. Leaflet's {s} counts as a subdomain.
 */
function tileOriginAllowed(url) {
  let tileUrl;
  try {
    tileUrl = new URL(url.replace(/\{s\}/g, 'a').replace(/\{[a-z]+\}/gi, '0'), location.href);
  } catch {
    return false;
  }
  if (tileUrl.origin === location.origin) return true;
  return (settings.basemapTileOrigins || []).some((allowed) => {
    const wildcard = allowed.match(/^https:\/\/\*\.(.+)$/);
    if (!wildcard) return tileUrl.origin === allowed;
    const suffix = new URL(`https://${wildcard[1]}`);
    return tileUrl.protocol === 'https:' && tileUrl.port === suffix.port
      && tileUrl.hostname.endsWith(`.${suffix.hostname}`);
  });
}

function applyTileUrl(url) {
  if (onlineTiles) map.removeLayer(onlineTiles);
  onlineTiles = null;
  dom.tileUrl.value = url;
  document.body.dataset.tiles = url ? 'loading' : 'offline';
  if (!url) {
    basemapLayer.addTo(map);
    dom.tileStatus.dataset.state = 'ok';
    dom.tileStatus.textContent = 'Offline basemap (Natural Earth outlines).';
    return;
  }
  if (!tileOriginAllowed(url)) {
    basemapLayer.addTo(map);
    document.body.dataset.tiles = 'blocked';
    dom.tileStatus.dataset.state = 'error';
    dom.tileStatus.textContent = `Not loaded: the server's Content-Security-Policy would block tiles from ${
      originOf(url)}. Ask its administrator to add that origin to BASEMAP_TILE_ORIGINS, or use a listed `
      + 'tile server; the offline outlines stay.';
    return;
  }
  onlineTiles = L.tileLayer(url, { maxZoom: 19, attribution: 'Online basemap: see its provider' });
  onlineTiles.on('tileerror', () => {
    document.body.dataset.tiles = 'failed';
    dom.tileStatus.dataset.state = 'error';
    dom.tileStatus.textContent = 'Online tiles could not be loaded (offline or a bad URL); the offline outlines stay.';
    basemapLayer.addTo(map);
  });
  onlineTiles.on('tileload', () => {
    document.body.dataset.tiles = 'loaded';
    dom.tileStatus.dataset.state = 'ok';
    dom.tileStatus.textContent = `Online basemap: ${url}`;
  });
  onlineTiles.addTo(map);
  map.removeLayer(basemapLayer);
  dom.tileStatus.dataset.state = 'loading';
  dom.tileStatus.textContent = `Loading online tiles from ${url}…`;
}

function originOf(url) {
  try {
    return new URL(url.replace(/\{[a-z]+\}/gi, '0'), location.href).origin;
  } catch {
    return url;
  }
}

dom.tileForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const url = dom.tileUrl.value.trim();
  if (url && !/^https?:\/\/.+\{z\}.*\{x\}.*\{y\}/.test(url) && !/^\.?\/.+\{z\}.*\{x\}.*\{y\}/.test(url)) {
    dom.tileStatus.dataset.state = 'error';
    dom.tileStatus.textContent = 'A tile URL needs {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png';
    return;
  }
  try {
    if (url) localStorage.setItem(TILE_URL_KEY, url);
    else localStorage.removeItem(TILE_URL_KEY);
  } catch {
    // storage disabled: the setting lasts until the page is reloaded
  }
  applyTileUrl(url);
});
dom.tileClear.addEventListener('click', () => {
  try {
    localStorage.removeItem(TILE_URL_KEY);
  } catch {
    // nothing stored
  }
  applyTileUrl('');
});

// ---------------------------------------------------------------------------------------------
// Test hook: where a place is on screen, so a browser test can click a polygon like a person

window.clearanceMap = {
  /** Shows a place at a zoom, as a person would by panning and zooming. */
  setView(lat, lon, zoom) {
    map.setView([lat, lon], zoom, { animate: false });
  },
  /** True when no polygon request is scheduled or running and the polygons drawn cover the view. */
  settled() {
    return !page.pendingLoad && !page.controller && drawnCoverView();
  },
  /** Where a place is in the map's element, in CSS pixels from its top left corner. */
  containerPoint(lat, lon) {
    const point = map.latLngToContainerPoint([lat, lon]);
    const size = map.getSize();
    return { x: point.x, y: point.y, width: size.x, height: size.y };
  },
};

// ---------------------------------------------------------------------------------------------
// Start

map.on('moveend', () => {
  if (!drawnCoverView()) scheduleLoad();
  if (!page.selected) loadRemaining();
});
dom.showAll.addEventListener('click', () => selectStateParty(null));
// Reports and upload records: with a token entered, fetched with it and opened from a blob: URL
// (a plain link would go without it). Capturing, so that no panel or popup can stop it first.
document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[data-with-token]');
  if (!link || !hasToken() || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  document.body.dataset.opening = link.href;
  // a tab to show it in, opened now while the click still counts (see openWithToken)
  const tab = link.target === '_blank' && !link.dataset.fileName ? window.open('', '_blank') : null;
  if (tab) {
    tab.document.title = 'Loading…';
    tab.document.body.textContent = `Loading ${link.textContent}…`;
  }
  openWithToken(link.href, { fileName: link.dataset.fileName, tab })
    .then(() => { document.body.dataset.opened = link.href; })
    .catch((err) => {
      document.body.dataset.opened = 'failed';
      setStatus('error', `Could not open “${link.textContent}” — ${err.message}`);
    });
}, true);
dom.controls.addEventListener('submit', (event) => event.preventDefault());
dom.asOf.addEventListener('change', () => {
  if (dom.asOf.value === '' || /^\d{4}-\d{2}-\d{2}$/.test(dom.asOf.value)) setAsOf(dom.asOf.value);
});
dom.today.addEventListener('click', () => setAsOf(''));
dom.yearSlider.addEventListener('input', () => {
  dom.yearOutput.value = dom.yearSlider.value;
  dom.yearOutput.textContent = dom.yearSlider.value;
});
dom.yearSlider.addEventListener('change', () => setAsOf(yearToDate(Number(dom.yearSlider.value))));
dom.play.addEventListener('click', play);
byId('find-form').addEventListener('submit', findPolygon);
dom.viewMap.addEventListener('click', () => {
  showMapView();
  map.getContainer().focus();
});
dom.viewDashboard.addEventListener('click', showDashboard);
byId('dashboard-close').addEventListener('click', () => {
  showMapView();
  dom.viewDashboard.focus();
});
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  if (page.playing) stopPlaying();
  else if (page.view === 'dashboard') showMapView();
  else if (page.selected && !map.getContainer().querySelector('.leaflet-popup')) selectStateParty(null);
});

function isoFromHash() {
  const code = decodeURIComponent(location.hash.slice(1)).toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

async function start() {
  setStatus('loading', 'Loading…');
  markDrawn(0, 0);
  syncDateControls();
  checkHealth();
  setInterval(checkHealth, HEALTH_POLL_MS);
  loadPageSettings().then(() => applyTileUrl(storedTileUrl()));
  await upload.restore();
  const [basemap] = await Promise.allSettled([
    loadBasemap().catch((err) => {
      document.body.dataset.basemap = 'failed';
      throw err;
    }),
    loadStateParties(),
  ]);
  drawOutlines();
  const wanted = isoFromHash();
  if (wanted && page.byIso3.has(wanted)) {
    selectStateParty(wanted, { reveal: true });
  } else {
    fitToStateParties();
    scheduleLoad(0);
  }
  if (basemap.status === 'rejected') {
    // Polygons still load; say plainly why the background is empty.
    const message = `Basemap not loaded — ${basemap.reason.message}`;
    map.attributionControl.addAttribution(message);
    dom.statesStatus.after(element('p', { className: 'basemap-error', role: 'alert' }, message));
  }
}

start();
