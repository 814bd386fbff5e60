// What the page says over the map: the status line, the synthetic-data banner (its details
// collapsible, remembered for the tab) and the server's health.
import { ProblemError, URLS, problemFrom } from './api.js';
import { element } from './dom.js';
import * as state from './state.js';

const byId = (id) => document.getElementById(id);
const dom = {
  status: byId('status'),
  health: byId('health'),
  banner: byId('synthetic-banner'),
  bannerDetail: byId('synthetic-detail'),
};

const HEALTH_POLL_MS = 30_000;
const BANNER_COLLAPSED_KEY = 'clearanceMap.bannerCollapsed'; // sessionStorage: kept for the tab only

let featuresSynthetic = false; // a polygon drawn now is synthetic

/** The status line: kind is loading, hint, ok, warning or error. */
export function setStatus(kind, text) {
  dom.status.dataset.state = kind;
  dom.status.textContent = text;
}

/** Notes whether the polygons drawn now include synthetic ones, and updates the banner. */
export function setFeaturesSynthetic(synthetic) {
  featuresSynthetic = synthetic;
  updateBanner();
}

/** The banner is shown when a State Party's polygons or a polygon drawn are synthetic. */
export function updateBanner() {
  const syntheticStates = state.stateParties().filter((party) => party.synthetic === true);
  const show = syntheticStates.length > 0 || featuresSynthetic;
  dom.banner.hidden = !show;
  document.body.dataset.synthetic = String(show);
  if (!show) return;
  const names = syntheticStates.map((party) => party.name);
  dom.bannerDetail.textContent = names.length > 0
    ? ` — the mapped polygons for ${names.join(', ')} are invented for demonstration, not survey results.`
    : ' — polygons on this map are invented for demonstration, not survey results.';
}

const bannerToggle = element('button', {
  type: 'button', className: 'banner-toggle', 'data-testid': 'banner-toggle', 'aria-controls': 'synthetic-detail',
});
dom.banner.append(bannerToggle);
bannerToggle.addEventListener('click', () => {
  const collapsed = bannerToggle.getAttribute('aria-expanded') === 'true';
  try {
    sessionStorage.setItem(BANNER_COLLAPSED_KEY, String(collapsed));
  } catch {
    // storage refused: the banner still collapses, for this page only
  }
  showBannerCollapsed(collapsed);
});
showBannerCollapsed(bannerStoredCollapsed());

function bannerStoredCollapsed() {
  try {
    return sessionStorage.getItem(BANNER_COLLAPSED_KEY) === 'true';
  } catch {
    return false;
  }
}

/** Collapsed, the banner is one line: SYNTHETIC DEMO DATA and the button that shows why. */
function showBannerCollapsed(collapsed) {
  dom.bannerDetail.hidden = collapsed;
  dom.banner.dataset.collapsed = String(collapsed);
  bannerToggle.setAttribute('aria-expanded', String(!collapsed));
  bannerToggle.textContent = collapsed ? 'Details' : 'Hide details';
}

async function checkHealth() {
  let problem = null;
  try {
    const response = await fetch(URLS.health, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) problem = await problemFrom(response);
  } catch (err) {
    problem = new ProblemError('Server unreachable', err.message);
  }
  dom.health.hidden = problem === null;
  document.body.dataset.health = problem === null ? 'ok' : 'failed';
  if (problem) {
    const detail = problem.detail || (problem.status === 503 ? 'the database is not available' : '');
    dom.health.textContent = `Server health check failed: ${problem.title}${detail ? ` — ${detail}` : ''}.`
      + ' The map may be incomplete.';
  }
}

/** Checks the server's health now and every HEALTH_POLL_MS. */
export function watchHealth() {
  checkHealth();
  setInterval(checkHealth, HEALTH_POLL_MS);
}
