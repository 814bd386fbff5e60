// An optional online basemap, off by default: its tile URL is kept in this browser's
// localStorage, and a URL the server's Content-Security-Policy would block is refused plainly.
import { L, layers, map } from './map.js';
import { pageSettings } from './settings.js';

const TILE_URL_KEY = 'clearance-map.tileUrl';

const byId = (id) => document.getElementById(id);
const dom = {
  tileForm: byId('tile-form'),
  tileUrl: byId('tile-url'),
  tileClear: byId('tile-clear'),
  tileStatus: byId('tile-status'),
  tileAllowed: byId('tile-allowed'),
};

/** The server's settings the page adapts to (GET /page-settings); none known yet: same origin only. */
const settings = { basemapTileOrigins: [] };
let onlineTiles = null;

function storedTileUrl() {
  try {
    return localStorage.getItem(TILE_URL_KEY) || '';
  } catch {
    return '';
  }
}

async function loadPageSettings() {
  Object.assign(settings, await pageSettings());
  if (settings.failed) settings.basemapTileOrigins = [];
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
    layers.basemap.addTo(map);
    dom.tileStatus.dataset.state = 'ok';
    dom.tileStatus.textContent = 'Offline basemap (Natural Earth outlines).';
    return;
  }
  if (!tileOriginAllowed(url)) {
    layers.basemap.addTo(map);
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
    layers.basemap.addTo(map);
  });
  onlineTiles.on('tileload', () => {
    document.body.dataset.tiles = 'loaded';
    dom.tileStatus.dataset.state = 'ok';
    dom.tileStatus.textContent = `Online basemap: ${url}`;
  });
  onlineTiles.addTo(map);
  map.removeLayer(layers.basemap);
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

/** Wires the basemap settings form. */
export function initOnlineBasemap() {
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
}

/** Asks the server which tile servers it allows, then shows the stored online basemap, if any. */
export function restoreOnlineBasemap() {
  return loadPageSettings().then(() => applyTileUrl(storedTileUrl()));
}
