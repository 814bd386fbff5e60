// The State Party panel's Country Coalition (GET /api/state-parties/{iso3}/coalition): its partners,
// notes and meetings, whether a coalition exists, and the funding picture of the latest extension
// request per year (needed, pledged, secured, disbursed, the gap, in words as well) with the
// request and revision it comes from. For a coordinator's or an admin's token, the forms that put
// the partners and notes and add a meeting (recordform.js). Kept for an affected State Party only.
import { fetchJson } from './api.js';
import { element, figureList, isNumber } from './dom.js';
import { RecordForm, jsonBody } from './recordform.js';
import { stackedTable } from './panel.js';
import { mayWriteRecords } from './records.js';

export const PARTNER_KINDS = [
  ['donor', 'donor'], ['state', 'State'], ['operator', 'operator'],
  ['international-organisation', 'international organisation'], ['ngo', 'NGO'],
];
const KIND_LABELS = Object.fromEntries(PARTNER_KINDS);
const usd = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const money = (v) => (isNumber(v) ? usd.format(v) : '—');

let loaded = { iso3: null, promise: null, value: null }; // the coalition last asked for, and once in, its answer
let current = null; // the forms of the State Party shown: { iso3, forms, filled }

/** After a write: the coalition is asked again with the panel's next figures. */
export function forgetCoalition() {
  loaded = { iso3: null, promise: null, value: null };
}

function load(iso3) {
  if (loaded.iso3 !== iso3) {
    const entry = { iso3, promise: null, value: null };
    entry.promise = fetchJson(`./api/state-parties/${encodeURIComponent(iso3)}/coalition`).then((c) => {
      entry.value = c;
      return c;
    }, (err) => {
      if (loaded === entry) forgetCoalition();
      throw err;
    });
    loaded = entry;
  }
  return loaded.promise;
}

/** A gap in words, beside its amount: what is still to find, or that the need is met. */
export function gapWords(gap) {
  if (!isNumber(gap)) return 'no budget stated';
  if (gap > 0) return 'still to find';
  if (gap === 0) return 'fully funded';
  return 'more funded than needed';
}

function fundingPart(c) {
  const f = c.funding;
  if (!f) {
    return element('p', { className: 'hint', 'data-testid': 'coalition-funding-none' },
      'No extension request is recorded: no funding picture.');
  }
  return [
    element('p', { className: 'hint', 'data-testid': 'coalition-funding-from' },
      `From extension request ${f.extensionRequestId}, revision ${f.revisionNumber} (its latest): the work plan's `
      + 'budget needed and the funding entries of that revision, in US dollars. A pledge does not close the gap.'),
    f.synthetic ? element('p', { className: 'demo-tag' }, 'synthetic demo request') : null,
    f.years.length === 0 ? element('p', { className: 'hint' }, 'The revision states no budget or funding.')
      : stackedTable('coalition-funding', ['Year', 'Needed', 'Pledged', 'Secured', 'Disbursed', 'Gap'],
        f.years.map((y) => [[y.year],
          ...[['needed', y.neededUsd], ['pledged', y.pledgedUsd], ['secured', y.securedUsd], ['disbursed', y.disbursedUsd]]
            .map(([name, v]) => [element('span', { 'data-testid': `coalition-funding-${y.year}-${name}` }, money(v))]),
          [gap(y.gapUsd, `coalition-funding-${y.year}-gap`)]])),
    figureList([['Gap in all', gap(f.gapUsd, 'coalition-funding-gap'), 'coalition-funding-gap-all']]),
  ];
}

/** A gap as an amount and in words (never by colour alone). */
function gap(amount, testid) {
  return element('span', { className: `gap ${isNumber(amount) && amount > 0 ? 'gap-open' : ''}`, 'data-testid': testid },
    element('span', {}, money(amount)), element('span', { className: 'gap-words' }, gapWords(amount)));
}

function partnersPart(c) {
  if (c.partners.length === 0) return element('p', { className: 'hint', 'data-testid': 'coalition-partners' }, 'No partner recorded.');
  return element('div', { className: 'table-scroll' }, element('table', { className: 'data-table', 'data-testid': 'coalition-partners' },
    element('caption', {}, `Partners (${c.partners.length})`),
    element('thead', {}, element('tr', {}, ['Name', 'Kind', 'Role'].map((h) => element('th', { scope: 'col' }, h)))),
    element('tbody', {}, c.partners.map((p) => element('tr', {},
      element('th', { scope: 'row' }, p.name), element('td', {}, KIND_LABELS[p.kind] || p.kind), element('td', {}, p.role || '—'))))));
}

function meetingsPart(c) {
  if (c.meetings.length === 0) return element('p', { className: 'hint', 'data-testid': 'coalition-meetings' }, 'No meeting recorded.');
  return element('ol', { className: 'coalition-meetings', 'data-testid': 'coalition-meetings' }, c.meetings.map((m) => element('li', {},
    element('strong', {}, `${m.date}: ${m.title}`), m.notes ? element('p', { className: 'meeting-notes' }, m.notes) : null)));
}

function show(body, c, party) {
  if (!c.affected) {
    body.replaceChildren(element('p', { 'data-testid': 'coalition-completed' },
      `${c.name} has completed clearance${c.completedOn ? ` (declared ${c.completedOn})` : ''}: `
      + 'no Country Coalition is kept for it.'));
    return;
  }
  body.replaceChildren(...[
    figureList([['A Country Coalition exists', c.coalitionExists ? 'yes (partners or meetings recorded)' : 'no',
      'coalition-exists']]),
    element('h4', {}, 'Partners'), partnersPart(c),
    element('h4', {}, 'Notes'),
    element('p', { className: c.notes ? 'coalition-notes' : 'hint', 'data-testid': 'coalition-notes' }, c.notes || 'No notes.'),
    element('h4', {}, 'Meetings'), meetingsPart(c),
    element('h4', {}, 'Funding'), fundingPart(c),
    forms(c, party),
  ].flat().filter(Boolean));
}

/** The Country Coalition section of a State Party's panel; its content follows once loaded. */
export function coalitionSection(party) {
  const body = element('div', { className: 'coalition-body' },
    element('p', { className: 'hint loading' }, 'Loading the Country Coalition…'));
  const section = element('section', { className: 'coalition', 'data-testid': 'coalition', 'aria-labelledby': 'coalition-heading' },
    element('h3', { id: 'coalition-heading' }, 'Country Coalition and funding'), body);
  const iso3 = party.iso3;
  if (loaded.iso3 === iso3 && loaded.value) {
    show(body, loaded.value, party); // drawn at once, so that a form's control keeps the focus across a redraw
    return section;
  }
  document.body.dataset.coalition = 'loading';
  load(iso3).then((c) => {
    show(body, c, party);
    document.body.dataset.coalition = iso3;
  }, (err) => {
    body.replaceChildren(element('p', { className: 'error-message', role: 'alert' },
      `Could not load the Country Coalition — ${err.message}`));
    document.body.dataset.coalition = 'error';
  });
  return section;
}

const partnersForm = {
  key: 'coalition',
  summary: 'Partners and notes',
  intro: (p) => `The partners of ${p.name}'s Country Coalition and notes on it. What is sent replaces the partners `
    + 'and notes recorded; the meetings stay.',
  fields: [
    { rows: 'partners', legend: 'Partners', add: 'Add a partner', columns: [
      { name: 'name', label: 'Name', required: true, maxlength: 200 },
      { name: 'kind', label: 'Kind', options: PARTNER_KINDS },
      { name: 'role', label: 'Role', maxlength: 500 },
    ] },
    { name: 'notes', label: 'Notes', multiline: true, maxlength: 20000 },
  ],
  submit: 'Save the partners and notes',
  request: (v) => ({ method: 'PUT', path: 'coalition', body: jsonBody({ partners: v.partners, notes: v.notes }) }),
  done: (a) => {
    forgetCoalition();
    if (current) current.filled = null; // the form is filled from what is recorded, even when unchanged
    return `Saved ${a.partners.length} partner${a.partners.length === 1 ? '' : 's'} of ${a.name}.`;
  },
};

const today = () => new Date().toISOString().slice(0, 10);

const meetingForm = {
  key: 'meeting',
  summary: 'Add a meeting',
  intro: (p) => `A meeting of ${p.name}'s Country Coalition, on or after entry into force (${p.eifDate}). `
    + 'Meetings are only added, never changed.',
  fields: [
    { name: 'date', label: 'Date', type: 'date', required: true, initial: today },
    { name: 'title', label: 'Title', required: true, maxlength: 200 },
    { name: 'notes', label: 'Notes', multiline: true, maxlength: 20000 },
  ],
  submit: 'Add the meeting',
  request: (v) => ({ method: 'POST', path: 'coalition/meetings', body: jsonBody(v) }),
  done: (a) => {
    forgetCoalition();
    return `Added the meeting; ${a.name}'s coalition has ${a.meetings.length} meeting${a.meetings.length === 1 ? '' : 's'}.`;
  },
};

/**
 * The coordinators' forms, or null without a writer's token. The same forms come back for the
 * same State Party, so what was typed survives a redraw; the partners form is filled anew from
 * what is recorded whenever that changes.
 */
function forms(c, party) {
  if (!mayWriteRecords()) {
    current = null;
    return null;
  }
  if (!current || current.iso3 !== c.iso3) {
    current = { iso3: c.iso3, forms: [new RecordForm(partnersForm, party), new RecordForm(meetingForm, party)], filled: null };
  }
  const recorded = JSON.stringify([c.partners, c.notes]);
  if (current.filled !== recorded) {
    current.forms[0].fill({ partners: c.partners, notes: c.notes || '' });
    current.filled = recorded;
  }
  for (const form of current.forms) form.update(party);
  return element('div', { className: 'records coalition-forms', 'data-testid': 'coalition-forms' },
    element('h4', {}, 'Country Coalition (coordinators)'),
    element('p', { className: 'hint' }, 'Written with your token and audited; the server checks every field.'),
    current.forms.map((form) => form.details));
}
