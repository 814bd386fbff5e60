// Clearance Map page: an offline Natural Earth basemap, the States Parties, and the hazardous
// areas, releases and remaining land the server returns for the current view and date; the
// State Party panel, the deadline dashboard and the operators' upload panel. The server computes
// every number; this page only shows them. This module wires the others (js/) together and
// starts the page; what they share is in js/state.js.
import { hasToken, openWithToken } from './js/api.js';
import { loadBasemap } from './js/basemap.js';
import { initFind } from './js/find.js';
import { initExport } from './js/export.js';
import { element } from './js/dom.js';
import { loadAggregates } from './js/aggregates.js';
import { addLegend } from './js/legend.js';
import { map } from './js/map.js';
import { drawOutlines, fitToStateParties, outlineBounds, restyleOutlines } from './js/outlines.js';
import {
  initStateParties, loadDetail, loadStateParties, markSelected, redrawDetail, revealPanel,
} from './js/parties.js';
import {
  drawnCoverView, fitNextDrawToData, markDrawn, scheduleLoad, settled,
} from './js/polygons.js';
import { closePopupOffDate } from './js/popups.js';
import { initGis } from './js/gis.js';
import { initPrint } from './js/print.js';
import { focusProblem, showProblems } from './js/problems.js';
import { initRecordForms } from './js/records.js';
import { loadRemaining } from './js/remaining.js';
import * as state from './js/state.js';
import { setStatus, watchHealth } from './js/status.js';
import { initOnlineBasemap, restoreOnlineBasemap } from './js/tiles.js';
import {
  initTimeline, isPlaying, stopPlaying, syncDateControls,
} from './js/timeline.js';
import { UploadPanel } from './js/upload.js';
import {
  initDashboard, loadShownView, redrawDashboard, showDashboard, showIndicators, showMapView,
} from './js/views.js';
import { initIndicators } from './js/lap.js';

const byId = (id) => document.getElementById(id);

addLegend();
initDashboard({ onChoose: (iso3) => selectStateParty(iso3, { reveal: true }) });
initIndicators();

const upload = new UploadPanel({
  tokenForm: byId('token-form'),
  tokenInput: byId('token-input'),
  tokenForget: byId('token-forget'),
  tokenStatus: byId('token-status'),
  form: byId('upload-form'),
  stateParty: byId('upload-state'),
  kind: byId('upload-kind'),
  file: byId('upload-file'),
  check: byId('upload-check'),
  confirm: byId('upload-confirm'),
  report: byId('upload-report'),
  problems: byId('upload-problems'),
}, {
  showProblems,
  focusProblem,
  uploaded: async (iso3) => {
    showProblems([]);
    if (state.selected() !== iso3) selectStateParty(iso3, { reveal: true });
    await refreshAll();
  },
  tokenChanged: () => refreshAll(),
});

// a coordinator's write refreshes what it changed as an upload does
initRecordForms({ written: () => refreshAll() });
initStateParties({
  choose: (iso3) => selectStateParty(iso3, { reveal: true, focus: true }),
  zoom: () => zoomToSelected(),
  close: () => selectStateParty(null),
  loaded: () => upload.setStateParties(state.stateParties(), state.selected()),
});
initTimeline({ refreshAll });
initOnlineBasemap();
initPrint();
initGis();

/**
 * Selects a State Party (null: none). The address follows: a new history entry for each choice,
 * so Back and Forward move between them; fromAddress means the address chose it and stays.
 * reveal brings its panel into view (by the list always, with focus on its heading; from
 * elsewhere beside the map only).
 */
function selectStateParty(iso3, { reveal = false, focus = false, fromAddress = false } = {}) {
  state.setSelected(iso3);
  markSelected(iso3);
  document.body.dataset.selected = iso3 || '';
  const hash = iso3 ? `#${iso3}` : '';
  if (location.hash !== hash) {
    (fromAddress ? history.replaceState : history.pushState)
      .call(history, null, '', hash || location.pathname + location.search);
  }
  upload.selectStateParty(iso3);
  restyleOutlines();
  if (iso3) {
    showMapView();
    zoomToSelected();
  }
  loadDetail();
  loadRemaining();
  loadAggregates();
  scheduleLoad();
  if (iso3 && reveal && (focus || window.matchMedia('(min-width: 901px)').matches)) revealPanel({ focus });
}

function zoomToSelected() {
  const bounds = outlineBounds(state.selected());
  if (bounds) {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 10 });
  } else {
    fitNextDrawToData();
  }
  scheduleLoad();
}

/** Reloads everything shown for the date; resolves when the map and every figure follow it. */
function refreshAll() {
  closePopupOffDate();
  return Promise.all([
    loadStateParties().then(restyleOutlines),
    loadDetail(),
    loadRemaining({ force: true }),
    loadAggregates({ force: true }),
    loadShownView(),
    scheduleLoad(0),
  ]);
}

// Test hook: where a place is on screen, so a browser test can click a polygon like a person.
window.clearanceMap = {
  /** Shows a place at a zoom, as a person would by panning and zooming. */
  setView(lat, lon, zoom) {
    map.setView([lat, lon], zoom, { animate: false });
  },
  /** True when no polygon request is scheduled or running and the polygons drawn cover the view. */
  settled,
  /** The map's zoom. */
  zoom: () => map.getZoom(),
  /** The view as minLon,minLat,maxLon,maxLat. */
  viewBbox() {
    return map.getBounds().toBBoxString();
  },
  /** Where a place is in the map's element, in CSS pixels from its top left corner. */
  containerPoint(lat, lon) {
    const point = map.latLngToContainerPoint([lat, lon]);
    const size = map.getSize();
    return { x: point.x, y: point.y, width: size.x, height: size.y };
  },
};

map.on('moveend', () => {
  if (!drawnCoverView()) scheduleLoad();
  if (!state.selected()) loadRemaining();
  loadAggregates();
});
byId('show-all').addEventListener('click', () => selectStateParty(null));
// Reports and upload records: with a token entered, fetched with it and opened from a blob: URL
// (a plain link would go without it). Capturing, so that no panel or popup can stop it first.
document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[data-with-token]');
  if (!link || !hasToken() || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  document.body.dataset.opening = link.href;
  // a tab to show it in, opened now while the click still counts (see openWithToken)
  const tab = link.target === '_blank' && !link.dataset.fileName ? window.open('', '_blank') : null;
  if (tab) {
    tab.document.title = 'Loading…';
    tab.document.body.textContent = `Loading ${link.textContent}…`;
  }
  openWithToken(link.href, { fileName: link.dataset.fileName, tab })
    .then(() => { document.body.dataset.opened = link.href; })
    .catch((err) => {
      document.body.dataset.opened = 'failed';
      setStatus('error', `Could not open “${link.textContent}” — ${err.message}`);
    });
}, true);
initFind({ choose: (iso3) => selectStateParty(iso3) });
initExport();
byId('view-map').addEventListener('click', () => {
  showMapView();
  map.getContainer().focus();
});
byId('view-dashboard').addEventListener('click', showDashboard);
byId('view-indicators').addEventListener('click', showIndicators);
byId('area-unit').value = state.areaUnit();
byId('area-unit').addEventListener('change', (event) => {
  state.setAreaUnit(event.target.value);
  redrawDetail();
  redrawDashboard();
});
byId('dashboard-close').addEventListener('click', () => {
  showMapView();
  byId('view-dashboard').focus();
});
byId('indicators-close').addEventListener('click', () => {
  showMapView();
  byId('view-indicators').focus();
});
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  if (isPlaying()) stopPlaying();
  else if (state.view() !== 'map') showMapView();
  else if (state.selected() && !map.getContainer().querySelector('.leaflet-popup')) selectStateParty(null);
});

function isoFromHash() {
  const code = decodeURIComponent(location.hash.slice(1)).toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

/** The address chose (edited, Back, Forward): select what it names; an unknown code changes nothing. */
function followAddress() {
  if (state.stateParties().length === 0) return; // start() reads the address once the list is in
  const wanted = isoFromHash();
  const iso3 = location.hash.length > 1 ? (state.stateParty(wanted) ? wanted : state.selected()) : null;
  if (iso3 !== state.selected()) selectStateParty(iso3, { reveal: true, fromAddress: true });
}
window.addEventListener('hashchange', followAddress);
window.addEventListener('popstate', followAddress);

async function start() {
  setStatus('loading', 'Loading…');
  markDrawn(0, 0);
  syncDateControls();
  watchHealth();
  restoreOnlineBasemap();
  await upload.restore();
  const [basemap] = await Promise.allSettled([
    loadBasemap().catch((err) => {
      document.body.dataset.basemap = 'failed';
      throw err;
    }),
    loadStateParties(),
  ]);
  drawOutlines((iso3) => selectStateParty(iso3, { reveal: true }));
  const wanted = isoFromHash();
  if (wanted && state.stateParty(wanted)) {
    selectStateParty(wanted, { reveal: true, fromAddress: true });
  } else {
    fitToStateParties();
    scheduleLoad(0);
  }
  if (basemap.status === 'rejected') {
    // Polygons still load; say plainly why the background is empty.
    const message = `Basemap not loaded — ${basemap.reason.message}`;
    map.attributionControl.addAttribution(message);
    byId('states-status').after(element('p', { className: 'basemap-error', role: 'alert' }, message));
  }
}

start();
