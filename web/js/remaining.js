// Remaining land at the date, as the server computes it for each State Party (slivers left out):
// the selected State Party's, else (from the polygon zoom on) that of those whose outline meets
// the view.
import { URLS, fetchJson, withAsOf } from './api.js';
import {
  L, MIN_POLYGON_ZOOM, REMAINING_PANE, layers, map, remainingRenderer,
} from './map.js';
import { outlinesMeeting } from './outlines.js';
import * as state from './state.js';
import { setStatus } from './status.js';
import { REMAINING_STYLE } from './styles.js';

let drawnKey = null; // the States Parties and date of the remaining land drawn
let sequence = 0;

function remainingStateParties() {
  if (state.selected()) return [state.selected()];
  if (map.getZoom() < MIN_POLYGON_ZOOM) return [];
  return outlinesMeeting(map.getBounds());
}

/** Draws the remaining land; unless forced, only when the States Parties or the date changed. */
export async function loadRemaining({ force = false } = {}) {
  const parties = remainingStateParties();
  const key = `${parties.join(',')}|${state.asOf()}`;
  if (!force && key === drawnKey && document.body.dataset.remaining !== 'error') return;
  drawnKey = key;
  const current = ++sequence;
  if (parties.length === 0) {
    layers.remaining.clearLayers();
    document.body.dataset.remaining = '';
    return;
  }
  document.body.dataset.remaining = 'loading';
  try {
    const features = await Promise.all(parties.map((iso3) =>
      fetchJson(withAsOf(`${URLS.stateParties}/${encodeURIComponent(iso3)}/remaining`, state.asOf()))));
    if (current !== sequence) return;
    layers.remaining.clearLayers();
    for (const feature of features) {
      if (!feature?.geometry) continue;
      L.geoJSON(feature, {
        style: REMAINING_STYLE, interactive: false, pane: REMAINING_PANE, renderer: remainingRenderer,
      }).addTo(layers.remaining);
    }
    document.body.dataset.remaining = 'drawn';
  } catch (err) {
    if (current !== sequence) return;
    layers.remaining.clearLayers();
    document.body.dataset.remaining = 'error';
    setStatus('error', `Could not load the remaining land — ${err.message}`);
  }
}
