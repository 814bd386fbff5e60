// The State Party outlines over the basemap: each State Party's world-atlas countries, as the
// server names them in its `outline` ({ids, names}), merged into one clickable shape. Below the
// polygon zoom each one but the selected is filled by its status at the date (the server's).
import { withoutAntimeridianJumps } from './antimeridian.js';
import { countries } from './basemap.js';
import { STATUS_LABELS } from './dom.js';
import {
  L, MIN_POLYGON_ZOOM, layers, map,
} from './map.js';
import * as state from './state.js';
import {
  OUTLINE_STYLE, SELECTED_OUTLINE_STYLE, STATUS_FILLS, STATUS_FILL_OPACITY, STATUS_TILE,
} from './styles.js';

const outlines = new Map(); // iso3 → L.GeoJSON outline layer
const canvasPatterns = new Map(); // status → CanvasPattern of its fill

/** The status whose fill a State Party's outline takes: its own, or no-data when unknown. */
function fillStatus(iso3) {
  const status = state.stateParty(iso3)?.status;
  return STATUS_FILLS[status] ? status : 'no-data';
}

/** The fill of a status as a canvas pattern (the outlines are drawn on the map's canvas). */
function canvasPattern(status) {
  if (!canvasPatterns.has(status)) {
    const fill = STATUS_FILLS[status];
    const tile = document.createElement('canvas');
    tile.width = STATUS_TILE;
    tile.height = STATUS_TILE;
    const context = tile.getContext('2d');
    context.globalAlpha = STATUS_FILL_OPACITY;
    context.fillStyle = fill.color;
    context.fillRect(0, 0, STATUS_TILE, STATUS_TILE);
    context.globalAlpha = 1;
    context.strokeStyle = fill.ink;
    context.fillStyle = fill.ink;
    context.lineWidth = 1.5;
    for (const [x1, y1, x2, y2] of fill.strokes) {
      context.beginPath();
      context.moveTo(x1, y1);
      context.lineTo(x2, y2);
      context.stroke();
    }
    for (const [x, y] of fill.dots) {
      context.beginPath();
      context.arc(x, y, 1.6, 0, 2 * Math.PI);
      context.fill();
    }
    canvasPatterns.set(status, context.createPattern(tile, 'repeat'));
  }
  return canvasPatterns.get(status);
}

function filledByStatus(iso3) {
  return iso3 !== state.selected() && map.getZoom() < MIN_POLYGON_ZOOM;
}

function geometriesOf(topology, outline) {
  const ids = outline?.ids || [];
  const names = outline?.names || [];
  return topology.objects.countries.geometries.filter((geometry) =>
    ids.includes(geometry.id) || names.includes(geometry.properties?.name));
}

function styleFor(iso3) {
  if (iso3 === state.selected()) return SELECTED_OUTLINE_STYLE;
  if (!filledByStatus(iso3)) return OUTLINE_STYLE;
  return { ...OUTLINE_STYLE, fillColor: canvasPattern(fillStatus(iso3)), fillOpacity: 1 };
}

/** Notes on the page which outlines are filled, and by which status (ISO3:status, by code). */
function markFills() {
  document.body.dataset.outlineFills = [...outlines.keys()].filter(filledByStatus).sort()
    .map((iso3) => `${iso3}:${fillStatus(iso3)}`).join(',');
}

/** Draws the outline of every State Party; a click on one calls onChoose(iso3). */
export function drawOutlines(onChoose) {
  layers.outlines.clearLayers();
  outlines.clear();
  const topology = countries();
  if (!topology) return;
  for (const party of state.stateParties()) {
    const geometries = geometriesOf(topology, party.outline);
    if (geometries.length === 0) continue;
    const outline = L.geoJSON(withoutAntimeridianJumps(window.topojson.merge(topology, geometries)), {
      style: () => styleFor(party.iso3),
    });
    outline.bindTooltip(() => {
      const status = state.stateParty(party.iso3)?.status;
      return `${party.name} (${party.iso3}) — ${STATUS_LABELS[status] || status || 'no status'}`;
    }, { sticky: true });
    outline.on('click', () => onChoose(party.iso3));
    outline.addTo(layers.outlines);
    outlines.set(party.iso3, outline);
  }
  markFills();
}

/** Marks the selected State Party's outline and fills the others by their status at the date. */
export function restyleOutlines() {
  for (const [iso3, outline] of outlines) outline.setStyle(styleFor(iso3));
  markFills();
}

map.on('zoomend', restyleOutlines);

/** The bounds of a State Party's outline, or null when it has none. */
export function outlineBounds(iso3) {
  return outlines.get(iso3)?.getBounds() ?? null;
}

/** The State Parties whose outline meets these bounds. */
export function outlinesMeeting(bounds) {
  return [...outlines].filter(([, outline]) => outline.getBounds().intersects(bounds)).map(([iso3]) => iso3);
}

/** Shows every State Party's outline. */
export function fitToStateParties() {
  const bounds = L.latLngBounds([]);
  for (const outline of outlines.values()) bounds.extend(outline.getBounds());
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 5 });
}
