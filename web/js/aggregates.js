// Contamination where its polygons are too small to see: below the zoom where they become
// legible, the server's aggregates of each State Party in view (or of the selected one) at the
// date, drawn as proportional circles: the outer one stands for the footprint (remaining and
// released), the inner one for what remains. A click gives the figures of the cell.
import { URLS, fetchJson, withAsOf } from './api.js';
import { element, formatArea, plural } from './dom.js';
import {
  AGGREGATE_PANE, L, aggregateRenderer, layers, map,
} from './map.js';
import { outlinesMeeting } from './outlines.js';
import { pageSettings } from './settings.js';
import * as state from './state.js';
import { setStatus } from './status.js';
import { AGGREGATE_FOOTPRINT_STYLE, AGGREGATE_REMAINING_STYLE, POPUP_OPTIONS, symbolRadius } from './styles.js';

let drawnKey = null; // the States Parties, date and zoom of the aggregates drawn
let sequence = 0;

/** Below the server's polygonsLegibleZoom (none known: no aggregates), the States Parties to draw. */
function aggregateStateParties(polygonsLegibleZoom) {
  if (!(map.getZoom() < polygonsLegibleZoom)) return [];
  if (state.selected()) return [state.selected()];
  return outlinesMeeting(map.getBounds());
}

function popupContent(iso3, cell) {
  const p = cell.properties;
  return element('div', { className: 'aggregate-popup', 'data-testid': 'aggregate-popup' },
    element('h3', {}, state.stateName(iso3)),
    element('p', { className: 'hint' }, `${plural(p.clusters, 'group', 'groups')} of overlapping polygons in this cell; zoom in to see them`),
    element('dl', { className: 'figures' },
      element('dt', {}, 'Remaining'), element('dd', { 'data-testid': 'aggregate-remaining' }, formatArea(p.remainingSqm)),
      element('dt', {}, 'Released'), element('dd', { 'data-testid': 'aggregate-released' }, formatArea(p.releasedSqm)),
      element('dt', {}, 'Footprint'), element('dd', {}, formatArea(p.footprintSqm))));
}

function draw(iso3, collection) {
  // the largest first, so that no circle hides a smaller one
  const cells = [...(collection?.features || [])].sort((a, b) => b.properties.footprintSqm - a.properties.footprintSqm);
  for (const cell of cells) {
    const [lon, lat] = cell.geometry?.coordinates || [];
    if (typeof lon !== 'number' || typeof lat !== 'number') continue;
    const p = cell.properties;
    const options = { pane: AGGREGATE_PANE, renderer: aggregateRenderer };
    const outer = L.circleMarker([lat, lon], {
      ...AGGREGATE_FOOTPRINT_STYLE, ...options, radius: symbolRadius(p.remainingSqm + p.releasedSqm),
    });
    outer.bindPopup(() => popupContent(iso3, cell), POPUP_OPTIONS).addTo(layers.aggregates);
    if (p.remainingSqm > 0) {
      const inner = L.circleMarker([lat, lon], {
        ...AGGREGATE_REMAINING_STYLE, ...options, radius: symbolRadius(p.remainingSqm),
      });
      inner.bindPopup(() => popupContent(iso3, cell), POPUP_OPTIONS).addTo(layers.aggregates);
    }
  }
}

/** Draws the aggregates for the view; unless forced, only when the States Parties, date or zoom changed. */
export async function loadAggregates({ force = false } = {}) {
  const parties = aggregateStateParties((await pageSettings()).polygonsLegibleZoom);
  const z = Math.max(0, Math.min(14, Math.floor(map.getZoom())));
  const key = `${parties.join(',')}|${state.asOf()}|${z}`;
  if (!force && key === drawnKey && document.body.dataset.aggregates !== 'error') return;
  drawnKey = key;
  const current = ++sequence;
  if (parties.length === 0) {
    layers.aggregates.clearLayers();
    document.body.dataset.aggregates = '';
    document.body.dataset.aggregatesDrawn = '0';
    return;
  }
  document.body.dataset.aggregates = 'loading';
  try {
    const collections = await Promise.all(parties.map((iso3) => fetchJson(withAsOf(
      `${URLS.stateParties}/${encodeURIComponent(iso3)}/aggregates?z=${z}`, state.asOf()))));
    if (current !== sequence) return;
    layers.aggregates.clearLayers();
    collections.forEach((collection, i) => draw(parties[i], collection));
    document.body.dataset.aggregatesDrawn = String(collections.reduce((n, c) => n + (c?.features?.length || 0), 0));
    document.body.dataset.aggregates = 'drawn';
  } catch (err) {
    if (current !== sequence) return;
    layers.aggregates.clearLayers();
    document.body.dataset.aggregates = 'error';
    setStatus('error', `Could not load the aggregates — ${err.message}`);
  }
}
