// A revision's work plan against what was released: an SVG chart of the area planned for release
// each year (cancel, reduce and clear stacked, km²) beside the land released that year as mapped
// (the State Party's yearly balance), the plan as a table, and the funding needed against the
// funding pledged, secured and disbursed each year. Every figure is the server's.
import { baseLine, valueGrid } from './chart.js';
import {
  element, formatArea, formatKm2, isNumber, svg,
} from './dom.js';

const usd = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const money = (v) => (isNumber(v) ? usd.format(v) : '—');
const count = (v) => (isNumber(v) ? String(v) : '—');

/** The parts of a year's plan, stacked from the bottom, with their colours (Okabe–Ito) and patterns. */
const PARTS = [
  ['cancelKm2', 'cancel', '#56B4E9', 'plan-cancel'],
  ['reduceKm2', 'reduce', '#E69F00', 'plan-reduce'],
  ['clearKm2', 'clear', '#009E73', 'plan-clear'],
];

const releasedByYear = (party) => new Map((party.yearlyBalance || []).map((row) => [row.year, row.releasedSqm]));

export function planChart(party, revision, id) {
  const plan = revision.workPlan || [];
  if (plan.length === 0) return element('p', { className: 'hint' }, 'No work plan in this revision.');
  const released = releasedByYear(party);
  const releasedKm2 = (year) => (isNumber(released.get(year)) ? released.get(year) / 1_000_000 : null);
  const total = (row) => PARTS.reduce((top, [name]) => top + (Number(row[name]) || 0), 0); // the height of the stack
  const maxKm2 = Math.max(...plan.map(total), ...plan.map((row) => releasedKm2(row.year) || 0), 0.001) * 1.1;

  const width = 360;
  const height = 190;
  const left = 46;
  const right = 10;
  const top = 12;
  const bottom = 28;
  const band = (width - left - right) / plan.length;
  const x = (i) => left + band * i + band / 2;
  const y = (km2) => top + (1 - km2 / maxKm2) * (height - top - bottom);
  const children = [
    svg('title', { id: `plan-title-${id}` }, `Work plan of request ${id} against the land released`),
    svg('desc', {}, `The area planned for release each year from ${plan[0].year} to ${plan[plan.length - 1].year}, `
      + 'cancel, reduce and clear stacked, in km²; the land released each year as mapped, as a black square.'),
    ...valueGrid({
      x1: left, x2: width - right, y, values: [0, 0.5, 1].map((f) => (maxKm2 * f) / 1.1), divisor: 1, unit: 'km²', top,
      decimals: (v) => (v >= 100 ? 0 : v >= 1 || v === 0 ? 1 : 3),
    }),
  ];
  const barWidth = Math.min(36, band * 0.55);
  plan.forEach((row, i) => {
    let base = 0;
    for (const [name, , colour, testid] of PARTS) {
      const value = Number(row[name]) || 0;
      if (value > 0) {
        children.push(svg('rect', {
          x: x(i) - barWidth / 2, y: y(base + value), width: barWidth, height: y(base) - y(base + value),
          fill: colour, stroke: '#24292f', 'stroke-width': 0.5, 'data-testid': `${testid}-${row.year}`,
        }));
      }
      base += value;
    }
    const done = releasedKm2(row.year);
    if (done !== null) {
      children.push(svg('rect', {
        x: x(i) + barWidth / 2 + 2, y: y(done) - 4, width: 8, height: 8, fill: '#000000', 'data-testid': `plan-released-${row.year}`,
      }));
    }
  });
  const step = Math.max(1, Math.ceil(plan.length / 8));
  children.push(...baseLine({
    x1: left, x2: width - right, y: height - bottom, labels: plan.filter((_, i) => i % step === 0).map((row) => [x(plan.indexOf(row)), row.year]),
  }));
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart',
    'aria-labelledby': `plan-title-${id}`, 'data-testid': `request-${id}-plan-chart`,
  }, children);
  const key = element('ul', { className: 'chart-key plan-key' },
    PARTS.map(([, words, , className]) => element('li', { className }, `planned: ${words}`)),
    element('li', { className: 'key-released' }, 'released that year (mapped)'));
  return element('figure', { className: 'chart-figure' }, chart, key);
}

/** The plan year by year: areas (km², as stated), planned release, released as mapped, teams and budget. */
export function planTable(party, revision, id) {
  const plan = revision.workPlan || [];
  if (plan.length === 0) return null;
  const released = releasedByYear(party);
  const totals = new Map((revision.planYearTotals || []).map((t) => [t.year, t]));
  return element('div', { className: 'table-scroll' }, element('table', { className: 'data-table', 'data-testid': `request-${id}-plan` },
    element('thead', {}, element('tr', {}, ['Year', 'Cancel', 'Reduce', 'Clear', 'Planned release', 'Released (mapped)',
      'Teams', 'Budget needed'].map((h) => element('th', { scope: 'col' }, h)))),
    element('tbody', {}, plan.map((row) => element('tr', {},
      element('th', { scope: 'row' }, row.year),
      ...PARTS.map(([name]) => element('td', { className: 'num' }, formatKm2(row[name]))),
      element('td', { className: 'num' }, formatKm2(totals.get(row.year)?.releaseKm2)),
      element('td', { className: 'num' }, released.has(row.year) ? formatArea(released.get(row.year)) : 'not yet'),
      element('td', { className: 'num' }, count(row.teams)),
      element('td', { className: 'num' }, money(row.budgetNeededUsd)))))));
}

/** Funding needed (the plan's budget) against funding pledged, secured and disbursed, each year; then each entry. */
export function fundingTable(revision, id) {
  const totals = revision.planYearTotals || [];
  const funding = revision.funding || [];
  if (totals.length === 0) return element('p', { className: 'hint' }, 'No budget or funding in this revision.');
  return [element('div', { className: 'table-scroll' }, element('table', { className: 'data-table', 'data-testid': `request-${id}-funding` },
    element('thead', {}, element('tr', {}, ['Year', 'Needed', 'Pledged', 'Secured', 'Disbursed']
      .map((h) => element('th', { scope: 'col' }, h)))),
    element('tbody', {}, totals.map((t) => element('tr', {},
      element('th', { scope: 'row' }, t.year),
      [t.budgetNeededUsd, t.pledgedUsd, t.securedUsd, t.disbursedUsd].map((v) => element('td', { className: 'num' }, money(v)))))))),
  funding.length === 0 ? null : element('details', { className: 'balance' },
    element('summary', {}, `Funding entries (${funding.length})`),
    element('ul', { className: 'funding-entries', 'data-testid': `request-${id}-funding-entries` }, funding.map((f) => element('li', {},
      `${f.year}: ${f.source}, ${money(f.amountUsd)} ${f.status}`))))];
}
