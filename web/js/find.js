// Find a polygon: the start of its external id, any case, in the selected State Party or, with
// none selected, in every State Party (GET /api/search). One match opens on the map as a click
// on it would (popups.js); several are listed to choose from.
import { fetchJson } from './api.js';
import { element } from './dom.js';
import { findPolygon } from './popups.js';
import * as state from './state.js';

const SEARCH_URL = './api/search';
const NOUNS = { hazards: ['hazardous area', 'hazardous areas'], releases: ['release', 'releases'] };

const byId = (id) => document.getElementById(id);
const dom = {
  form: byId('find-form'),
  kind: byId('find-kind'),
  id: byId('find-id'),
  status: byId('find-status'),
  matches: byId('find-matches'),
};

let chooseStateParty = () => {};
let sequence = 0;

/** Wires the form; chooseStateParty(iso3) selects the State Party of a match found elsewhere. */
export function initFind({ choose }) {
  chooseStateParty = choose;
  dom.form.addEventListener('submit', (event) => {
    event.preventDefault();
    find(dom.kind.value, dom.id.value.trim());
  });
}

function say(kind, text) {
  dom.status.dataset.state = kind;
  dom.status.textContent = text;
}

async function find(kind, q) {
  const current = ++sequence;
  dom.matches.replaceChildren();
  if (!q) {
    say('error', 'Enter an external id, or its start.');
    return;
  }
  const iso3 = state.selected();
  const params = new URLSearchParams({ q, kind });
  if (iso3) params.set('state_party', iso3);
  say('', 'Looking…');
  try {
    const answer = await fetchJson(`${SEARCH_URL}?${params}`);
    if (current !== sequence) return;
    const matches = answer.matches || [];
    const exact = matches.filter((match) => match.externalId.toLowerCase() === q.toLowerCase());
    if (matches.length === 1 || exact.length === 1) {
      open(kind, exact[0] || matches[0]);
      return;
    }
    const [one, many] = NOUNS[kind] || NOUNS.hazards;
    const where = iso3 ? `in ${state.stateName(iso3)}` : 'in any State Party';
    if (matches.length === 0) {
      say('error', `Not found — no ${one} ${where} has an external id starting with “${q}”.`);
      return;
    }
    say('', `${matches.length}${answer.limitReached ? ' or more' : ''} ${many} ${where} start with “${q}”`
      + `${answer.limitReached ? ' (type more of the id to narrow them)' : ''}; choose one:`);
    dom.matches.replaceChildren(...matches.map((match) => {
      const button = element('button', { type: 'button', className: 'small-button', 'data-testid': 'find-match' },
        iso3 ? match.externalId : `${match.externalId} (${match.iso3})`);
      button.addEventListener('click', () => open(kind, match));
      return element('li', {}, button);
    }));
  } catch (err) {
    if (current === sequence) say('error', `Not found — ${err.message}`);
  }
}

function open(kind, match) {
  dom.matches.replaceChildren();
  if (state.selected() !== match.iso3) chooseStateParty(match.iso3);
  findPolygon(kind, match.externalId, dom.status);
}
