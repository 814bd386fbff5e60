// The three views: the map, the deadline dashboard over it (GET /api/deadlines at the date), or the
// Lausanne Action Plan progress report over it (lap.js). A view over the map covers the whole page.
import { URLS, fetchJson, withAsOf } from './api.js';
import { DeadlineDashboard } from './dashboard.js';
import { loadIndicators } from './lap.js';
import { loadOutreach } from './outreach.js';
import * as state from './state.js';

const byId = (id) => document.getElementById(id);
const dom = {
  dashboard: byId('dashboard'),
  status: byId('dashboard-status'),
  table: byId('dashboard-table'),
  // a view over the map covers the whole page: what lies under it is out of reach of the keyboard
  covered: ['.skip-link', 'aside.panel', '#map', '.map-overlay'].map((s) => document.querySelector(s)),
};

/** Each view: its button, the section it shows over the map (none for the map) and its heading. */
const VIEWS = {
  map: { button: byId('view-map') },
  dashboard: { button: byId('view-dashboard'), section: dom.dashboard, heading: byId('dashboard-heading') },
  indicators: { button: byId('view-indicators'), section: byId('indicators'), heading: byId('indicators-heading') },
};

let dashboard = null;
let choose = () => {};
let sequence = 0;

/** Makes the dashboard; choosing a State Party in it (or in the outreach list) calls onChoose(iso3). */
export function initDashboard({ onChoose }) {
  dashboard = new DeadlineDashboard(dom.table, { onChoose });
  choose = onChoose;
}

export async function loadDashboard() {
  const current = ++sequence;
  loadOutreach(state.asOf(), choose);
  dom.status.dataset.state = 'loading';
  dom.status.textContent = 'Loading…';
  try {
    const rows = await fetchJson(withAsOf(URLS.deadlines, state.asOf()));
    if (current !== sequence) return;
    dashboard.show(rows);
    dom.status.dataset.state = 'ok';
    dom.status.textContent = '';
    document.body.dataset.dashboard = String(rows.length);
  } catch (err) {
    if (current !== sequence) return;
    dom.status.dataset.state = 'error';
    dom.status.textContent = `Could not load the deadlines — ${err.message}`;
    document.body.dataset.dashboard = 'error';
  }
}

/** Shows the dashboard's figures again in the unit areas are shown in. */
export function redrawDashboard() {
  if (state.view() === 'dashboard' && dashboard.rows.length > 0) dashboard.render();
}

function show(name) {
  state.setView(name);
  for (const [key, view] of Object.entries(VIEWS)) {
    if (view.section) view.section.hidden = key !== name;
    view.button.setAttribute('aria-pressed', String(key === name));
  }
  for (const node of dom.covered) node.inert = name !== 'map';
  VIEWS[name].heading?.focus();
}

export function showMapView() {
  if (state.view() !== 'map') show('map');
}

export function showDashboard() {
  show('dashboard');
  return loadDashboard();
}

export function showIndicators() {
  show('indicators');
  return loadIndicators();
}

/** Reloads what the view shown over the map shows (after a write or a new date or token). */
export function loadShownView() {
  if (state.view() === 'dashboard') return loadDashboard();
  if (state.view() === 'indicators') return loadIndicators({ force: true });
  return null;
}
