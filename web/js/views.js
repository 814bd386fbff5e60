// The two views: the map, or the deadline dashboard over it (GET /api/deadlines at the date).
import { URLS, fetchJson, withAsOf } from './api.js';
import { DeadlineDashboard } from './dashboard.js';
import * as state from './state.js';

const byId = (id) => document.getElementById(id);
const dom = {
  viewMap: byId('view-map'),
  viewDashboard: byId('view-dashboard'),
  dashboard: byId('dashboard'),
  heading: byId('dashboard-heading'),
  status: byId('dashboard-status'),
  table: byId('dashboard-table'),
  // the dashboard covers the whole page: what lies under it is out of reach of the keyboard
  covered: ['.skip-link', 'aside.panel', '#map', '.map-overlay'].map((s) => document.querySelector(s)),
};

let dashboard = null;
let sequence = 0;

/** Makes the dashboard; choosing a State Party in it calls onChoose(iso3). */
export function initDashboard({ onChoose }) {
  dashboard = new DeadlineDashboard(dom.table, { onChoose });
}

export async function loadDashboard() {
  const current = ++sequence;
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

function cover(covered) {
  for (const node of dom.covered) node.inert = covered;
}

export function showMapView() {
  if (state.view() === 'map') return;
  state.setView('map');
  dom.dashboard.hidden = true;
  cover(false);
  dom.viewMap.setAttribute('aria-pressed', 'true');
  dom.viewDashboard.setAttribute('aria-pressed', 'false');
}

export function showDashboard() {
  state.setView('dashboard');
  dom.dashboard.hidden = false;
  cover(true);
  dom.viewMap.setAttribute('aria-pressed', 'false');
  dom.viewDashboard.setAttribute('aria-pressed', 'true');
  dom.heading.focus();
  return loadDashboard();
}
