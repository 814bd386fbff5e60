// The Indicators view: the Lausanne Action Plan progress report of a year (GET /api/lap/progress?year=):
// the registry's version and source, the affected States Parties, and per indicator the States
// Parties meeting it, not meeting it and unknown (count and share, beside the previous year's),
// which they are, and a chart of the share meeting it over the years (the report of each year).
// Every figure is the server's. A coordinator records values below the report (lapvalues.js).
import { fetchJson } from './api.js';
import { baseLine, CHART_INK, valueGrid } from './chart.js';
import {
  element, figureList, formatPercent, isNumber, numberFormat, svg,
} from './dom.js';
import { KINDS, lapValueSection, thisYear } from './lapvalues.js';
import { reportLinks } from './panel.js';
import * as state from './state.js';

/** The Convention entered into force in 2010: no State Party was affected before. */
const FIRST_YEAR = 2010;
/** The chart of an indicator shows this many years, up to the year chosen. */
const CHART_YEARS = 6;
const COLUMNS = [['met', 'Meeting it'], ['notMet', 'Not meeting it'], ['unknown', 'Unknown (no value)']];

const byId = (id) => document.getElementById(id);
const dom = { year: byId('lap-year'), status: byId('indicators-status'), report: byId('indicators-report') };

let reports = new Map(); // year → the promise of its report
let sequence = 0;

/** A test id part from an indicator id (which may hold dots). */
export const idPart = (id) => id.replace(/[^A-Za-z0-9_-]/g, '-');

const share = (p) => (isNumber(p) ? formatPercent(p / 100) : '— (none affected)');

function report(year) {
  if (!reports.has(year)) {
    const promise = fetchJson(`./api/lap/progress?year=${year}`);
    promise.catch(() => reports.delete(year));
    reports.set(year, promise);
  }
  return reports.get(year);
}

/** The year selector: every year from the Convention's entry into force to this one; last year first shown. */
export function initIndicators() {
  const years = [];
  for (let year = thisYear(); year >= FIRST_YEAR; year--) years.push(year);
  dom.year.replaceChildren(...years.map((year) => element('option', { value: String(year) }, String(year))));
  dom.year.value = String(Math.max(FIRST_YEAR, thisYear() - 1));
  dom.year.addEventListener('change', () => loadIndicators());
}

/** Loads and shows the report of the year chosen; with force, every year is asked again. */
export async function loadIndicators({ force = false } = {}) {
  if (force) reports = new Map();
  const current = ++sequence;
  const year = Number(dom.year.value);
  dom.status.dataset.state = 'loading';
  dom.status.textContent = `Loading the report of ${year}…`;
  document.body.dataset.indicators = 'loading';
  try {
    const shown = await report(year);
    const first = Math.max(FIRST_YEAR, year - CHART_YEARS + 1);
    const years = Array.from({ length: year - first + 1 }, (_, i) => first + i);
    const history = await Promise.allSettled(years.map(report));
    if (current !== sequence) return;
    const byYear = new Map(years.map((y, i) => [y, history[i].status === 'fulfilled' ? history[i].value : null]));
    render(shown, byYear);
    dom.status.dataset.state = 'ok';
    dom.status.textContent = '';
    document.body.dataset.indicators = String(year);
  } catch (err) {
    if (current !== sequence) return;
    if (err.status === 404) {
      dom.status.dataset.state = 'ok';
      dom.status.textContent = '';
      dom.report.replaceChildren(noRegistry(err));
      document.body.dataset.indicators = 'no-registry';
      return;
    }
    dom.status.dataset.state = 'error';
    dom.status.textContent = `Could not load the progress report of ${year} — ${err.message}`;
    document.body.dataset.indicators = 'error';
  }
}

function noRegistry(err) {
  return element('div', { className: 'lap-empty', 'data-testid': 'lap-no-registry' },
    element('p', {}, 'No indicator registry is loaded yet, so there is no progress report to show.'),
    element('p', { className: 'hint' }, 'A coordinator loads the registry from a file with ',
      element('code', {}, 'PUT /api/lap/indicators'), ': JSON ',
      element('code', {}, '{source, indicators: [{id, action, text, kind, measure}]}'),
      ', or CSV with the header ', element('code', {}, 'id,action,text,kind,measure'), ' and ',
      element('code', {}, '?source='), '. The project ships no official wording.'),
    element('p', { className: 'hint' }, `The server said: ${err.detail || err.message}`));
}

const nameOf = (iso3) => {
  const party = state.stateParty(iso3);
  return party ? `${party.name} (${iso3})` : iso3;
};
const names = (codes) => (codes.length === 0 ? 'none' : codes.map(nameOf).join(', '));

function render(r, byYear) {
  const url = `./api/lap/progress?year=${r.year}`;
  dom.report.replaceChildren(...[
    element('p', { className: 'hint', 'data-testid': 'lap-registry' },
      `Indicator registry version ${r.registryVersion}: ${r.registrySource}.`),
    r.synthetic ? element('p', { className: 'lap-notice', role: 'note', 'data-testid': 'lap-notice' }, r.notice) : null,
    figureList([[`Affected States Parties in ${r.year}`, numberFormat.format(r.affectedCount), 'lap-affected']]),
    element('p', { className: 'hint' }, `Affected: the Convention entered into force for them on or before `
      + `31 December ${r.year} and they had not completed clearance before 1 January ${r.year}.`),
    element('details', { className: 'lap-who' }, element('summary', {}, 'Which States Parties are affected'),
      element('p', { 'data-testid': 'lap-affected-list' }, names(r.affectedStateParties))),
    element('ul', { className: 'report-links' },
      reportLinks(url, `The progress report of ${r.year}`, 'lap-report', `lap-progress-${r.year}`)),
    r.indicators.length === 0 ? element('p', { className: 'hint' }, 'The registry holds no indicator.') : null,
    r.indicators.map((indicator, i) => indicatorSection(r, indicator, i, byYear)),
    lapValueSection(r),
  ].flat().filter(Boolean));
}

function indicatorSection(r, indicator, index, byYear) {
  const key = idPart(indicator.id);
  const prev = indicator.previousYear;
  const rows = COLUMNS.map(([column, label]) => element('tr', { 'data-testid': `lap-${key}-${column}` },
    element('th', { scope: 'row' }, label),
    element('td', { className: 'num', 'data-testid': `lap-${key}-${column}-count` }, numberFormat.format(indicator[`${column}Count`])),
    element('td', { className: 'num', 'data-testid': `lap-${key}-${column}-share` }, share(indicator[`${column}Percentage`])),
    element('td', { className: 'num', 'data-testid': `lap-${key}-${column}-prev-count` }, numberFormat.format(prev[`${column}Count`])),
    element('td', { className: 'num', 'data-testid': `lap-${key}-${column}-prev-share` }, share(prev[`${column}Percentage`]))));
  const bound = indicator.measure
    ? `; computed by the server (measure ${indicator.measure}) unless a coordinator overrides it with a source` : '';
  return element('section', { className: 'lap-indicator', 'data-testid': `lap-indicator-${key}`,
    'aria-labelledby': `lap-title-${key}` },
  element('h3', { id: `lap-title-${key}` }, `Action ${indicator.action} · ${indicator.id}`),
  element('p', { className: 'lap-wording', 'data-testid': `lap-${key}-text` }, indicator.text),
  element('p', { className: 'hint', 'data-testid': `lap-${key}-kind` }, `Kind: ${KINDS[indicator.kind] || indicator.kind}${bound}.`),
  element('div', { className: 'lap-body' },
    element('div', { className: 'table-scroll' }, element('table', { className: 'data-table lap-table', 'data-testid': `lap-${key}-table` },
      element('caption', {}, `Affected States Parties, ${r.year} against ${prev.year}`),
      element('thead', {}, element('tr', {}, element('td', {}),
        [`${r.year}`, `Share ${r.year}`, `${prev.year}`, `Share ${prev.year}`].map((h) => element('th', { scope: 'col', className: 'num' }, h)))),
      element('tbody', {}, rows))),
    chart(indicator, index, byYear)),
  element('details', { className: 'lap-who' }, element('summary', {}, `Which States Parties, ${r.year}`),
    element('dl', { className: 'figures' }, COLUMNS.map(([column, label]) => [
      element('dt', {}, label),
      element('dd', { 'data-testid': `lap-${key}-${column}-list` }, names(indicator[column]))]))));
}

/** The share of the affected meeting the indicator each year, as bars labelled with the share. */
function chart(indicator, index, byYear) {
  const key = idPart(indicator.id);
  const years = [...byYear.keys()];
  const shareOf = (year) => byYear.get(year)?.indicators.find((i) => i.id === indicator.id)?.metPercentage;
  const width = 300;
  const height = 150;
  const left = 34;
  const right = 8;
  const top = 16;
  const bottom = 24;
  const band = (width - left - right) / years.length;
  const x = (i) => left + band * i + band / 2;
  const y = (p) => top + (1 - p / 100) * (height - top - bottom);
  const barWidth = Math.min(28, band * 0.6);
  const last = years[years.length - 1];
  const children = [
    svg('title', { id: `lap-chart-title-${key}` }, `Share of the affected States Parties meeting ${indicator.id}, ${years[0]} to ${last}`),
    svg('desc', {}, 'One bar a year, its height the percentage meeting the indicator, labelled with it; '
      + '"no report" where the year could not be loaded.'),
    ...valueGrid({ x1: left, x2: width - right, y, values: [0, 50, 100], divisor: 1, unit: '%', top: 4, decimals: () => 0 }),
  ];
  years.forEach((year, i) => {
    const p = shareOf(year);
    if (isNumber(p)) {
      children.push(svg('rect', {
        x: x(i) - barWidth / 2, y: y(p), width: barWidth, height: Math.max(0, y(0) - y(p)),
        fill: year === last ? '#0072B2' : '#56B4E9', stroke: '#24292f', 'stroke-width': 0.5,
        'data-testid': `lap-${key}-bar-${year}`,
      }));
    }
    children.push(svg('text', {
      x: x(i), y: isNumber(p) ? y(p) - 3 : y(0) - 3, 'text-anchor': 'middle', 'font-size': 9, fill: CHART_INK,
      'data-testid': `lap-${key}-bar-label-${year}`,
    }, isNumber(p) ? formatPercent(p / 100) : p === null ? 'none' : 'no report'));
  });
  children.push(...baseLine({ x1: left, x2: width - right, y: y(0), labels: years.map((year, i) => [x(i), year]) }));
  return element('figure', { className: 'lap-chart' }, svg('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart', 'aria-labelledby': `lap-chart-title-${key}`,
    'data-testid': `lap-${key}-chart`, 'data-index': index,
  }, children), element('figcaption', { className: 'hint' }, `Share meeting it, ${years[0]} to ${last}`));
}
