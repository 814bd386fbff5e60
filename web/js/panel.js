// The State Party panel: its figures as the API gives them at the chosen date, a progress bar,
// a chart of remaining land over time with the deadline and the required trajectory, the
// extension history and the extension requests (requests.js), the Country Coalition and its
// funding (coalition.js), reported against mapped figures
// with their sources, links to reports and, for a coordinator, the forms that write the treaty
// records (records.js).
import { baseLine, valueGrid } from './chart.js';
import {
  element, svg, figureList, formatKm2, formatPercent, isNumber, numberFormat, statusBadge,
} from './dom.js';

const hectares = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const squareKilometres = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 3 });

let areaUnit = 'm2'; // the unit the figures are shown in: 'm2', 'ha' or 'km2'

/**
 * An area in the unit chosen, with a second unit below in smaller type: hectares under m²
 * as the API gives them (whole), m² under hectares and km².
 */
function area(sqm, suffix = '') {
  if (!isNumber(sqm)) return 'not computed';
  const m2 = `${numberFormat.format(sqm)} m²${suffix}`;
  const ha = `${hectares.format(sqm / 10_000)} ha${suffix}`;
  const km2 = `${squareKilometres.format(sqm / 1_000_000)} km²${suffix}`;
  const [first, second] = { ha: [ha, m2], km2: [km2, m2] }[areaUnit] || [m2, ha];
  return [element('span', {}, first), element('span', { className: 'hectares' }, second)];
}

const DAY_MS = 86_400_000;

function dateMs(iso) {
  return iso ? Date.parse(`${iso}T00:00:00Z`) : NaN;
}

/** "2 years 3 months after the deadline" and the like, from two ISO dates. */
function comparedWithDeadline(projected, deadline) {
  if (!projected || !deadline) return '';
  const months = Math.round((dateMs(projected) - dateMs(deadline)) / DAY_MS / 30.44);
  if (months === 0) return 'at the deadline';
  const span = Math.abs(months) >= 12
    ? `${(Math.abs(months) / 12).toFixed(1)} years`
    : `${Math.abs(months)} month${Math.abs(months) === 1 ? '' : 's'}`;
  return months > 0 ? `${span} after the deadline` : `${span} before the deadline`;
}

export function renderStatePartyPanel(container, party, {
  asOf, onClose, unit = 'm2', records = null, requests = null, coalition = null,
}) {
  areaUnit = unit;
  const released = party.releasedByMethod || {};
  const byClass = party.remainingByClass || {};
  const progress = isNumber(party.progress) ? party.progress : null;
  const projectedText = party.projectedCompletion
    ? `${party.projectedCompletion} (${comparedWithDeadline(party.projectedCompletion, party.currentDeadline)})`
    : 'none: no release rate';
  const extended = party.currentDeadline && party.currentDeadline !== party.originalDeadline;

  const bar = element('progress', {
    className: 'progress-bar', max: 1, value: progress ?? 0, 'data-testid': 'fig-progress-bar',
    'aria-label': `Progress: ${formatPercent(progress)} of the footprint released`,
  });
  const asOfYear = Number((party.asOf || '').slice(0, 4)) || new Date().getUTCFullYear();
  const base = `./api/state-parties/${encodeURIComponent(party.iso3)}`;

  container.replaceChildren(...[
    element('div', { className: 'party-heading' },
      element('h2', { id: 'party-title', tabindex: '-1', 'data-testid': 'party-name' }, party.name),
      statusBadge(party.status),
      element('button', { type: 'button', className: 'small-button', 'data-testid': 'party-close' }, 'Close')),
    element('p', { className: 'hint', 'data-testid': 'party-as-of' },
      `Figures as of ${party.asOf}${asOf ? '' : ' (today)'}; computed by the server from the mapped polygons`
      + (party.basis === 'reported' ? ', standing in with the reported figures (nothing mapped)' : '') + '.'),
    party.synthetic ? element('p', { className: 'demo-tag' }, 'mapped polygons: synthetic demo data') : null,
    element('div', { className: 'progress-row' }, bar,
      element('span', { 'data-testid': 'fig-progress' }, formatPercent(progress)), ' released'),
    figureList([
      ['Footprint', area(party.footprintSqm), 'fig-footprint'],
      ['Remaining', area(party.remainingSqm), 'fig-remaining'],
      ['  of which CHA', area(byClass.CHA), 'fig-remaining-cha'],
      ['  of which SHA', area(byClass.SHA), 'fig-remaining-sha'],
      ['Released', area(party.releasedSqm), 'fig-released'],
      ['  cancelled', area(released.cancelled), 'fig-cancelled'],
      ['  reduced', area(released.reduced), 'fig-reduced'],
      ['  cleared', area(released.cleared), 'fig-cleared'],
      ['Released outside hazards', area(party.releasedOutsideHazardsSqm), 'fig-outside'],
      isNumber(party.ignoredSliverSqm) && party.ignoredSliverSqm > 0
        ? ['Slivers ignored', area(party.ignoredSliverSqm), 'fig-slivers'] : null,
      ['Entry into force', party.eifDate || '—', 'fig-eif'],
      ['Current deadline', `${party.currentDeadline || '—'}${extended ? ` (original ${party.originalDeadline})` : ''}`,
        'fig-deadline'],
      party.completedOn ? ['Completed', party.completedOn, 'fig-completed'] : null,
      party.status === 'deadline-passed'
        ? ['Deadline passed', `${party.deadlinePassedYears} years ago (${numberFormat.format(party.deadlinePassedDays)} days); `
          + `${party.extensionRequestPending ? 'extension request pending' : 'no extension request pending'}`,
        'fig-deadline-passed']
        : ['Years left', isNumber(party.yearsLeft) ? `${party.yearsLeft.toFixed(2)} years` : '—', 'fig-years-left'],
      ['Annual release rate', (isNumber(party.annualRateSqm) ? area(party.annualRateSqm, ' a year') : 'none'), 'fig-annual-rate'],
      ['Rate required by the deadline', (isNumber(party.requiredRateSqm) ? area(party.requiredRateSqm, ' a year') : 'none'), 'fig-required-rate'],
      ['Projected completion', projectedText, 'fig-projected'],
    ]),
    element('h3', {}, 'Remaining land over time'),
    remainingChart(party),
    balanceTable(party),
    element('h3', {}, 'Extension history'),
    extensionTable(party.extensions || []),
    milestonesTable(party.milestones || []),
    requests, // each request with its revisions, plan, funding, questions and analysis (requests.js)
    coalition, // the Country Coalition and its funding picture (coalition.js)
    element('h3', {}, 'Reported against mapped'),
    reportedTable(party),
    element('h3', {}, 'Reports'),
    element('ul', { className: 'report-links' },
      reportLinks(`${base}/reports/article7?year=${asOfYear - 1}`, `Article 7 report for ${asOfYear - 1}`,
        'report-article7', `article7-${party.iso3}-${asOfYear - 1}`),
      reportLinks(`${base}/reports/extension-request?asOf=${party.asOf}`,
        `Extension request figures as of ${party.asOf}`, 'report-extension', `extension-request-${party.iso3}-${party.asOf}`)),
    records, // the coordinators' forms (records.js), when a writer's token is entered
  ].flat().filter(Boolean));
  container.querySelector('[data-testid=party-close]').addEventListener('click', onClose);
}

/**
 * A report as printable HTML and PDF (new tab), Word, Excel, CSV (a zip of one file per table) and
 * JSON. The links carry data-with-token: with a token entered, the page fetches them with it (see
 * openWithToken), so they work when reads need one.
 */
export function reportLinks(url, label, testid, fileName) {
  const newTab = { target: '_blank', rel: 'noopener' };
  const link = (format, text, extra = {}) => element('a', {
    href: `${url}&f=${format}`, 'data-with-token': true, 'data-testid': `${testid}${format === 'html' ? '' : `-${format}`}`,
    ...extra,
  }, text);
  return element('li', {},
    link('html', label, newTab), ' (',
    link('pdf', 'PDF', newTab), ', ', link('docx', 'Word'), ', ', link('xlsx', 'Excel'), ', ',
    link('csv', 'CSV', { title: 'A zip of one CSV file per table' }), ', ',
    link('json', 'JSON', { 'data-file-name': `${fileName}.json`, ...newTab }), ')');
}

/**
 * Remaining land at the end of each year of the balance, the current deadline, the straight
 * line from today's remaining land to zero at the deadline (the required trajectory) and the
 * projection at the current annual rate.
 */
function remainingChart(party) {
  const rows = (party.yearlyBalance || []).filter((row) => isNumber(row.remainingEndSqm));
  if (rows.length === 0) return element('p', { className: 'hint' }, 'No yearly balance: nothing is mapped.');
  const points = rows.map((row) => {
    const end = Math.min(dateMs(`${row.year}-12-31`), dateMs(party.asOf));
    return [end, row.remainingEndSqm];
  });
  const asOfMs = dateMs(party.asOf);
  const deadlineMs = dateMs(party.currentDeadline);
  const projectedMs = dateMs(party.projectedCompletion);
  const startMs = dateMs(`${rows[0].year}-01-01`);
  let endMs = Math.max(asOfMs, isNumber(deadlineMs) ? deadlineMs : asOfMs) + 365 * DAY_MS;
  if (isNumber(projectedMs)) endMs = Math.max(endMs, Math.min(projectedMs, endMs + 10 * 365 * DAY_MS));
  const maxSqm = Math.max(...points.map((p) => p[1]), party.remainingSqm || 0, 1) * 1.1;
  const useKm2 = maxSqm >= 1_000_000;
  const unit = useKm2 ? 'km²' : 'ha';
  const scaleUnit = useKm2 ? 1_000_000 : 10_000;

  const width = 360;
  const height = 210;
  const left = 46;
  const right = 10;
  const top = 12;
  const bottom = 28;
  const x = (ms) => left + ((ms - startMs) / (endMs - startMs)) * (width - left - right);
  const y = (sqm) => top + (1 - sqm / maxSqm) * (height - top - bottom);
  const line = (pts) => pts.map(([ms, sqm], i) => `${i ? 'L' : 'M'}${x(ms).toFixed(1)},${y(sqm).toFixed(1)}`).join(' ');

  const children = [
    svg('title', { id: `chart-title-${party.iso3}` }, `Remaining land of ${party.name} over time`),
    svg('desc', {}, `Remaining land at the end of each year from ${rows[0].year}, in ${unit}; `
      + `the current deadline ${party.currentDeadline || 'none'}; the required trajectory from today's `
      + 'remaining land to zero at the deadline; the projection at the current annual rate.'),
  ];
  // y axis: 0, half and the top, in km² or ha
  children.push(...valueGrid({
    x1: left, x2: width - right, y, values: [0, 0.5, 1].map((f) => (maxSqm * f) / 1.1), divisor: scaleUnit, unit, top,
  }));
  // x axis: years
  const firstYear = new Date(startMs).getUTCFullYear();
  const lastYear = new Date(endMs).getUTCFullYear();
  const step = Math.max(1, Math.ceil((lastYear - firstYear) / 6));
  const years = [];
  for (let year = firstYear; year <= lastYear; year += step) years.push([x(dateMs(`${year}-01-01`)), year]);
  children.push(...baseLine({ x1: left, x2: width - right, y: height - bottom, labels: years }));
  if (isNumber(deadlineMs)) {
    children.push(
      svg('line', {
        x1: x(deadlineMs), x2: x(deadlineMs), y1: top, y2: height - bottom, stroke: '#000000',
        'stroke-width': 1.5, 'stroke-dasharray': '2 3', 'data-testid': 'chart-deadline',
      }),
      svg('text', { x: x(deadlineMs) - 3, y: top + 9, 'text-anchor': 'end', 'font-size': 10, fill: '#000000' },
        `deadline ${party.currentDeadline}`));
    if (deadlineMs > asOfMs && isNumber(party.remainingSqm) && party.remainingSqm > 0) {
      children.push(svg('path', {
        d: line([[asOfMs, party.remainingSqm], [deadlineMs, 0]]), fill: 'none', stroke: '#0072B2',
        'stroke-width': 2, 'stroke-dasharray': '7 4', 'data-testid': 'chart-required',
      }));
    }
  }
  if (isNumber(projectedMs) && projectedMs > asOfMs && isNumber(party.remainingSqm)) {
    const endProjection = Math.min(projectedMs, endMs);
    const share = (endProjection - asOfMs) / (projectedMs - asOfMs);
    children.push(svg('path', {
      d: line([[asOfMs, party.remainingSqm], [endProjection, party.remainingSqm * (1 - share)]]), fill: 'none',
      stroke: '#009E73', 'stroke-width': 2, 'stroke-dasharray': '1 3', 'stroke-linecap': 'round',
      'data-testid': 'chart-projected',
    }));
  }
  children.push(svg('path', {
    d: line(points), fill: 'none', stroke: '#D55E00', 'stroke-width': 2.5, 'data-testid': 'chart-remaining',
  }));
  for (const [ms, sqm] of points) {
    children.push(svg('circle', { cx: x(ms), cy: y(sqm), r: 2.5, fill: '#D55E00' }));
  }

  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart',
    'aria-labelledby': `chart-title-${party.iso3}`, 'data-testid': 'remaining-chart',
  }, children);
  const key = element('ul', { className: 'chart-key' },
    element('li', { className: 'key-remaining' }, 'remaining at year end (mapped)'),
    element('li', { className: 'key-required' }, 'required trajectory to the deadline'),
    element('li', { className: 'key-projected' }, 'projection at the current annual rate'),
    element('li', { className: 'key-deadline' }, 'current deadline'));
  return element('figure', { className: 'chart-figure' }, chart, key);
}

function balanceTable(party) {
  const rows = party.yearlyBalance || [];
  if (rows.length === 0) return null;
  const cell = (sqm) => element('td', { className: 'num' }, isNumber(sqm) ? numberFormat.format(sqm) : '—');
  return element('details', { className: 'balance' },
    element('summary', {}, 'Yearly balance (m²)'),
    element('div', { className: 'table-scroll' }, element('table', { className: 'data-table' },
      element('thead', {}, element('tr', {},
        ['Year', 'Start', 'New', 'Retired', 'Released', 'End'].map((h) => element('th', { scope: 'col' }, h)))),
      element('tbody', {}, rows.map((row) => element('tr', {},
        element('th', { scope: 'row' }, row.year), cell(row.remainingStartSqm), cell(row.newlyRecordedSqm),
        cell(row.retiredUnreleasedSqm), cell(row.releasedSqm), cell(row.remainingEndSqm)))))));
}

/**
 * A table read as stacked records: one block per row, each value under its column's label (the
 * labels are in the cells, so a narrow panel shows every column in full).
 */
export function stackedTable(testid, labels, rows) {
  return element('table', { className: 'data-table stacked-table', 'data-testid': testid },
    element('thead', {}, element('tr', {}, labels.map((h) => element('th', { scope: 'col' }, h)))),
    element('tbody', {}, rows.map((cells) => element('tr', {}, cells.map(([value, className], i) => {
      const content = [element('span', { className: 'cell-label' }, labels[i]),
        element('span', { className: 'cell-value' }, value)];
      return i === 0 ? element('th', { scope: 'row', className }, content) : element('td', { className }, content);
    })))));
}

function extensionTable(extensions) {
  if (extensions.length === 0) return element('p', { className: 'hint' }, 'No extension requested.');
  return stackedTable('extensions', ['Meeting', 'Requested until', 'Decision', 'Granted until', 'Source'],
    extensions.map((e) => [
      [[e.meeting || '—', e.submittedOn ? ` (submitted ${e.submittedOn})` : '']],
      [e.requestedUntil || '—'], [e.status || '—'], [e.grantedUntil || '—'], [e.source || '—', 'source']]));
}

function milestonesTable(milestones) {
  if (milestones.length === 0) return null;
  return [element('h3', {}, 'Milestones'), element('div', { className: 'table-scroll' }, element('table', { className: 'data-table' },
    element('thead', {}, element('tr', {},
      ['Year', 'Target (m²)', 'Released (m²)', 'Met'].map((h) => element('th', { scope: 'col' }, h)))),
    element('tbody', {}, milestones.map((m) => element('tr', {},
      element('th', { scope: 'row' }, m.year),
      element('td', { className: 'num' }, isNumber(m.targetReleaseSqm) ? numberFormat.format(m.targetReleaseSqm) : '—'),
      element('td', { className: 'num' }, isNumber(m.releasedSqm) ? numberFormat.format(m.releasedSqm) : '—'),
      element('td', {}, m.met === true ? 'yes' : m.met === false ? 'no' : '—'))))))];
}

/** A reported remaining area more than this many times the mapped one, or less than its inverse, is flagged. */
const FAR_RATIO = 10;
const ratioFormat = new Intl.NumberFormat('en', { maximumSignificantDigits: 3, useGrouping: false });

/** The server's reported ÷ mapped ratio, flagged when far from 1. */
function ratioCell(ratio) {
  if (!isNumber(ratio)) return '—';
  const text = `${ratioFormat.format(ratio)} times the mapped figure`;
  if (ratio <= FAR_RATIO && ratio >= 1 / FAR_RATIO) return text;
  return element('span', { className: 'ratio-flag', 'data-testid': 'ratio-flag' },
    element('span', { 'aria-hidden': 'true' }, '⚠ '), `${text}: far from it`);
}

/** Each reported figure beside the mapped figure of the same year, with its source. */
function reportedTable(party) {
  const reported = party.reportedFigures || [];
  if (reported.length === 0) return element('p', { className: 'hint' }, 'No reported figures recorded.');
  const balance = new Map((party.yearlyBalance || []).map((row) => [row.year, row]));
  const km2 = (sqm) => (isNumber(sqm) ? sqm / 1_000_000 : null);
  return [element('p', { className: 'hint', 'data-testid': 'ratio-threshold' },
    `⚠ marks a reported remaining area more than ${FAR_RATIO} times the mapped one, or less than a tenth of it.`),
  stackedTable('reported', ['Year', 'Reported remaining', 'Mapped remaining', 'Reported ÷ mapped',
    'Reported released', 'Mapped released', 'Source'],
  [...reported].sort((a, b) => a.year - b.year).map((f) => {
    const row = balance.get(f.year);
    return [[f.year], [formatKm2(f.remainingKm2)], [row ? formatKm2(km2(row.remainingEndSqm)) : 'not mapped'],
      [ratioCell(f.reportedToMappedRatio)], [formatKm2(f.releasedTotalKm2)],
      [row ? formatKm2(km2(row.releasedSqm)) : 'not mapped'],
      [[f.source || '—', f.confidence ? ` (${f.confidence})` : ''], 'source']];
  }))];
}
