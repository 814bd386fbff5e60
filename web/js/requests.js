// The State Party panel's extension requests: each request with its status, meeting, dates and
// revisions (the latest shown, any earlier one on request), its sections, the figures as stated,
// the work plan against the land released each year and its funding (planchart.js), the questions
// and answers, and the analysis (GET .../extension-requests/{id}/analysis). Loaded after the
// panel is drawn: once for a State Party's list of requests and their statuses, and after a write.
import { fetchJson } from './api.js';
import { element, figureList, formatKm2 } from './dom.js';
import { fundingTable, planChart, planTable } from './planchart.js';

/** The sections of a request: JSON field, reference, title (as the API names them). */
export const SECTIONS = [
  ['reasons', '4(6)(b)', 'Reasons for the proposed extension'],
  ['meansAvailable', '4(6)(b)', 'Financial and technical means available'],
  ['meansRequired', '4(6)(b)', 'Financial and technical means required'],
  ['workStatus', '4(6)(c)', 'Preparation of future work and status of work already conducted'],
  ['impediments', '4(6)(g)', 'Circumstances that have impeded and may impede clearance'],
  ['humanitarianImplications', '4(6)(h)', 'Humanitarian implications'],
  ['socialImplications', '4(6)(h)', 'Social implications'],
  ['economicImplications', '4(6)(h)', 'Economic implications'],
  ['environmentalImplications', '4(6)(h)', 'Environmental implications'],
  ['other', '4(6)(i)', 'Any other information relevant to the request'],
  ['riskEducation', 'IMAS 07.13', 'Risk education'],
  ['genderAndDiversity', 'IMAS 07.13', 'Gender and diversity'],
  ['environmentalManagement', 'IMAS 07.13', 'Environmental management'],
];

/** The figures of Art. 4(6)(d)–(f) as stated: JSON field and label. */
export const STATED_FIGURES = [
  ['contaminatedAtEifKm2', '(d) Area contaminated at entry into force'],
  ['discoveredSinceEifKm2', '(d) Area discovered since entry into force'],
  ['releasedSinceEifKm2', '(e) Area released since entry into force'],
  ['remainingKm2', '(f) Area remaining'],
];

const REQUEST_STATUS = {
  submitted: 'pending a decision', granted: 'granted', refused: 'refused', withdrawn: 'withdrawn',
};
const CHECK_STATUS = {
  pass: ['✓', 'pass'], warn: ['!', 'warning'], fail: ['✗', 'fail'], 'not-applicable': ['–', 'not applicable'],
};

let hooks = { loaded: () => {} };
// The requests last loaded: of one State Party, for its list of requests and their statuses. They
// do not follow the date (a request is as submitted), so moving in time asks for none again.
let loaded = { key: null, requests: [], promise: null, done: false };
const shownRevision = new Map(); // request id → the revision number shown, when not the latest

/** loaded() is called when the requests of the State Party shown have been loaded. */
export function initRequests(callbacks) {
  hooks = callbacks;
}

/** After a write: the requests are loaded again with the State Party's next figures. */
export function forgetRequests() {
  loaded = { key: null, requests: [], promise: null, done: false };
}

const keyOf = (party) => `${party.iso3}|${(party.extensions || []).map((e) => `${e.id}:${e.status}`).join(',')}`;

/** The requests loaded for a State Party (each as GET .../extension-requests/{id}, with its analysis). */
export function loadedRequests(party) {
  return loaded.key === keyOf(party) && loaded.done ? loaded.requests : [];
}

function base(party) {
  return `./api/state-parties/${encodeURIComponent(party.iso3)}/extension-requests`;
}

async function loadOne(party, id) {
  const detail = await fetchJson(`${base(party)}/${encodeURIComponent(id)}`);
  try {
    detail.analysis = await fetchJson(`${base(party)}/${encodeURIComponent(id)}/analysis`);
  } catch (err) {
    detail.analysis = err.status === 404 ? { unavailable: true } : { error: err.message };
  }
  return detail;
}

function load(party) {
  const key = keyOf(party);
  if (loaded.key === key) return loaded.promise;
  const ids = (party.extensions || []).map((e) => e.id).reverse(); // the latest first
  const entry = { key, requests: [], promise: null, done: false };
  entry.promise = Promise.all(ids.map((id) => loadOne(party, id))).then((requests) => {
    entry.requests = requests;
    entry.done = true;
    return requests;
  }, (err) => {
    if (loaded === entry) forgetRequests(); // asked again with the next figures
    throw err;
  });
  loaded = entry;
  return entry.promise;
}

/**
 * The section for the State Party drawn: filled at once when its requests are loaded, else when
 * they arrive (then loaded() lets the forms follow).
 */
export function requestsSection(party) {
  const body = element('div', { className: 'requests-body' },
    element('p', { className: 'hint loading' }, 'Loading the extension requests…'));
  const section = element('section', { className: 'requests', 'data-testid': 'requests', 'aria-labelledby': 'requests-heading' },
    element('h3', { id: 'requests-heading' }, 'Extension requests'), body);
  if ((party.extensions || []).length === 0) {
    body.replaceChildren(element('p', { className: 'hint' }, 'No extension request is recorded.'));
    document.body.dataset.requests = party.iso3;
    return section;
  }
  const wasLoaded = loaded.key === keyOf(party) && loaded.done;
  if (!wasLoaded) document.body.dataset.requests = 'loading';
  load(party).then((requests) => {
    body.replaceChildren(...requests.map((d) => requestBlock(party, d)));
    document.body.dataset.requests = party.iso3;
    if (!wasLoaded) hooks.loaded();
  }, (err) => {
    body.replaceChildren(element('p', { className: 'error-message', role: 'alert' },
      `Could not load the extension requests — ${err.message}`));
    document.body.dataset.requests = 'error';
  });
  return section;
}

const date = (iso) => iso || '—';

function statusText(status) {
  return element('span', { className: `request-status request-${status}`, 'data-status': status },
    REQUEST_STATUS[status] || status);
}

/** One request: the revision chosen (the latest by default) and what belongs to the request as a whole. */
function requestBlock(party, d) {
  const revisions = d.revisions || [];
  const number = shownRevision.get(d.id) ?? revisions.length;
  const r = revisions.find((x) => x.number === number) || revisions[revisions.length - 1] || d;
  const latest = r.number === revisions.length;
  const decision = d.decision;
  let chooser = null;
  if (revisions.length > 1) {
    chooser = element('select', { id: `request-${d.id}-revision`, 'data-testid': `request-${d.id}-revision` },
      revisions.map((x) => element('option', { value: x.number, selected: x.number === r.number },
        `revision ${x.number}${x.submittedOn ? ` of ${x.submittedOn}` : ''}${x.number === revisions.length ? ' (latest)' : ''}`)));
  }
  const block = element('article', { className: 'request', 'data-testid': `request-${d.id}`, 'data-request': d.id },
    element('h4', {}, `${r.meeting || 'Meeting not recorded'}: request ${d.id} `, statusText(d.status),
      d.synthetic ? element('span', { className: 'demo-tag' }, 'synthetic demo request') : null),
    figureList([
      ['Status', REQUEST_STATUS[d.status] || d.status, `request-${d.id}-status`],
      ['Meeting', `${r.meeting || '—'}${r.meetingDate ? ` (${r.meetingDate})` : ''}`],
      ['Submitted on', date(r.submittedOn), `request-${d.id}-submitted`],
      ['Requested until', date(r.requestedUntil), `request-${d.id}-until`],
      ['Interim', r.interim ? 'yes' : 'no'],
      decision ? ['Decision', `${decision.status}${decision.grantedUntil ? ` until ${decision.grantedUntil}` : ''}`
        + `${decision.decidedOn ? `, ${decision.decidedOn}` : ''}${decision.meeting ? ` (${decision.meeting})` : ''}`,
      `request-${d.id}-decision`] : null,
      ['Revisions', `${revisions.length}${latest ? '' : `; showing revision ${r.number}`}`, `request-${d.id}-revisions`],
      r.source ? ['Source', r.source] : null,
    ]),
    chooser ? element('p', { className: 'revision-row' },
      element('label', { for: chooser.id }, 'Revision shown '), chooser) : null,
    sectionsDetails(d, r),
    element('h5', {}, 'Figures as the State states them'),
    statedFigures(d, r),
    element('h5', {}, 'Work plan against the land released'),
    planChart(party, r, d.id),
    planTable(party, r, d.id),
    element('h5', {}, 'Funding needed against funding'),
    fundingTable(r, d.id),
    element('h5', {}, 'Questions and answers'),
    questions(d),
    element('h5', {}, 'Analysis'),
    analysis(d));
  chooser?.addEventListener('change', () => {
    shownRevision.set(d.id, Number(chooser.value));
    const again = requestBlock(party, d);
    block.replaceWith(again);
    again.querySelector('select')?.focus();
  });
  return block;
}

function sectionsDetails(d, r) {
  return element('details', { className: 'request-sections', 'data-testid': `request-${d.id}-sections` },
    element('summary', {}, 'Sections of the request'),
    element('dl', {}, SECTIONS.map(([name, reference, title]) => [
      element('dt', {}, `${title} (${reference})`),
      element('dd', { className: r[name] ? 'section-text' : 'hint', 'data-testid': `request-${d.id}-${name}` },
        r[name] || 'not given'),
    ])));
}

function statedFigures(d, r) {
  const f = r.statedFigures || {};
  if (STATED_FIGURES.every(([name]) => f[name] === null || f[name] === undefined)) {
    return element('p', { className: 'hint', 'data-testid': `request-${d.id}-stated` }, 'No figures stated in this revision.');
  }
  return figureList(STATED_FIGURES.map(([name, label]) => [label, f[name] === null || f[name] === undefined
    ? 'not stated' : formatKm2(f[name]), `request-${d.id}-stated-${name}`]));
}

function questions(d) {
  const list = d.questions || [];
  if (list.length === 0) return element('p', { className: 'hint' }, 'No question asked.');
  return element('ol', { className: 'questions', 'data-testid': `request-${d.id}-questions` }, list.map((q) => element('li', {},
    element('p', { className: 'question' }, element('strong', {}, `Asked ${q.askedOn}${q.askedBy ? ` by ${q.askedBy}` : ''}: `),
      q.question),
    q.answer
      ? element('p', { className: 'answer' }, element('strong', {}, `Answered ${q.answeredOn || ''}: `), q.answer)
      : element('p', { className: 'answer hint' }, 'Not answered yet.'))));
}

function checkStatus(status) {
  const [symbol, words] = CHECK_STATUS[status] || ['?', status];
  return element('span', { className: `check-status check-${status}`, 'data-status': status },
    element('span', { 'aria-hidden': 'true' }, `${symbol} `), words);
}

function analysis(d) {
  const a = d.analysis || {};
  if (a.unavailable) {
    return element('p', { className: 'hint', 'data-testid': `request-${d.id}-analysis` }, 'Analysis not available.');
  }
  if (a.error) {
    return element('p', { className: 'error-message', 'data-testid': `request-${d.id}-analysis` },
      `Could not load the analysis — ${a.error}`);
  }
  const draft = a.draftDecision;
  return element('div', { className: 'analysis', 'data-testid': `request-${d.id}-analysis` },
    element('p', { className: 'hint' }, `Of revision ${a.revision ?? '—'}, as of ${a.asOf || '—'}; computed by the server.`),
    a.notice ? element('p', { className: 'demo-tag' }, a.notice) : null,
    element('ol', { className: 'checks' }, (a.checks || []).map((c) => element('li', {
      className: 'check', 'data-check': c.id, 'data-testid': `request-${d.id}-check-${c.id}`,
    }, checkStatus(c.status), ' ', element('strong', {}, c.title), element('p', { className: 'check-detail' }, c.detail)))),
    draft ? [element('h5', {}, 'Draft decision'),
      element('p', { 'data-testid': `request-${d.id}-draft` }, draft.text || ''),
      (draft.benchmarks || []).length === 0 ? null : element('table', { className: 'data-table' },
        element('caption', {}, `Benchmarks${draft.grantedUntil ? ` to ${draft.grantedUntil}` : ''}`),
        element('thead', {}, element('tr', {}, element('th', { scope: 'col' }, 'Year'),
          element('th', { scope: 'col' }, 'Area to release'))),
        element('tbody', {}, draft.benchmarks.map((b) => element('tr', {}, element('th', { scope: 'row' }, b.year),
          element('td', { className: 'num' }, formatKm2(b.releaseKm2))))))] : null);
}
