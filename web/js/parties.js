// The States Parties at the date: the list (a button each, with deadline, status and counts) and
// the selected one's panel (GET /api/state-parties/{iso3}, drawn by panel.js).
import { URLS, fetchJson, withAsOf } from './api.js';
import { coalitionSection } from './coalition.js';
import { element, plural, STATUS_LABELS } from './dom.js';
import { renderStatePartyPanel } from './panel.js';
import { recordForms, updateRecordForms } from './records.js';
import { initRequests, requestsSection } from './requests.js';
import * as state from './state.js';
import { updateBanner } from './status.js';
import { setYearRange } from './timeline.js';

const byId = (id) => document.getElementById(id);
const dom = {
  stateList: byId('state-list'),
  statesStatus: byId('states-status'),
  showAll: byId('show-all'),
  partyPanel: byId('party-panel'),
};

const sequence = { parties: 0, detail: 0 };
let hooks = { choose: () => {}, zoom: () => {}, close: () => {}, loaded: () => {} };

/**
 * Sets what the list and the panel do: choose(iso3) when a State Party's button is pressed,
 * zoom() when the selected one's is pressed again, close() from the panel, loaded() after
 * every load of the list.
 */
export function initStateParties(callbacks) {
  hooks = callbacks;
  initRequests({ loaded: updateRecordForms }); // the forms offer the requests' revisions and questions once loaded
}

export async function loadStateParties() {
  const current = ++sequence.parties;
  dom.statesStatus.textContent = 'Loading…';
  dom.statesStatus.dataset.state = 'loading';
  try {
    const parties = await fetchJson(withAsOf(URLS.stateParties, state.asOf()));
    if (current !== sequence.parties) return;
    const first = state.stateParties().length === 0;
    state.setStateParties(parties);
    renderStateList();
    hooks.loaded();
    if (first) setYearRange();
    const all = state.stateParties();
    dom.statesStatus.textContent = all.length === 0
      ? 'No State Party has been recorded yet.'
      : `${plural(all.length, 'State Party', 'States Parties')}, status as of `
        + `${all[0]?.asOf || 'today'}; choose one for its figures.`;
    dom.statesStatus.dataset.state = 'ok';
    document.body.dataset.stateParties = String(all.length);
  } catch (err) {
    if (current !== sequence.parties) return;
    dom.statesStatus.textContent = `Could not load the States Parties: ${err.message}`;
    dom.statesStatus.dataset.state = 'error';
    document.body.dataset.stateParties = 'error';
  }
  updateBanner();
}

function renderStateList() {
  const focused = document.activeElement?.dataset?.iso3;
  dom.stateList.replaceChildren(...state.stateParties().map((party) => {
    const extended = party.currentDeadline && party.originalDeadline
      && party.currentDeadline !== party.originalDeadline;
    const deadline = party.completedOn
      ? `Completed ${party.completedOn}`
      : party.currentDeadline
        ? `Deadline ${party.currentDeadline}${extended ? ' (extended)' : ''}`
        : 'No deadline recorded';
    const counts = [
      typeof party.hazardCount === 'number' ? plural(party.hazardCount, 'hazardous area', 'hazardous areas') : null,
      typeof party.releaseCount === 'number' ? plural(party.releaseCount, 'release', 'releases') : null,
    ].filter(Boolean).join(' · ');
    const status = party.status || 'unknown';
    const button = element('button', {
      type: 'button',
      className: 'state',
      'data-iso3': party.iso3,
      'data-testid': `state-${party.iso3}`,
      'aria-pressed': String(party.iso3 === state.selected()),
    },
    element('span', { className: 'state-name' }, party.name),
    element('span', { className: 'state-iso' }, party.iso3),
    element('span', { className: 'state-deadline' }, deadline),
    element('span', { className: `status-badge status-${status}` }, STATUS_LABELS[status] || status),
    counts ? element('span', { className: 'state-counts' }, counts) : null,
    party.synthetic ? element('span', { className: 'demo-tag' }, 'synthetic demo data') : null);
    button.addEventListener('click', () => {
      if (state.selected() === party.iso3) hooks.zoom();
      else hooks.choose(party.iso3);
    });
    return element('li', {}, button);
  }));
  if (focused) dom.stateList.querySelector(`[data-iso3="${focused}"]`)?.focus();
}

/** Marks the selected State Party (or none) in the list. */
export function markSelected(iso3) {
  for (const button of dom.stateList.querySelectorAll('button.state')) {
    const selected = button.dataset.iso3 === iso3;
    button.setAttribute('aria-pressed', String(selected));
  }
  dom.showAll.hidden = iso3 === null;
}

let focusWanted = false; // the panel's heading takes the focus once its figures are drawn

function heading() {
  return dom.partyPanel.querySelector('#party-title');
}

/**
 * Brings the State Party panel (above the list) into view; with focus, its heading takes the
 * focus now and again when the figures replace the loading text.
 */
export function revealPanel({ focus = false } = {}) {
  focusWanted = focusWanted || focus;
  if (focusWanted) heading()?.focus({ preventScroll: true });
  dom.partyPanel.scrollIntoView({ block: 'start' });
}

/** Draws the panel's content; the heading keeps (or takes, when asked) the focus across it. */
function replacePanel(draw) {
  const hadFocus = document.activeElement !== null && document.activeElement === heading();
  draw();
  heading()?.setAttribute('tabindex', '-1');
  if (!hadFocus && !focusWanted) return;
  heading()?.focus({ preventScroll: true });
  if (focusWanted) dom.partyPanel.scrollIntoView({ block: 'start' });
}

/** A coalition form keeps its elements across redraws (coalition.js), and so the focus. */
function coalitionFormFocused() {
  return Boolean(document.activeElement?.closest?.('[data-testid=coalition-forms]'));
}

function drawDetail(detail) {
  const records = recordForms(detail);
  const coalition = coalitionSection(detail);
  const focused = records?.contains(document.activeElement) || coalitionFormFocused() ? document.activeElement : null;
  renderStatePartyPanel(dom.partyPanel, detail, {
    asOf: state.asOf(), onClose: hooks.close, unit: state.areaUnit(), records, requests: requestsSection(detail), coalition,
  });
  focused?.focus({ preventScroll: true }); // a form's control keeps the focus across the redraw
}

/** Draws the selected State Party's panel again from the figures loaded (e.g. in another unit). */
export function redrawDetail() {
  const detail = state.detail();
  if (detail && detail.iso3 === state.selected() && !dom.partyPanel.hidden) replacePanel(() => drawDetail(detail));
}

/** Loads and shows the selected State Party's panel, or hides it when none is selected. */
export async function loadDetail() {
  const current = ++sequence.detail;
  const iso3 = state.selected();
  if (!iso3) {
    focusWanted = false;
    state.setDetail(null);
    dom.partyPanel.hidden = true;
    dom.partyPanel.replaceChildren();
    document.body.dataset.party = '';
    return;
  }
  dom.partyPanel.hidden = false;
  dom.partyPanel.setAttribute('aria-busy', 'true');
  document.body.dataset.party = 'loading';
  if (!state.detail() || state.detail().iso3 !== iso3) {
    replacePanel(() => dom.partyPanel.replaceChildren(element('h2', { id: 'party-title' },
      state.stateParty(iso3)?.name || iso3), element('p', { className: 'loading' }, 'Loading the figures…')));
  }
  try {
    const detail = await fetchJson(withAsOf(`${URLS.stateParties}/${encodeURIComponent(iso3)}`, state.asOf()));
    if (current !== sequence.detail) return;
    state.setDetail(detail);
    replacePanel(() => drawDetail(detail));
    focusWanted = false;
    document.body.dataset.party = iso3;
    document.body.dataset.partyAsOf = detail.asOf;
    setYearRange();
  } catch (err) {
    if (current !== sequence.detail) return;
    state.setDetail(null);
    document.body.dataset.party = 'error';
    replacePanel(() => dom.partyPanel.replaceChildren(element('h2', { id: 'party-title' },
      state.stateParty(iso3)?.name || iso3),
    element('p', { className: 'error-message', role: 'alert' }, `Could not load the figures — ${err.message}`)));
    focusWanted = false;
  } finally {
    if (current === sequence.detail) dom.partyPanel.removeAttribute('aria-busy');
  }
}
