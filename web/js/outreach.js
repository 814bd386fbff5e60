// The coordinators' outreach list under the deadline dashboard (GET /api/coalitions/outreach?asOf=):
// the States Parties not completed whose current deadline falls in the next 24 months (passed ones
// included), with their status, a pending extension request, the funding gap of the latest request
// (in words as well) and whether a Country Coalition exists. Every figure is the server's.
import { fetchJson, withAsOf } from './api.js';
import { gapWords } from './coalition.js';
import { element, isNumber, statusBadge } from './dom.js';

const usd = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

const byId = (id) => document.getElementById(id);
const dom = { summary: byId('outreach-summary'), body: byId('outreach-body') };
let sequence = 0;

function request(row) {
  if (!row.extensionRequestPending) return 'none pending';
  return `request ${row.pendingExtensionRequestId} pending${row.requestedUntil ? `, until ${row.requestedUntil}` : ''}`;
}

function gap(row) {
  const from = row.fundingFrom
    ? `request ${row.fundingFrom.extensionRequestId}, revision ${row.fundingFrom.revisionNumber}` : 'no extension request';
  return element('span', { className: 'gap', 'data-testid': `outreach-${row.iso3}-gap` },
    element('span', {}, isNumber(row.fundingGapUsd) ? usd.format(row.fundingGapUsd) : '—'),
    element('span', { className: 'gap-words' }, `${gapWords(row.fundingGapUsd)} (${from})`));
}

const HEADERS = ['State Party', 'Current deadline', 'Status', 'Extension request', 'Funding gap (USD)', 'Country Coalition'];

function table(rows, onChoose) {
  return element('div', { className: 'table-scroll' }, element('table', { className: 'data-table outreach-table', 'data-testid': 'outreach-table' },
    element('thead', {}, element('tr', {}, HEADERS.map((h) => element('th', { scope: 'col' }, h)))),
    element('tbody', {}, rows.map((row) => {
      const link = element('button', { type: 'button', className: 'link-button', 'data-testid': `outreach-${row.iso3}` },
        `${row.name} (${row.iso3})`);
      link.addEventListener('click', () => onChoose(row.iso3));
      return element('tr', {}, element('th', { scope: 'row' }, link), element('td', { className: 'date' }, row.currentDeadline || '—'),
        element('td', {}, statusBadge(row.status)), element('td', {}, request(row)), element('td', { className: 'num' }, gap(row)),
        element('td', {}, row.coalitionExists ? 'exists' : 'none yet'));
    }))));
}

/** Loads the list for the date shown; onChoose(iso3) opens a State Party on the map. */
export async function loadOutreach(asOf, onChoose) {
  const current = ++sequence;
  dom.body.replaceChildren(element('p', { className: 'hint' }, 'Loading…'));
  try {
    const answer = await fetchJson(withAsOf('./api/coalitions/outreach', asOf));
    if (current !== sequence) return;
    const rows = answer.stateParties;
    dom.summary.textContent = `Outreach: ${rows.length} States Parties with a deadline by ${answer.until} (passed ones included)`;
    dom.body.replaceChildren(
      element('p', { className: 'hint' }, `As of ${answer.asOf}: not completed, current deadline on or before `
        + `${answer.until}, by deadline. The funding gap is that of the latest extension request.`),
      rows.length === 0 ? element('p', { className: 'hint' }, 'None.') : table(rows, onChoose));
    document.body.dataset.outreach = String(rows.length);
  } catch (err) {
    if (current !== sequence) return;
    dom.body.replaceChildren(element('p', { className: 'error-message', role: 'alert' },
      `Could not load the outreach list — ${err.message}`));
    document.body.dataset.outreach = 'error';
  }
}
