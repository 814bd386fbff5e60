// The Leaflet map and its layers, bottom to top: the offline basemap, the State Party outlines,
// hazardous areas, releases, remaining land, and the problems of an upload's dry run.
import * as L from '../node_modules/leaflet/dist/leaflet-src.esm.js';

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

export const layers = {
  basemap: L.layerGroup().addTo(map),
  outlines: L.layerGroup().addTo(map),
  hazards: L.layerGroup().addTo(map),
  releases: L.layerGroup().addTo(map),
  remaining: L.layerGroup().addTo(map),
  problems: L.layerGroup().addTo(map),
};

/** Polygons are requested only from this zoom on, unless a State Party is selected. */
export const MIN_POLYGON_ZOOM = 6;
