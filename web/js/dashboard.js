// The deadline dashboard: every State Party side by side from GET /api/deadlines, sortable by any
// column with keyboard-operable header buttons (aria-sort), each row coloured by status and
// labelled in words as well. The table scrolls sideways under a sticky first column, so that
// every column can be reached at any width; a legend names each status and its colour.
import {
  areaUnitSymbol, element, formatAreaNumber, formatKm2, formatPercent, isNumber, numberFormat, statusBadge,
} from './dom.js';

const STATUS_ORDER = {
  'deadline-passed': 0, 'off-track': 1, 'at-risk': 2, 'on-track': 3, completed: 4, 'no-data': 5,
};

/** The statuses in the legend, in the order of STATUS_ORDER, with what each means. */
const LEGEND = [
  ['deadline-passed', 'Deadline passed', 'the current deadline lies before the date'],
  ['off-track', 'Off track', 'projected more than a year late, or no release rate'],
  ['at-risk', 'At risk', 'projected within a year after the deadline'],
  ['on-track', 'On track', 'projected by the deadline'],
  ['completed', 'Completed', 'declared, or nothing remaining'],
  ['no-data', 'No data', 'nothing mapped or reported'],
];

const passed = (r) => r.status === 'deadline-passed';

/** "2.17 years ago (791 days)" as the server counts them. */
function timeSince(r) {
  return `${r.deadlinePassedYears} years ago (${numberFormat.format(r.deadlinePassedDays)} days)`;
}

function statusCell(r) {
  if (!passed(r)) return statusBadge(r.status);
  return [statusBadge(r.status), element('span', { className: 'status-note', 'data-testid': 'pending-note' },
    r.extensionRequestPending ? 'extension request pending' : 'no extension request pending')];
}

const COLUMNS = [
  { key: 'name', label: 'State Party', value: (r) => r.name, cell: (r) => `${r.name} (${r.iso3})` },
  { key: 'status', label: 'Status', value: (r) => STATUS_ORDER[r.status] ?? 9, cell: statusCell },
  { key: 'currentDeadline', label: 'Current deadline', value: (r) => r.currentDeadline || '', className: 'date',
    cell: (r) => r.currentDeadline || '—' },
  { key: 'extensionsGranted', label: 'Extensions granted', value: (r) => r.extensionsGranted ?? -1, numeric: true,
    cell: (r) => (isNumber(r.extensionsGranted) ? String(r.extensionsGranted) : '—') },
  { key: 'yearsLeft', label: 'Years left', value: (r) => r.yearsLeft ?? -Infinity, numeric: true,
    cell: (r) => (passed(r) ? element('span', { className: 'passed' }, `Deadline passed ${timeSince(r)}`)
      : isNumber(r.yearsLeft) ? r.yearsLeft.toFixed(2) : '—') },
  { key: 'remainingSqm', label: () => `Remaining (${areaUnitSymbol()})`, value: (r) => r.remainingSqm ?? -1, numeric: true,
    cell: (r) => formatAreaNumber(r.remainingSqm) },
  { key: 'progress', label: 'Progress', value: (r) => r.progress ?? -1, numeric: true,
    cell: (r) => formatPercent(r.progress) },
  { key: 'annualRateSqm', label: () => `Annual rate (${areaUnitSymbol()} a year)`, value: (r) => r.annualRateSqm ?? -1,
    numeric: true, cell: (r) => formatAreaNumber(r.annualRateSqm) },
  { key: 'requiredRateSqm', label: () => `Required rate (${areaUnitSymbol()} a year)`, value: (r) => r.requiredRateSqm ?? -1,
    numeric: true,
    cell: (r) => (isNumber(r.requiredRateSqm) ? formatAreaNumber(r.requiredRateSqm)
      : passed(r) ? 'none: passed' : '—') },
  { key: 'projectedCompletion', label: 'Projected completion', value: (r) => r.projectedCompletion || '9999',
    className: 'date',
    cell: (r) => r.projectedCompletion || 'none' },
  { key: 'latestReported', label: 'Latest reported remaining', value: (r) => r.latestReported?.remainingKm2 ?? -1,
    numeric: true, className: 'num wrap',
    cell: (r) => (r.latestReported
      ? [`${formatKm2(r.latestReported.remainingKm2)} (${r.latestReported.year})`,
        element('span', { className: 'source' }, r.latestReported.source || 'no source')]
      : 'none') },
];

export class DeadlineDashboard {
  constructor(container, { onChoose }) {
    this.container = container;
    this.onChoose = onChoose;
    this.rows = [];
    this.sortKey = 'status';
    this.ascending = true;
  }

  show(rows) {
    this.rows = rows;
    this.render();
  }

  sortBy(key) {
    if (this.sortKey === key) this.ascending = !this.ascending;
    else {
      this.sortKey = key;
      this.ascending = true;
    }
    this.render();
    this.container.querySelector(`button[data-sort="${key}"]`)?.focus();
  }

  sorted() {
    const column = COLUMNS.find((c) => c.key === this.sortKey);
    const sign = this.ascending ? 1 : -1;
    return [...this.rows].sort((a, b) => {
      const va = column.value(a);
      const vb = column.value(b);
      const order = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
      return order !== 0 ? sign * order : a.name.localeCompare(b.name);
    });
  }

  render() {
    const header = element('tr', {}, COLUMNS.map((column) => {
      const active = column.key === this.sortKey;
      const button = element('button', { type: 'button', className: 'sort-button', 'data-sort': column.key },
        typeof column.label === 'function' ? column.label() : column.label, element('span', { className: 'sort-mark', 'aria-hidden': 'true' },
          active ? (this.ascending ? ' ▲' : ' ▼') : ' ↕'));
      button.addEventListener('click', () => this.sortBy(column.key));
      return element('th', {
        scope: 'col', 'aria-sort': active ? (this.ascending ? 'ascending' : 'descending') : 'none',
        className: column.numeric ? 'num' : '',
      }, button);
    }));
    const body = element('tbody', {}, this.sorted().map((row) => {
      const tr = element('tr', { className: `status-row status-row-${row.status || 'unknown'}`, 'data-iso3': row.iso3,
        'data-testid': `deadline-row-${row.iso3}` },
      COLUMNS.map((column, i) => {
        if (i === 0) {
          const link = element('button', { type: 'button', className: 'link-button' }, column.cell(row));
          link.addEventListener('click', () => this.onChoose(row.iso3));
          return element('th', { scope: 'row' }, link);
        }
        return element('td', { className: column.className || (column.numeric ? 'num' : '') }, column.cell(row));
      }));
      return tr;
    }));
    const asOf = this.rows[0]?.asOf;
    this.container.replaceChildren(
      element('p', { className: 'hint' }, `${this.rows.length} States Parties${asOf ? `, as of ${asOf}` : ''}. `
        + 'Sort by any column with its header button; choose a State Party to open it on the map. '
        + 'The table scrolls sideways; the State Party column stays in place.'),
      legend(),
      element('div', { className: 'table-scroll dashboard-scroll' },
        element('table', { className: 'data-table dashboard-table', 'data-testid': 'deadline-table' },
          element('caption', {}, 'Article 4 deadlines and progress of every State Party'),
          element('thead', {}, header), body)));
  }
}

function legend() {
  return element('ul', { className: 'status-legend', 'data-testid': 'dashboard-legend', 'aria-label': 'Statuses' },
    LEGEND.map(([key, label, meaning]) => element('li', {},
      element('span', { className: `legend-swatch swatch-${key}`, 'aria-hidden': 'true' }),
      element('strong', {}, label), `: ${meaning}`)));
}
