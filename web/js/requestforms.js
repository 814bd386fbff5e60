// The coordinators' forms for extension requests (RecordForm specs, see records.js): a new request
// with its first revision, a revision of a pending request (starting as its latest revision), a
// question of the Analysis Group and the State Party's answer. A revision holds the meeting and its
// dates, the sections of Art. 4(6) as text, the figures as the State states them (km²), a work
// plan and its funding, rows of which are added and removed; the server checks every field.
import { jsonBody, number, setOptions } from './recordform.js';
import { SECTIONS, STATED_FIGURES, loadedRequests } from './requests.js';

export const FUNDING_STATUSES = ['pledged', 'secured', 'disbursed'];

export function requestLabel(e) {
  return [`request ${e.id}`, e.meeting, e.submittedOn ? `submitted ${e.submittedOn}` : null,
    e.requestedUntil ? `until ${e.requestedUntil}` : 'date requested not recorded'].filter(Boolean).join(', ');
}

const utcToday = () => new Date().toISOString().slice(0, 10);
const km2 = { type: 'number', min: 0, step: 'any', inputmode: 'decimal' };
const year = { type: 'number', min: 1990, max: 2100, step: 1, required: true };

const revisionFields = [
  { name: 'requestedUntil', label: 'Deadline requested', type: 'date', required: true,
    hint: 'After the current deadline, and at most five years past it.' },
  { name: 'submittedOn', label: 'Submitted on', type: 'date', initial: utcToday },
  { name: 'meeting', label: 'Meeting that decides it', maxlength: 200, placeholder: 'e.g. 14MSP' },
  { name: 'meetingDate', label: 'Date of that meeting', type: 'date' },
  { name: 'interim', label: 'Interim request (for the time to survey and plan)', type: 'checkbox' },
  { name: 'source', label: 'Source', maxlength: 500, placeholder: 'e.g. CCM/MSP/2026/5' },
  { group: 'Sections of the request (Art. 4(6); IMAS 07.13)' },
  ...SECTIONS.map(([name, reference, title]) => ({ name, label: `${title} (${reference})`, multiline: true, maxlength: 50_000 })),
  { group: 'Figures as the State states them (km²)' },
  ...STATED_FIGURES.map(([name, label]) => ({ name: `statedFigures.${name}`, label: `${label} (km²)`, ...km2 })),
  { rows: 'workPlan', legend: 'Work plan: one row per year', add: 'Add a year',
    hint: 'Areas to release in km², the teams deployed and the budget needed in US dollars; years within the '
      + 'request\'s period.',
    columns: [
      { name: 'year', label: 'Year', ...year },
      { name: 'cancelKm2', label: 'Cancel (km²)', ...km2 },
      { name: 'reduceKm2', label: 'Reduce (km²)', ...km2 },
      { name: 'clearKm2', label: 'Clear (km²)', ...km2 },
      { name: 'teams', label: 'Teams', type: 'number', min: 0, step: 1 },
      { name: 'budgetNeededUsd', label: 'Budget needed (USD)', type: 'number', min: 0, step: 'any' },
    ] },
  { rows: 'funding', legend: 'Funding: one row per year and source', add: 'Add funding',
    hint: 'The national budget or a named donor, the amount in US dollars and how far it has come.',
    columns: [
      { name: 'year', label: 'Year', ...year },
      { name: 'source', label: 'Source', maxlength: 200, required: true },
      { name: 'amountUsd', label: 'Amount (USD)', type: 'number', min: 0, step: 'any', required: true },
      { name: 'status', label: 'Status', options: FUNDING_STATUSES.map((s) => [s, s]) },
    ] },
];

/** A revision's JSON body from the form's values: numbers exactly as typed, empty fields left out. */
function revisionBody(v) {
  return jsonBody({
    requestedUntil: v.requestedUntil,
    submittedOn: v.submittedOn,
    meeting: v.meeting,
    meetingDate: v.meetingDate,
    interim: v.interim,
    source: v.source,
    ...Object.fromEntries(SECTIONS.map(([name]) => [name, v[name]])),
    statedFigures: Object.fromEntries(STATED_FIGURES.map(([name]) => [name, number(v[`statedFigures.${name}`])])),
    workPlan: v.workPlan.map((r) => ({
      year: number(r.year), cancelKm2: number(r.cancelKm2), reduceKm2: number(r.reduceKm2), clearKm2: number(r.clearKm2),
      teams: number(r.teams), budgetNeededUsd: number(r.budgetNeededUsd),
    })),
    funding: v.funding.map((r) => ({ year: number(r.year), source: r.source, amountUsd: number(r.amountUsd), status: r.status })),
  });
}

/** The request detail loaded for an id (requests.js), or undefined. */
const detailOf = (party, id) => loadedRequests(party).find((d) => String(d.id) === String(id));

/** Hides a form's fields and button when it has nothing to act on. */
function showFields(form, shown) {
  form.form.querySelectorAll('.field, .rows, .form-group, .date-row').forEach((node) => { node.hidden = !shown; });
  for (const { control } of form.controls.values()) control.disabled = !shown;
}

const newRequestForm = {
  key: 'extension',
  summary: 'New extension request (Art. 4(5), 4(6))',
  intro: (p) => `A request to extend the deadline, now ${p.currentDeadline || 'not recorded'}, by at most five years `
    + '(Art. 4(5)), with what Art. 4(6) asks it to set out; a further one may follow (Art. 4(8)). The Meeting of '
    + 'States Parties decides on it (Art. 4(7)).',
  fields: revisionFields,
  submit: 'Record the request',
  request: (v) => ({ method: 'POST', path: 'extension-requests', body: revisionBody(v) }),
  done: (a) => `Recorded request ${a.extension.id} (until ${a.extension.requestedUntil}); pending a decision. `
    + `The current deadline stays ${a.currentDeadline}.`,
};

const pending = (party) => (party.extensions || []).filter((e) => e.status === 'submitted');

const revisionForm = {
  key: 'revision',
  summary: 'Revision of a pending request',
  intro: (p) => (pending(p).length === 0
    ? 'No extension request awaits a decision.'
    : 'A new revision, e.g. after the Analysis Group\'s questions; it starts as the latest revision. The earlier '
      + 'revisions stay as they were.'),
  fields: [{ name: 'request', label: 'Request', options: [], required: true }, ...revisionFields],
  submit: 'Record the revision',
  update(form, party) {
    const requests = pending(party);
    setOptions(form.control('request'), requests.map((e) => [String(e.id), requestLabel(e)]));
    showFields(form, requests.length > 0);
    if (requests.length === 0) return;
    const detail = detailOf(party, form.control('request').value);
    // filled from the latest revision when the request chosen or its revisions change, not over what is typed
    const key = detail ? `${detail.id}:${detail.revisions.length}` : null;
    if (key && form.filledFrom !== key) {
      form.filledFrom = key;
      form.fill(detail);
    }
    if (!form.wired) {
      form.wired = true;
      form.control('request').addEventListener('change', () => form.spec.update(form, form.party));
    }
  },
  request: ({ request, ...v }) => ({
    method: 'POST', path: `extension-requests/${encodeURIComponent(request)}/revisions`, body: revisionBody(v),
  }),
  done: (a) => `Recorded revision ${a.revisions.length} of request ${a.id} (until ${a.requestedUntil}).`,
};

const questionForm = {
  key: 'question',
  summary: 'Question to the State Party',
  intro: (p) => ((p.extensions || []).length === 0
    ? 'No extension request is recorded.'
    : 'A question of the Analysis Group on a request; the State Party\'s answer is recorded with it.'),
  fields: [
    { name: 'request', label: 'Request', options: [], required: true },
    { name: 'question', label: 'Question', multiline: true, required: true, maxlength: 50_000 },
    { name: 'askedOn', label: 'Asked on', type: 'date', initial: utcToday },
    { name: 'askedBy', label: 'Asked by', maxlength: 200, placeholder: 'e.g. Analysis Group' },
  ],
  submit: 'Record the question',
  update(form, party) {
    const requests = [...(party.extensions || [])].reverse();
    setOptions(form.control('request'), requests.map((e) => [String(e.id), requestLabel(e)]));
    showFields(form, requests.length > 0);
  },
  request: ({ request, ...v }) => ({
    method: 'POST', path: `extension-requests/${encodeURIComponent(request)}/questions`, body: jsonBody(v),
  }),
  done: (a) => `Recorded the question on request ${a.id}; it awaits an answer.`,
};

const openQuestions = (party) => loadedRequests(party).flatMap((d) => (d.questions || [])
  .filter((q) => !q.answeredOn && !q.answer).map((q) => [`${d.id}/${q.id}`,
    `request ${d.id}, ${q.askedOn}: ${q.question.length > 70 ? `${q.question.slice(0, 69)}…` : q.question}`]));

const answerForm = {
  key: 'answer',
  summary: 'Answer to a question',
  intro: (p) => (openQuestions(p).length === 0
    ? 'No question awaits an answer.'
    : 'The State Party\'s answer to an open question; an answer is kept as given.'),
  fields: [
    { name: 'question', label: 'Question', options: [], required: true },
    { name: 'answer', label: 'Answer', multiline: true, required: true, maxlength: 50_000 },
    { name: 'answeredOn', label: 'Answered on', type: 'date', initial: utcToday },
  ],
  submit: 'Record the answer',
  update(form, party) {
    const questions = openQuestions(party);
    setOptions(form.control('question'), questions);
    showFields(form, questions.length > 0);
  },
  request: ({ question, ...v }) => {
    const [request, id] = question.split('/');
    return {
      method: 'POST',
      path: `extension-requests/${encodeURIComponent(request)}/questions/${encodeURIComponent(id)}/answer`,
      body: jsonBody(v),
    };
  },
  done: (a) => `Recorded the answer on request ${a.id}.`,
};

/** The forms of this module, in the order the panel shows them. */
export function requestFormSpecs() {
  return [newRequestForm, revisionForm, questionForm, answerForm];
}
