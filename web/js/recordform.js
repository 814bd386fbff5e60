// The form machinery of the coordinators' treaty-record forms (records.js, requestforms.js).
// The browser checks what HTML can (required, min, max) and the server judges the rest: a
// problem naming a field (by its path, e.g. workPlan[2].clearKm2) is shown at that field, any
// other at the form. What was typed stays until a write succeeds, also across redraws of the
// panel; then the page refreshes what changed.
import { fetchJson } from './api.js';
import { element } from './dom.js';
import { decimalText } from './decimal.js';

let hooks = { written: async () => {} };

/** written(iso3) is called (and awaited) after each successful write, to refresh what it changed. */
export function onRecordWritten(written) {
  hooks = { written };
}

/** Replaces a select's options, keeping the choice when it is still offered; true when the choice changed. */
export function setOptions(select, options) {
  const chosen = select.value;
  select.replaceChildren(...options.map(([value, label]) => element('option', { value }, label)));
  if (options.some(([value]) => value === chosen)) select.value = chosen;
  return select.value !== chosen;
}

/** A number field's text as an exact JSON number (or undefined when empty). */
export const number = (text) => (text === '' || text === undefined ? undefined : { json: decimalText(text) });

const absent = (v) => v === undefined || v === '' || v === null;

/** A value as JSON text; numbers given as {json: '…'} keep the digits typed; empty members are left out. */
function jsonText(value) {
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value && typeof value === 'object') {
    if ('json' in value) return value.json;
    const members = Object.entries(value).filter(([, v]) => !absent(v))
      .map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A JSON object body (see jsonText). */
export const jsonBody = (fields) => jsonText(fields);

/** The id and test id of a field: its name with brackets and dots as dashes (workPlan-2-clearKm2). */
const fieldId = (key, name) => `records-${key}-${name.replace(/[^A-Za-z0-9-]+/g, '-').replace(/-$/, '')}`;

/**
 * Rows a form holds a list of (a work plan's years, funding entries): each row's fields are named
 * `{name}[i].{column}`, so the server's problem for `workPlan[2].clearKm2` lands on that row.
 */
class RowList {
  constructor(form, { rows: name, legend, hint, columns, add }) {
    this.form = form;
    this.name = name;
    this.columns = columns;
    this.list = element('div', { className: 'row-list', 'data-testid': fieldId(form.spec.key, name) });
    this.addButton = element('button', { type: 'button', className: 'small-button', 'data-testid': `${fieldId(form.spec.key, name)}-add` },
      add);
    this.addButton.addEventListener('click', () => {
      this.set([...this.values(), {}]);
      this.list.lastElementChild?.querySelector('input, select')?.focus();
    });
    this.node = element('fieldset', { className: 'rows field wide' }, element('legend', {}, legend),
      hint ? element('p', { className: 'field-hint' }, hint) : null, this.list, this.addButton);
    this.count = 0;
  }

  /** The rows shown, each {column: text}. */
  values() {
    return Array.from({ length: this.count }, (_, i) => Object.fromEntries(this.columns.map((c) => {
      const control = this.form.control(`${this.name}[${i}].${c.name}`);
      return [c.name, control.value.trim()];
    })));
  }

  /** Shows these rows (the fields named anew from 0). */
  set(rows) {
    for (let i = 0; i < this.count; i++) {
      for (const c of this.columns) this.form.controls.delete(`${this.name}[${i}].${c.name}`);
    }
    this.count = rows.length;
    this.list.replaceChildren(...rows.map((row, i) => {
      const remove = element('button', { type: 'button', className: 'small-button remove-row',
        'data-testid': `${fieldId(this.form.spec.key, this.name)}-${i}-remove` }, `Remove row ${i + 1}`);
      remove.addEventListener('click', () => {
        this.set(this.values().filter((_, j) => j !== i));
        (this.list.children[i] || this.list.children[i - 1])?.querySelector('.remove-row')?.focus();
        if (this.count === 0) this.addButton.focus();
      });
      const fields = this.columns.map(({ name, label, ...attributes }) => this.form.field({
        name: `${this.name}[${i}].${name}`, label, ...attributes, narrow: true,
      }));
      for (const c of this.columns) {
        const control = this.form.control(`${this.name}[${i}].${c.name}`);
        if (!absent(row[c.name])) control.value = row[c.name];
        else if (control.tagName === 'SELECT') control.selectedIndex = 0; // a new row starts at the first choice
      }
      return element('div', { className: 'row', role: 'group', 'aria-label': `Row ${i + 1}` }, fields, remove);
    }));
  }
}

export class RecordForm {
  /**
   * @param spec key, summary, intro(party), fields [{name, label, hint, type, multiline, options, ...attributes,
   *   initial(party)} or {rows, legend, columns, add} or {group: legend}], submit (button text),
   *   request(values, party) → {method, path, body}, done(answer, values) → message, update(form, party) for
   *   what follows the State Party
   */
  constructor(spec, party) {
    this.spec = spec;
    this.party = party;
    this.controls = new Map();
    this.rowLists = new Map();
    this.message = element('p', { className: 'form-message', role: 'status', 'data-testid': `records-${spec.key}-message` });
    this.intro = element('p', { className: 'hint' });
    this.button = element('button', { type: 'submit', className: 'small-button primary', 'data-testid': `records-${spec.key}-submit` },
      spec.submit);
    this.form = element('form', { className: 'record-form', novalidate: true, 'data-testid': `records-${spec.key}-form` },
      this.intro, spec.fields.map((f) => this.part(f)), element('div', { className: 'date-row' }, this.button), this.message);
    this.details = element('details', { className: 'record', 'data-testid': `records-${spec.key}` },
      element('summary', {}, spec.summary), this.form);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    this.reset();
    this.update(party);
  }

  part(f) {
    if (f.group) return element('h4', { className: 'form-group' }, f.group);
    if (f.rows) {
      const rows = new RowList(this, f);
      this.rowLists.set(f.rows, rows);
      return rows.node;
    }
    return this.field(f);
  }

  field({ name, label, hint, initial, options, multiline, narrow, ...attributes }) {
    const id = fieldId(this.spec.key, name);
    const common = { id, name, 'data-testid': id };
    let control;
    if (options) {
      control = element('select', { ...common, ...attributes }, options.map(([v, text]) => element('option', { value: v }, text)));
    } else if (multiline) {
      control = element('textarea', { ...common, rows: 3, ...attributes });
    } else {
      control = element('input', { ...common, type: 'text', autocomplete: 'off', ...attributes });
    }
    const hintNode = hint ? element('span', { className: 'field-hint', id: `${id}-hint` }, hint) : null;
    const error = element('span', { className: 'field-error', id: `${id}-error`, 'data-testid': `${id}-error`, hidden: true });
    control.dataset.hints = hintNode ? hintNode.id : '';
    if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
    control.addEventListener('input', () => this.clearError(control));
    this.controls.set(name, { control, error, initial, wrapper: null });
    // text, lists and explained fields take the whole row (not in a row of a list)
    const wide = !narrow && (options || multiline || control.type === 'text' || hint);
    const labelNode = element('label', { for: id }, label);
    const wrapper = control.type === 'checkbox'
      ? element('div', { className: 'field wide check' }, control, labelNode, hintNode, error)
      : element('div', { className: wide ? 'field wide' : 'field' }, labelNode, hintNode, control, error);
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

  /** Every field back to its default (today, the year shown, empty; lists without rows). */
  reset() {
    for (const rows of this.rowLists.values()) rows.set([]);
    for (const { control, initial } of this.controls.values()) {
      if (control.tagName === 'SELECT') {
        if (initial) control.value = initial(this.party);
        else control.selectedIndex = 0;
      } else if (control.type === 'checkbox') {
        control.checked = Boolean(initial?.(this.party));
      } else {
        control.value = initial ? initial(this.party) : '';
      }
      this.clearError(control);
    }
    this.spec.update?.(this, this.party);
  }

  /** Fills the fields from a record: text, numbers and booleans by name, lists by their rows. */
  fill(record) {
    for (const [name, rows] of this.rowLists) {
      rows.set((record[name] || []).map((row) => Object.fromEntries(Object.entries(row)
        .map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]))));
    }
    for (const [name, { control }] of this.controls) {
      if (name.includes('[')) continue;
      const value = name.split('.').reduce((v, k) => (v === null || v === undefined ? undefined : v[k]), record);
      if (control.type === 'checkbox') control.checked = value === true;
      else if (control.tagName !== 'SELECT') control.value = value === null || value === undefined ? '' : String(value);
      this.clearError(control);
    }
  }

  clearError(control) {
    const entry = this.controls.get(control.name);
    control.removeAttribute('aria-invalid');
    control.setAttribute('aria-describedby', control.dataset.hints);
    if (!control.dataset.hints) control.removeAttribute('aria-describedby');
    if (!entry) return;
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

  /** What is typed: text by field name (booleans for check boxes), and each list as its rows. */
  values() {
    const values = {};
    for (const [name, { control }] of this.controls) {
      if (name.includes('[')) continue;
      if (control.type === 'checkbox') values[name] = control.disabled ? undefined : control.checked;
      else values[name] = control.disabled ? '' : control.value.trim();
    }
    for (const [name, rows] of this.rowLists) values[name] = rows.values();
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
