// The coordinators' forms in the State Party panel, shown for a coordinator's or an admin's token
// only: an extension request, its revisions, questions and answers (requestforms.js), the decision
// on a pending one, a reported figure, a work-plan milestone and the declaration of completion (the
// treaty-record writes of the API), each a RecordForm (recordform.js).
import { element } from './dom.js';
import { sqmFromKm2 } from './decimal.js';
import {
  RecordForm, jsonBody, number, onRecordWritten, setOptions,
} from './recordform.js';
import { requestFormSpecs, requestLabel } from './requestforms.js';
import { forgetRequests } from './requests.js';

const WRITERS = new Set(['coordinator', 'admin']);
const squareMetres = new Intl.NumberFormat('en', { maximumFractionDigits: 20 });

let current = null; // the forms of the State Party shown: { iso3, section, forms }

/** written(iso3) is called (and awaited) after each successful write, to refresh what it changed. */
export function initRecordForms(callbacks) {
  onRecordWritten(async (iso3) => {
    forgetRequests(); // a write may change any request shown
    await callbacks.written(iso3);
  });
}

/** The forms shown follow what is known of the State Party's requests (loaded after the panel, see requests.js). */
export function updateRecordForms() {
  if (current) for (const form of current.forms) form.update(current.party);
}

/** True when the token entered is a coordinator's or an admin's (see upload.js). */
export function mayWriteRecords() {
  return WRITERS.has(document.body.dataset.token || '');
}

/**
 * The forms for the State Party drawn, or null without a writer's token. The same elements come
 * back for the same State Party, so what was typed survives a redraw; lists and hints follow it.
 */
export function recordForms(party) {
  if (!mayWriteRecords()) {
    current = null;
    return null;
  }
  if (!current || current.iso3 !== party.iso3) current = build(party);
  current.party = party;
  for (const form of current.forms) form.update(party);
  return current.section;
}

function utcToday() {
  return new Date().toISOString().slice(0, 10);
}

function yearShown(party) {
  return Number((party.asOf || '').slice(0, 4)) || new Date().getUTCFullYear();
}

const pending = (party) => (party.extensions || []).filter((e) => e.status === 'submitted');

const decisionForm = {
  key: 'decision',
  summary: 'Decision on a request (Art. 4(7))',
  intro: (p) => (pending(p).length === 0
    ? 'No extension request awaits a decision.'
    : `The Meeting of States Parties' decision. A granted request sets the deadline (original ${p.originalDeadline}).`),
  fields: [
    { name: 'request', label: 'Request', options: [], required: true },
    { name: 'status', label: 'Decision', required: true,
      options: [['granted', 'granted'], ['refused', 'refused'], ['withdrawn', 'withdrawn by the State Party']] },
    { name: 'grantedUntil', label: 'Deadline granted', type: 'date', required: true,
      hint: 'Only for a granted request: the new deadline.' },
    { name: 'decidedOn', label: 'Decided on', type: 'date', initial: utcToday },
    { name: 'meeting', label: 'Meeting', maxlength: 200, placeholder: 'e.g. 14MSP' },
  ],
  submit: 'Record the decision',
  update(form, party) {
    const requests = pending(party);
    if (setOptions(form.control('request'), requests.map((e) => [String(e.id), requestLabel(e)]))) {
      form.control('grantedUntil').value = ''; // it was the date of the request chosen before
    }
    form.form.querySelectorAll('.field, .date-row').forEach((node) => { node.hidden = requests.length === 0; });
    for (const name of ['request', 'status', 'grantedUntil', 'decidedOn', 'meeting']) form.control(name).disabled = requests.length === 0;
    if (requests.length === 0) return;
    form.showField('grantedUntil', form.control('status').value === 'granted');
    if (!form.control('grantedUntil').value) {
      form.control('grantedUntil').value = requests.find((e) => String(e.id) === form.control('request').value)?.requestedUntil || '';
    }
    if (!form.wired) {
      form.wired = true;
      form.control('status').addEventListener('change', () => form.spec.update(form, form.party));
      form.control('request').addEventListener('change', () => {
        form.control('grantedUntil').value = '';
        form.spec.update(form, form.party);
      });
    }
  },
  request: ({ request, ...v }) => ({ method: 'POST', path: `extension-requests/${encodeURIComponent(request)}/decision`, body: jsonBody(v) }),
  done: (a) => `Recorded: request ${a.extension.id} ${a.extension.status}`
    + `${a.extension.grantedUntil ? ` until ${a.extension.grantedUntil}` : ''}. The current deadline is ${a.currentDeadline}.`,
};

const km2Field = (name, label) => ({ name, label: `${label} (km²)`, type: 'number', min: 0, step: 'any', inputmode: 'decimal' });

const figureForm = {
  key: 'figure',
  summary: 'Reported figure (Art. 7 report or monitor)',
  intro: () => 'What a State Party\'s Article 7 report or a monitor gives for one calendar year, in km², with its '
    + 'source; at least one figure. Figures from different sources are kept side by side.',
  fields: [
    { name: 'year', label: 'Year', type: 'number', min: 1990, max: 2100, step: 1, required: true, initial: yearShown },
    { name: 'source', label: 'Source', maxlength: 500, required: true, placeholder: 'e.g. Article 7 report 2026' },
    km2Field('remainingKm2', 'Remaining'),
    km2Field('cancelledKm2', 'Cancelled'),
    km2Field('reducedKm2', 'Reduced'),
    km2Field('clearedKm2', 'Cleared'),
    km2Field('releasedKm2', 'Released, total'),
    { name: 'submunitionsDestroyed', label: 'Submunitions destroyed', type: 'number', min: 0, step: 1 },
    { name: 'confidence', label: 'Confidence', maxlength: 40, list: 'records-confidence-values',
      placeholder: 'e.g. confirmed' },
  ],
  submit: 'Record the figure',
  request: (v) => ({
    method: 'POST', path: 'reported-figures',
    body: jsonBody({
      ...v, year: number(v.year), remainingKm2: number(v.remainingKm2), cancelledKm2: number(v.cancelledKm2),
      reducedKm2: number(v.reducedKm2), clearedKm2: number(v.clearedKm2), releasedKm2: number(v.releasedKm2),
      submunitionsDestroyed: number(v.submunitionsDestroyed),
    }),
  }),
  done: (a) => `Recorded the figure for ${a.year} (${a.source}).`,
};

const milestoneForm = {
  key: 'milestone',
  summary: 'Work-plan milestone (Art. 4(6))',
  intro: () => 'The area to release in a year, as in the work plan of an extension request (Art. 4(6)). A milestone '
    + 'for a year already set replaces it.',
  fields: [
    { name: 'year', label: 'Year', type: 'number', min: 1990, max: 2100, step: 1, required: true, initial: yearShown },
    { name: 'targetKm2', label: 'Area to release that year (km²)', type: 'number', min: 0, step: 'any', required: true,
      inputmode: 'decimal', hint: 'Entered in km²; sent to the server in m² (1 km² = 1,000,000 m², converted exactly).' },
    { name: 'extensionRequestId', label: 'From the work plan of', options: [] },
    { name: 'source', label: 'Source', maxlength: 500 },
  ],
  submit: 'Set the milestone',
  update(form, party) {
    setOptions(form.control('extensionRequestId'),
      [['', 'no extension request'], ...(party.extensions || []).map((e) => [String(e.id), requestLabel(e)])]);
    const target = form.control('targetKm2');
    if (!form.preview) {
      form.preview = element('output', { className: 'field-hint', for: target.id, 'data-testid': 'records-milestone-sqm' });
      target.after(form.preview);
      target.addEventListener('input', () => form.spec.update(form, form.party));
    }
    const sqm = target.value === '' ? null : sqmFromKm2(target.value);
    form.preview.textContent = sqm === null ? '' : `= ${squareMetres.format(sqm)} m²`;
  },
  request: ({ year, targetKm2, extensionRequestId, source }) => ({
    method: 'PUT', path: `milestones/${encodeURIComponent(year)}`,
    body: jsonBody({ targetReleaseSqm: { json: sqmFromKm2(targetKm2) }, extensionRequestId: number(extensionRequestId), source }),
  }),
  done: (a) => `Set the milestone for ${a.year}: ${squareMetres.format(a.targetReleaseSqm)} m².`,
};

const completionForm = {
  key: 'completion',
  summary: 'Declaration of completion (Art. 4(1)(c))',
  intro: (p) => `The date ${p.name} declared compliance with Art. 4(1)(a): on or after entry into force `
    + `(${p.eifDate}), not in the future.${p.completedOn ? ` Recorded now: ${p.completedOn}; a new date replaces it.` : ''}`,
  fields: [{ name: 'completedOn', label: 'Declared on', type: 'date', required: true, initial: utcToday }],
  submit: 'Record the declaration',
  request: (v) => ({ method: 'POST', path: 'completion', body: jsonBody(v) }),
  done: (a) => `Recorded: ${a.name} completed on ${a.completedOn}.`,
};

function build(party) {
  const forms = [...requestFormSpecs(), decisionForm, figureForm, milestoneForm, completionForm]
    .map((spec) => new RecordForm(spec, party));
  const section = element('section', { className: 'records', 'data-testid': 'records', 'aria-labelledby': 'records-heading' },
    element('h3', { id: 'records-heading' }, 'Treaty records (coordinators)'),
    element('p', { className: 'hint' }, 'Written with your token and audited; the server checks every field.'),
    element('datalist', { id: 'records-confidence-values' },
      ['confirmed', 'unconfirmed', 'medium (secondary source)'].map((v) => element('option', { value: v }))),
    forms.map((form) => form.details));
  return { iso3: party.iso3, section, forms };
}
