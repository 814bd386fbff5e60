// The date of the whole page: the date input, the year slider (31 December of a year) and Play,
// which steps through the years from the first record to today.
import * as state from './state.js';

const byId = (id) => document.getElementById(id);
const dom = {
  asOf: byId('as-of'),
  today: byId('today'),
  play: byId('play'),
  yearSlider: byId('year-slider'),
  yearOutput: byId('year-output'),
  controls: byId('controls'),
};

/** Shortest time one year stays on screen while playing. */
const PLAY_STEP_MS = 1200;

let playing = false;
let refresh = () => Promise.resolve();

function currentYear() {
  return new Date().getUTCFullYear();
}

function yearToDate(year) {
  return year >= currentYear() ? '' : `${year}-12-31`;
}

/** From the first record (the selected State's first balance year, else the earliest entry into force) to now. */
export function setYearRange() {
  const years = state.detail()?.yearlyBalance?.map((row) => row.year) || [];
  const eif = state.stateParties().map((party) => Number(String(party.eifDate).slice(0, 4))).filter(Number.isFinite);
  const first = years.length > 0 ? Math.min(...years) : eif.length > 0 ? Math.min(...eif) : currentYear() - 15;
  dom.yearSlider.min = String(Math.min(first, currentYear()));
  dom.yearSlider.max = String(currentYear());
  syncDateControls();
}

export function syncDateControls() {
  const asOf = state.asOf();
  dom.asOf.value = asOf;
  const year = asOf ? Number(asOf.slice(0, 4)) : currentYear();
  dom.yearSlider.value = String(year);
  dom.yearOutput.value = asOf ? String(year) : `${year} (today)`;
  dom.yearOutput.textContent = dom.yearOutput.value;
  dom.yearSlider.setAttribute('aria-valuetext', asOf ? `31 December ${year}` : `today, ${year}`);
  document.body.dataset.asOf = asOf || 'today';
}

/** Moves the whole page to a date ('' = today); resolves when the map and every figure follow it. */
export function goToDate(value) {
  state.setAsOf(value);
  syncDateControls();
  return refresh();
}

async function play() {
  if (playing) {
    stopPlaying();
    return;
  }
  playing = true;
  dom.play.setAttribute('aria-pressed', 'true');
  dom.play.textContent = '■ Stop';
  document.body.dataset.playing = 'true';
  const first = Number(dom.yearSlider.min);
  for (let year = first; year <= currentYear() && playing; year++) {
    const started = performance.now();
    await goToDate(yearToDate(year));
    const rest = PLAY_STEP_MS - (performance.now() - started);
    if (rest > 0 && playing) await new Promise((resolve) => setTimeout(resolve, rest));
  }
  stopPlaying();
}

export function isPlaying() {
  return playing;
}

export function stopPlaying() {
  playing = false;
  dom.play.setAttribute('aria-pressed', 'false');
  dom.play.textContent = '▶ Play';
  document.body.dataset.playing = 'false';
}

/** Wires the date controls; refreshAll() reloads everything for the date and resolves when done. */
export function initTimeline({ refreshAll }) {
  refresh = refreshAll;
  dom.controls.addEventListener('submit', (event) => event.preventDefault());
  dom.asOf.addEventListener('change', () => {
    if (dom.asOf.value === '' || state.isDate(dom.asOf.value)) goToDate(dom.asOf.value);
  });
  dom.today.addEventListener('click', () => goToDate(''));
  dom.yearSlider.addEventListener('input', () => {
    dom.yearOutput.value = dom.yearSlider.value;
    dom.yearOutput.textContent = dom.yearSlider.value;
  });
  dom.yearSlider.addEventListener('change', () => goToDate(yearToDate(Number(dom.yearSlider.value))));
  dom.play.addEventListener('click', play);
}
