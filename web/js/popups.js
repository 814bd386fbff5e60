// A polygon's details: its attributes at once (from the GeoJSON's snake_case properties), then
// its versions and the upload each came from (from the history API); and the keyboard's way to
// the same details, by external id.
import { URLS, fetchJson } from './api.js';
import { element, formatArea, formatCount } from './dom.js';
import { L, map } from './map.js';
import * as state from './state.js';
import { setStatus } from './status.js';
import { HAZARD_STYLES, POPUP_OPTIONS, RELEASE_STYLES } from './styles.js';
import { showMapView } from './views.js';

function versionsUrl(iso3, kind, externalId) {
  return `${URLS.stateParties}/${encodeURIComponent(iso3)}/${kind}/${encodeURIComponent(externalId)}/versions`;
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
    ['External id', p.external_id],
    ['Classification', HAZARD_STYLES[p.classification]?.label || p.classification],
    ['State Party', state.stateName(p.state_party)],
    ['Recorded on', p.recorded_on],
    ['Valid until', p.valid_until || 'current version'],
    ['Version', p.version],
    ['Contamination', p.contamination || 'not recorded'],
    ['Evidence', p.evidence || 'not recorded'],
    ['Area', formatArea(p.area_sqm)],
  ];
}

function releaseRows(p) {
  return [
    ['External id', p.external_id],
    ['Method', RELEASE_STYLES[p.method]?.label || p.method],
    ['State Party', state.stateName(p.state_party)],
    ['Completed on', p.completed_on],
    ['Operator', p.operator || 'not reported'],
    ['Items destroyed', formatCount(p.items_destroyed)],
    ['Hazard', p.hazard_external_id ? hazardLink(p) : 'not linked'],
    ['Version', p.version],
    ['Area', formatArea(p.area_sqm)],
  ];
}

const popupContents = new WeakMap(); // layer → its popup's content, made once (Leaflet asks again on update)

/** The popup content of a drawn polygon (kind: 'hazards' or 'releases'). */
export function popupFor(layer, kind, feature) {
  if (!popupContents.has(layer)) popupContents.set(layer, featurePopup(kind, feature.properties || {}, layer));
  return popupContents.get(layer);
}

/** Attributes at once; the versions and the upload each came from follow from the history API. */
function featurePopup(kind, p, layer) {
  const heading = `${kind === 'hazards' ? 'Hazardous area' : 'Land release'} ${p.external_id ?? ''}`.trim();
  const content = popupContent(heading, kind === 'hazards' ? hazardRows(p) : releaseRows(p), p.synthetic === true);
  const history = element('section', { className: 'versions', 'data-testid': 'versions', 'aria-busy': 'true' },
    element('h4', {}, 'Versions'), element('p', { className: 'loading' }, 'Loading the versions…'));
  content.append(history);
  if (p.state_party && p.external_id) {
    loadVersions(kind, p, history, () => (layer.getPopup?.() || popupShowing(content))?.update());
  }
  return content;
}

async function loadVersions(kind, p, container, done) {
  try {
    const history = await fetchJson(versionsUrl(p.state_party, kind, p.external_id));
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

/** A version from the history API (camelCase JSON) as the GeoJSON properties of that polygon. */
function propertiesOf(history, v) {
  return {
    id: v.id,
    state_party: history.iso3,
    external_id: history.externalId,
    version: v.version,
    classification: v.classification,
    recorded_on: v.recordedOn,
    valid_until: v.validUntil,
    contamination: v.contamination,
    evidence: v.evidence,
    method: v.method,
    completed_on: v.completedOn,
    operator: v.operator,
    items_destroyed: v.itemsDestroyed,
    hazard_external_id: v.hazardExternalId,
    area_sqm: v.areaSqm,
    synthetic: v.synthetic,
  };
}

let shown = null; // {popup, asOf, found} of the polygon popup open on the map: one version, valid at asOf

map.on('popupopen', ({ popup }) => {
  const polygon = popup.getElement()?.querySelector('[data-testid=feature-popup]');
  shown = polygon ? { popup, asOf: state.asOf(), found: null } : null;
});
map.on('popupclose', ({ popup }) => {
  if (shown?.popup === popup) shown = null;
});

/**
 * Closes the polygon popup when the page's date is no longer the one it was opened at: the
 * version it shows may not be valid then. One opened by findPolygon says so in its status.
 */
export function closePopupOffDate() {
  if (!shown || shown.asOf === state.asOf()) return;
  const { popup, found } = shown;
  map.closePopup(popup);
  if (found) {
    found.status.dataset.state = '';
    found.status.textContent = `${found.externalId}: closed, since the date changed; show it again for its version then.`;
  }
}

/**
 * The keyboard's way to a polygon: its external id in the selected State Party opens the same
 * details as a click, on the map at its current version, with the focus in the popup.
 */
export async function findPolygon(kind, externalId, status) {
  status.dataset.state = '';
  const iso3 = state.selected();
  if (!iso3 || !externalId) {
    status.dataset.state = 'error';
    status.textContent = iso3 ? 'Enter an external id.' : 'Choose a State Party first.';
    return;
  }
  status.textContent = 'Looking…';
  try {
    const history = await showPolygon(iso3, kind, externalId);
    if (shown) shown.found = { status, externalId: history.externalId };
    status.textContent = `${history.externalId}: ${history.versions.length} version(s), shown on the map.`;
  } catch (err) {
    status.dataset.state = 'error';
    status.textContent = `Not found — ${err.message}`;
  }
}

/** Shows a polygon's current version on the map with its details open and focused; resolves to its history. */
async function showPolygon(iso3, kind, externalId) {
  const history = await fetchJson(versionsUrl(iso3, kind, externalId));
  const latest = history.versions[history.versions.length - 1];
  const outline = L.geoJSON(latest.geometry);
  showMapView();
  map.fitBounds(outline.getBounds(), { padding: [40, 40], maxZoom: 16 });
  const popup = L.popup(popupOptions()).setLatLng(outline.getBounds().getCenter());
  const content = featurePopup(kind, propertiesOf(history, latest), { getPopup: () => popup });
  popup.setContent(content).openOn(map);
  content.querySelector('h3').setAttribute('tabindex', '-1');
  content.querySelector('h3').focus();
  return history;
}

/** A release's hazard id as a button that opens that hazard's details, as Find a polygon does. */
function hazardLink(p) {
  const button = element('button', {
    type: 'button', className: 'link-button', 'data-testid': 'release-hazard-link',
    title: `Show hazardous area ${p.hazard_external_id}`,
  }, p.hazard_external_id);
  button.addEventListener('click', () => {
    showPolygon(p.state_party, 'hazards', p.hazard_external_id)
      .catch((err) => setStatus('error', `Could not show hazardous area ${p.hazard_external_id} — ${err.message}`));
  });
  return button;
}

/** The open popup that shows `content`, if any. */
function popupShowing(content) {
  let found = null;
  map.eachLayer((layer) => {
    if (layer instanceof L.Popup && layer.getContent()?.contains?.(content)) found = layer;
  });
  return found;
}

const OVERLAY_MARGIN = 10; // px between a popup and what is drawn over the map

/**
 * Popup options whose auto-pan keeps the popup clear of what is drawn over the map, measured
 * when it opens: the banner, status line, health notice and zoom buttons above it, the legend to
 * its right.
 */
export function popupOptions() {
  const box = map.getContainer().getBoundingClientRect();
  let top = POPUP_OPTIONS.autoPanPaddingTopLeft[1];
  let right = POPUP_OPTIONS.autoPanPaddingBottomRight[0];
  const above = document.querySelectorAll('.map-overlay > *, .leaflet-top .leaflet-control');
  for (const overlay of above) {
    const rect = overlay.getBoundingClientRect();
    if (rect.width > 0 && rect.height > 0) top = Math.max(top, rect.bottom - box.top + OVERLAY_MARGIN);
  }
  const legend = map.getContainer().querySelector('.legend');
  const rect = legend?.getBoundingClientRect();
  // from the right of the map as Leaflet sizes it, which may lag behind a page scroll bar
  if (rect && rect.width > 0) right = Math.max(right, map.getSize().x - (rect.left - box.left) + OVERLAY_MARGIN);
  return {
    ...POPUP_OPTIONS,
    autoPanPaddingTopLeft: [POPUP_OPTIONS.autoPanPaddingTopLeft[0], Math.round(top)],
    autoPanPaddingBottomRight: [Math.round(right), POPUP_OPTIONS.autoPanPaddingBottomRight[1]],
  };
}
