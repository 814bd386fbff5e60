// What the page's modules share: the States Parties as last loaded, the one selected, the date
// every figure and layer is for, the view shown, the selected State Party's figures and the
// unit areas are shown in. It is
// read through the functions below and changed only through their setters; every other value
// belongs to the one module that uses it.

const DATE = /^\d{4}-\d{2}-\d{2}$/;

let parties = []; // GET /api/state-parties at the date, sorted by name
let byIso3 = new Map();
let selectedIso3 = null;
let date = ''; // YYYY-MM-DD, or '' for today
let shownView = 'map'; // 'map' or 'dashboard'
let selectedDetail = null; // GET /api/state-parties/{iso3} of the selected State Party at the date

const AREA_UNITS = ['m2', 'ha', 'km2'];
const AREA_UNIT_KEY = 'clearance-map.areaUnit'; // kept in localStorage between visits
let unit = stored(AREA_UNIT_KEY, AREA_UNITS) || 'm2';

function stored(key, allowed) {
  try {
    const value = localStorage.getItem(key);
    return allowed.includes(value) ? value : null;
  } catch {
    return null; // storage refused (private mode, policy): the default
  }
}

/** The States Parties, sorted by name. */
export function stateParties() {
  return parties;
}

export function stateParty(iso3) {
  return byIso3.get(iso3);
}

export function setStateParties(list) {
  parties = [...list].sort((a, b) => a.name.localeCompare(b.name));
  byIso3 = new Map(parties.map((party) => [party.iso3, party]));
}

/** "Name (ISO3)" of a State Party, its code when unknown. */
export function stateName(iso3) {
  const party = byIso3.get(iso3);
  return party ? `${party.name} (${iso3})` : iso3 || 'unknown';
}

/** The ISO 3166-1 alpha-3 code of the selected State Party, or null. */
export function selected() {
  return selectedIso3;
}

export function setSelected(iso3) {
  selectedIso3 = iso3 || null;
}

/** The date as YYYY-MM-DD, or '' for today. */
export function asOf() {
  return date;
}

/** Sets the date; anything but YYYY-MM-DD means today. */
export function setAsOf(value) {
  date = DATE.test(value) ? value : '';
}

export function isDate(value) {
  return DATE.test(value);
}

export function view() {
  return shownView;
}

export function setView(value) {
  shownView = value;
}

export function detail() {
  return selectedDetail;
}

export function setDetail(value) {
  selectedDetail = value;
}

/** The unit areas are shown in: 'm2', 'ha' or 'km2'. */
export function areaUnit() {
  return unit;
}

/** Sets the unit areas are shown in and keeps it for the next visit; anything else means m². */
export function setAreaUnit(value) {
  unit = AREA_UNITS.includes(value) ? value : 'm2';
  try {
    localStorage.setItem(AREA_UNIT_KEY, unit);
  } catch {
    // not kept: shown in it for this visit only
  }
}
