// "Export the view": the map layers switched on, in the view, at the date shown, as one file each
// or both in one GeoPackage (GET /api/export), fetched with the token when one is entered and downloaded under the name the
// server gives (State Party, layer and date).
import { openWithToken } from './api.js';
import { layers, map } from './map.js';
import { bboxParam } from './polygons.js';
import * as state from './state.js';

const EXPORT_URL = './api/export';

const byId = (id) => document.getElementById(id);

/**
 * The export addresses of the layers switched on, for the view, the selected State Party and the
 * date: one file per layer, or one GeoPackage holding both.
 */
export function exportUrls(format) {
  const shown = ['hazards', 'releases'].filter((name) => map.hasLayer(layers[name]));
  const files = format === 'gpkg' && shown.length > 1 ? [shown.join(',')] : shown;
  return files.map((layer) => {
    const params = new URLSearchParams({ layer, f: format });
    if (state.selected()) params.set('state_party', state.selected());
    params.set('bbox', bboxParam(map.getBounds()));
    if (state.asOf()) params.set('asOf', state.asOf());
    return `${EXPORT_URL}?${params}`;
  });
}

async function exportView(format, status) {
  const urls = exportUrls(format);
  document.body.dataset.exportUrls = urls.join(' ');
  if (urls.length === 0) {
    status.textContent = 'Switch on hazardous areas or releases in the legend to export them.';
    return;
  }
  status.textContent = 'Exporting…';
  try {
    for (const url of urls) await openWithToken(url);
    status.textContent = `Exported ${urls.length === 1 ? 'one file' : `${urls.length} files`}.`;
  } catch (err) {
    status.textContent = `Could not export — ${err.message}`;
  }
}

export function initExport() {
  const form = byId('export-form');
  const status = byId('export-status');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    exportView(byId('export-format').value, status);
  });
}
