// The State Party outlines over the basemap: each State Party's world-atlas countries, as the
// server names them in its `outline` ({ids, names}), merged into one clickable shape.
import { countries, withoutAntimeridianJumps } from './basemap.js';
import { L, layers, map } from './map.js';
import * as state from './state.js';
import { OUTLINE_STYLE, SELECTED_OUTLINE_STYLE } from './styles.js';

const outlines = new Map(); // iso3 → L.GeoJSON outline layer

function geometriesOf(topology, outline) {
  const ids = outline?.ids || [];
  const names = outline?.names || [];
  return topology.objects.countries.geometries.filter((geometry) =>
    ids.includes(geometry.id) || names.includes(geometry.properties?.name));
}

function styleFor(iso3) {
  return iso3 === state.selected() ? SELECTED_OUTLINE_STYLE : OUTLINE_STYLE;
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
    outline.bindTooltip(`${party.name} (${party.iso3})`, { sticky: true });
    outline.on('click', () => onChoose(party.iso3));
    outline.addTo(layers.outlines);
    outlines.set(party.iso3, outline);
  }
}

/** Marks the selected State Party's outline. */
export function restyleOutlines() {
  for (const [iso3, outline] of outlines) outline.setStyle(styleFor(iso3));
}

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
