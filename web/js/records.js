// The coordinators' forms in the State Party panel, shown for a coordinator's or an admin's token
// only: an Art. 4(5) extension request, the decision on a pending one, a reported figure, a
// work-plan milestone and the declaration of completion (the treaty-record writes of the API).
// The browser checks what HTML can (required, min, max) and the server judges the rest: a
// problem naming a field is shown at that field, any other at the form. What was typed stays
// until a write succeeds, also across redraws of the panel; then the page refreshes what changed.
import { fetchJson } from './api.js';
import { element } from './dom.js';
import { decimalText, sqmFromKm2 } from './decimal.js';

const WRITERS = new Set(['coordinator', 'admin']);
const squareMetres = new Intl.NumberFormat('en', { maximumFractionDigits: 20 });

let hooks = { written: async () => {} };
let current = null; // the forms of the State Party shown: { iso3, section, forms }

/** written(iso3) is called (and awaited) after each successful write, to refresh what it changed. */
export function initRecordForms(callbacks) {
  hooks = callbacks;
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
  for (const form of current.forms) form.update(party);
  return current.section;
}

function utcToday() {
  return new Date().toISOString().slice(0, 10);
}

function yearShown(party) {
  return Number((party.asOf || '').slice(0, 4)) || new Date().getUTCFullYear();
}

function requestLabel(e) {
  return [`request ${e.id}`, e.meeting, e.submittedOn ? `submitted ${e.submittedOn}` : null,
    e.requestedUntil ? `until ${e.requestedUntil}` : 'date requested not recorded'].filter(Boolean).join(', ');
}

/** Replaces a select's options, keeping the choice when it is still offered; true when the choice changed. */
function setOptions(select, options) {
  const chosen = select.value;
  select.replaceChildren(...options.map(([value, label]) => element('option', { value }, label)));
  if (options.some(([value]) => value === chosen)) select.value = chosen;
  return select.value !== chosen;
}

/** A number field's text as an exact JSON number (or undefined when empty). */
const number = (text) => (text === '' ? undefined : { json: decimalText(text) });

/** A JSON object whose numbers keep the digits typed ({json: '…'} members go in as they are). */
function jsonBody(fields) {
  const members = Object.entries(fields).filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${JSON.stringify(k)}:${typeof v === 'object' ? v.json : JSON.stringify(v)}`);
  return `{${members.join(',')}}`;
}

class RecordForm {
  /**
   * @param spec key, summary, intro(party), fields [{name, label, hint, type, ...attributes, initial(party)}],
   *   submit (button text), request(values, party) → {method, path, body}, done(answer, values) → message,
   *   update(form, party) for what follows the State Party
   */
  constructor(spec, party) {
    this.spec = spec;
    this.party = party;
    this.controls = new Map();
    this.message = element('p', { className: 'form-message', role: 'status', 'data-testid': `records-${spec.key}-message` });
    this.intro = element('p', { className: 'hint' });
    this.button = element('button', { type: 'submit', className: 'small-button primary', 'data-testid': `records-${spec.key}-submit` },
      spec.submit);
    this.form = element('form', { className: 'record-form', novalidate: true, 'data-testid': `records-${spec.key}-form` },
      this.intro, spec.fields.map((f) => this.field(f)), element('div', { className: 'date-row' }, this.button), this.message);
    this.details = element('details', { className: 'record', 'data-testid': `records-${spec.key}` },
      element('summary', {}, spec.summary), this.form);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    this.reset();
    this.update(party);
  }

  field({ name, label, hint, initial, options, ...attributes }) {
    const id = `records-${this.spec.key}-${name}`;
    const control = options
      ? element('select', { id, name, 'data-testid': id, ...attributes }, options.map(([v, text]) => element('option', { value: v }, text)))
      : element('input', { id, name, 'data-testid': id, type: 'text', autocomplete: 'off', ...attributes });
    const hintNode = hint ? element('span', { className: 'field-hint', id: `${id}-hint` }, hint) : null;
    const error = element('span', { className: 'field-error', id: `${id}-error`, 'data-testid': `${id}-error`, hidden: true });
    control.dataset.hints = hintNode ? hintNode.id : '';
    if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
    control.addEventListener('input', () => this.clearError(control));
    this.controls.set(name, { control, error, initial, wrapper: null });
    const wide = options || control.type === 'text' || hint; // text, lists and explained fields take the whole row
    const wrapper = element('div', { className: wide ? 'field wide' : 'field' },
      element('label', { for: id }, label), hintNode, control, error);
    this.controls.get(name).wrapper = wrapper;
    return wrapper;
  }

  control(name) {
    return this.controls.get(name)?.control;
  }

  /** Shows or hides a field; a hidden one is disabled, so it is neither checked nor sent. */
  showField(name, shown) {
    const entry = this.controls.get(name);
    entry.wrapper.hidden = !shown;
    entry.control.disabled = !shown;
  }

  update(party) {
    this.party = party;
    this.intro.textContent = this.spec.intro(party);
    this.spec.update?.(this, party);
  }

  /** Every field back to its default (today, the year shown, empty). */
  reset() {
    for (const { control, initial } of this.controls.values()) {
      if (control.tagName === 'SELECT') {
        if (initial) control.value = initial(this.party);
        else control.selectedIndex = 0;
      } else {
        control.value = initial ? initial(this.party) : '';
      }
      this.clearError(control);
    }
    this.spec.update?.(this, this.party);
  }

  clearError(control) {
    const entry = this.controls.get(control.name);
    control.removeAttribute('aria-invalid');
    control.setAttribute('aria-describedby', control.dataset.hints);
    if (!control.dataset.hints) control.removeAttribute('aria-describedby');
    entry.error.hidden = true;
    entry.error.textContent = '';
  }

  showFieldError(control, text) {
    const entry = this.controls.get(control.name);
    entry.error.textContent = text;
    entry.error.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', [control.dataset.hints, entry.error.id].filter(Boolean).join(' '));
  }

  showMessage(state, text) {
    this.message.dataset.state = state;
    this.message.textContent = text;
  }

  values() {
    const values = {};
    for (const [name, { control }] of this.controls) values[name] = control.disabled ? '' : control.value.trim();
    return values;
  }

  /** What the browser can check: the first field it finds wrong gets its message and the focus. */
  checkInBrowser() {
    let first = null;
    for (const { control } of this.controls.values()) {
      this.clearError(control);
      if (control.disabled || control.checkValidity()) continue;
      this.showFieldError(control, control.validationMessage);
      first = first || control;
    }
    first?.focus();
    return first === null;
  }

  async send() {
    if (this.busy) return;
    this.showMessage('', '');
    if (!this.checkInBrowser()) {
      this.showMessage('error', 'Not sent: correct the field marked.');
      return;
    }
    const values = this.values();
    const iso3 = this.party.iso3;
    const { method, path, body } = this.spec.request(values, this.party);
    this.busy = true; // the button stays enabled (and focused) while busy; a second press does nothing
    this.button.setAttribute('aria-disabled', 'true');
    this.form.setAttribute('aria-busy', 'true');
    this.showMessage('loading', 'Sending…');
    try {
      const answer = await fetchJson(`./api/state-parties/${encodeURIComponent(iso3)}/${path}`,
        { method, body, contentType: 'application/json' });
      this.reset();
      this.showMessage('ok', `${this.spec.done(answer, values)} The figures, the dashboard and the map are refreshed.`);
      document.body.dataset.recordWritten = this.spec.key;
      await hooks.written(iso3);
    } catch (err) {
      this.showProblem(err);
    } finally {
      this.busy = false;
      this.button.removeAttribute('aria-disabled');
      this.form.removeAttribute('aria-busy');
    }
  }

  /** A problem naming one of this form's fields is shown there; any other at the form. Nothing typed is lost. */
  showProblem(err) {
    const name = err.problem?.parameter;
    const control = name ? this.control(name) : null;
    document.body.dataset.recordWritten = 'refused';
    if (control && !control.disabled) {
      this.showFieldError(control, err.detail || err.message);
      this.showMessage('error', 'Not recorded: correct the field marked.');
      control.focus();
      return;
    }
    const advice = err.status === 401 || err.status === 403 ? ' Enter a coordinator\'s token in the upload panel.' : '';
    this.showMessage('error', `Not recorded — ${err.message}.${advice}`);
    this.message.setAttribute('tabindex', '-1');
    this.message.focus();
  }
}

const extensionForm = {
  key: 'extension',
  summary: 'Extension request (Art. 4(5))',
  intro: (p) => `A request to extend the deadline, now ${p.currentDeadline || 'not recorded'}, by at most five years `
    + '(Art. 4(5)); a further one may follow (Art. 4(8)). The Meeting of States Parties decides on it (Art. 4(7)).',
  fields: [
    { name: 'requestedUntil', label: 'Deadline requested', type: 'date', required: true,
      hint: 'After the current deadline, and at most five years past it.' },
    { name: 'submittedOn', label: 'Submitted on', type: 'date', initial: utcToday },
    { name: 'meeting', label: 'Meeting that decides it', maxlength: 200, placeholder: 'e.g. 14MSP' },
    { name: 'source', label: 'Source', maxlength: 500, placeholder: 'e.g. CCM/MSP/2026/5' },
  ],
  submit: 'Record the request',
  request: (v) => ({ method: 'POST', path: 'extension-requests', body: jsonBody(v) }),
  done: (a) => `Recorded request ${a.extension.id} (until ${a.extension.requestedUntil}); pending a decision. `
    + `The current deadline stays ${a.currentDeadline}.`,
};

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
  const forms = [extensionForm, decisionForm, figureForm, milestoneForm, completionForm]
    .map((spec) => new RecordForm(spec, party));
  const section = element('section', { className: 'records', 'data-testid': 'records', 'aria-labelledby': 'records-heading' },
    element('h3', { id: 'records-heading' }, 'Treaty records (coordinators)'),
    element('p', { className: 'hint' }, 'Written with your token and audited; the server checks every field.'),
    element('datalist', { id: 'records-confidence-values' },
      ['confirmed', 'unconfirmed', 'medium (secondary source)'].map((v) => element('option', { value: v }))),
    forms.map((form) => form.details));
  return { iso3: party.iso3, section, forms };
}
