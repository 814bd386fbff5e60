// The Leaflet map and its layers, bottom to top: the offline basemap, the State Party outlines,
// hazardous areas, releases, then in panes of their own above them the remaining land and the
// aggregates (below the zoom where polygons are legible), and the problems of an upload's dry run.
import * as L from '../node_modules/leaflet/dist/leaflet-src.esm.js';
import { svg } from './dom.js';

export { L };

export const map = L.map('map', {
  preferCanvas: true, // one canvas for basemap and polygons: thousands of features stay fast
  worldCopyJump: false,
  minZoom: 2,
  maxZoom: 18,
  zoomSnap: 0.5,
}).setView([15, 20], 2);
map.attributionControl.addAttribution('Boundaries: Natural Earth (public domain), via world-atlas; shown for orientation only');
L.control.scale({ metric: true, imperial: false, position: 'bottomleft' }).addTo(map);

/** Remaining land is hatched over the fills below it: its pane lies above the overlay pane and lets clicks through. */
export const REMAINING_PANE = 'remaining';
map.createPane(REMAINING_PANE).classList.add('remaining-pane');
/** Draws into the remaining pane as SVG, so its fill can be a pattern. */
export const remainingRenderer = L.svg({ pane: REMAINING_PANE });
export const REMAINING_HATCH = 'remaining-hatch';
/** The proportional symbols of the aggregates, above the remaining land; only the symbols take clicks. */
export const AGGREGATE_PANE = 'aggregates';
map.createPane(AGGREGATE_PANE).classList.add('aggregate-pane');
export const aggregateRenderer = L.svg({ pane: AGGREGATE_PANE });

// The fill patterns the map and the legend refer to by url(#id).
const patterns = svg('defs', {});
document.body.append(svg('svg', { class: 'map-patterns', width: 0, height: 0, 'aria-hidden': 'true', focusable: 'false' }, patterns));

/** Adds an SVG fill pattern `id` of a size×size tile drawn by its children, repeated in user space. */
export function addPattern(id, size, children, attributes = {}) {
  patterns.append(svg('pattern', { id, width: size, height: size, patternUnits: 'userSpaceOnUse', ...attributes }, children));
}

addPattern(REMAINING_HATCH, 8, [
  svg('rect', { width: 8, height: 8, fill: '#CC79A7', 'fill-opacity': 0.3 }),
  svg('line', { x1: 0, y1: 0, x2: 0, y2: 8, stroke: '#6b2750', 'stroke-width': 3 }),
], { patternTransform: 'rotate(45)' });

export const layers = {
  basemap: L.layerGroup().addTo(map),
  outlines: L.layerGroup().addTo(map),
  hazards: L.layerGroup().addTo(map),
  releases: L.layerGroup().addTo(map),
  remaining: L.layerGroup().addTo(map),
  aggregates: L.layerGroup().addTo(map),
  problems: L.layerGroup().addTo(map),
};

/** Polygons are requested only from this zoom on, unless a State Party is selected. */
export const MIN_POLYGON_ZOOM = 6;
