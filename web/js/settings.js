// The server's settings the page adapts to (GET /page-settings), asked for once: the online
// basemap origins it allows, whether reads need a token, and the zoom from which polygons are
// legible (below it the page draws aggregates, as the server's vector tiles carry them).
import { URLS, problemFrom } from './api.js';

let settings = null;

/** Resolves to the settings; when the server could not be asked, to { failed: message } (never rejects). */
export function pageSettings() {
  if (!settings) {
    settings = fetch(URLS.pageSettings, { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok) throw await problemFrom(response);
        return response.json();
      })
      .catch((err) => ({ failed: err.message }));
  }
  return settings;
}
