// What a click on the polygons opens: the details of the polygon there, or, where several overlap
// (a release over its hazard), a list of every hazard and release under the click point, each
// opening its details. The popup opens once the double-click window has passed, so that a
// double-click only zooms.
import { element } from './dom.js';
import { L, layers, map } from './map.js';
import { popupFor, popupOptions } from './popups.js';
import { HAZARD_STYLES, RELEASE_STYLES } from './styles.js';

const DOUBLE_CLICK_MS = 300; // a second click within this time makes a double-click, not a popup
const KIND_LABELS = { hazards: 'Hazardous area', releases: 'Land release' };

let pendingClick = null; // the timer of a click waiting to see whether it starts a double-click
let shown = null; // {popup, polygons} of the popup open about polygons drawn now

function setPending(timer) {
  clearTimeout(pendingClick);
  pendingClick = timer;
  document.body.dataset.popupPending = String(timer !== null);
}

/** A drawn polygon (kind: 'hazards' or 'releases') opens, on a click, what lies under the click point. */
export function bindFeature(layer, kind) {
  layer.clearanceKind = kind;
  // a popup is about the polygons drawn: when one of them goes (redrawn, or its layer hidden), so does the popup
  layer.on('remove', () => {
    if (shown?.polygons.includes(layer)) map.closePopup(shown.popup);
  });
  layer.on('click', (event) => {
    L.DomEvent.stop(event); // the polygon answers: the State Party outline under it does not
    setPending(setTimeout(() => {
      setPending(null);
      openChooser(event.latlng, layer);
    }, DOUBLE_CLICK_MS));
  });
}

map.on('dblclick', () => setPending(null));

/**
 * Every polygon of the layers shown under a point, topmost first, by Leaflet's own hit test (the
 * one its canvas renderer uses to decide which polygon a click is on).
 */
function polygonsAt(latlng) {
  const point = map.latLngToLayerPoint(latlng);
  const found = [];
  for (const group of [layers.hazards, layers.releases]) {
    if (!map.hasLayer(group)) continue;
    group.eachLayer((collection) => collection.eachLayer?.((layer) => {
      if (layer.clearanceKind && layer._containsPoint?.(point)) found.push(layer);
    }));
  }
  return found.reverse();
}

function itemLabel(layer) {
  const p = layer.feature?.properties || {};
  const type = layer.clearanceKind === 'hazards'
    ? HAZARD_STYLES[p.classification]?.label || p.classification
    : RELEASE_STYLES[p.method]?.label || p.method;
  return `${KIND_LABELS[layer.clearanceKind]} ${p.external_id ?? ''}${type ? ` — ${type}` : ''}`;
}

function openChooser(latlng, clicked) {
  const found = polygonsAt(latlng);
  if (found.length === 0) found.push(clicked);
  const popup = L.popup(popupOptions()).setLatLng(latlng);
  shown = { popup, polygons: found };
  popup.on('remove', () => {
    if (shown?.popup === popup) shown = null;
  });
  if (found.length === 1) {
    popup.setContent(details(found[0], null)).openOn(map);
    return;
  }
  const list = element('div', { className: 'feature-chooser', 'data-testid': 'feature-chooser' },
    element('h3', { tabindex: '-1' }, `${found.length} polygons here`),
    element('p', { className: 'chooser-hint' }, 'Hazardous areas and releases under this point; choose one for its details.'),
    element('ul', {}, found.map((layer) => {
      const button = element('button', { type: 'button', className: 'chooser-item', 'data-testid': 'chooser-item' },
        itemLabel(layer));
      button.addEventListener('click', (event) => {
        L.DomEvent.stopPropagation(event); // the button leaves the page: the map must not take the click for its own
        const chosen = details(layer, () => {
          popup.setContent(list);
          button.focus();
        });
        popup.setContent(chosen);
        chosen.querySelector('h3').focus();
      });
      return element('li', {}, button);
    })));
  popup.setContent(list).openOn(map);
}

/** A polygon's details; with `back`, under a button back to the list it was chosen from. */
function details(layer, back) {
  const content = popupFor(layer, layer.clearanceKind, layer.feature);
  content.querySelector('h3')?.setAttribute('tabindex', '-1');
  if (!back) return content;
  const button = element('button', { type: 'button', className: 'chooser-back', 'data-testid': 'chooser-back' },
    '← All polygons here');
  button.addEventListener('click', (event) => {
    L.DomEvent.stopPropagation(event); // as for the list's buttons
    back();
  });
  return element('div', { className: 'chosen' }, button, content);
}
