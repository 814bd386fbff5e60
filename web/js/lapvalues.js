// The coordinators' form for a Lausanne Action Plan value (PUT /api/state-parties/{iso3}/lap/{id}/{year}),
// shown in the Indicators view for a coordinator's or an admin's token only: the indicator, State
// Party and year, the value as the indicator's kind takes it, its source (required) and a note.
// Beside it, what the server holds for that choice (GET of the same path): the value, computed or
// recorded, whether it overrides the computed one, and every value recorded, newest first.
import { fetchJson } from './api.js';
import { element, figureList, numberFormat } from './dom.js';
import { RecordForm, jsonBody, number, setOptions } from './recordform.js';
import { mayWriteRecords } from './records.js';
import * as state from './state.js';

export const KINDS = {
  'yes-no': 'yes or no', count: 'a whole count', percentage: 'a percentage (0 to 100)', area: 'an area in km²',
};

export const thisYear = () => new Date().getUTCFullYear();

/** The value's field of each kind; the server names any of them `value`. */
const VALUE_FIELDS = {
  'yes-no': 'valueYesNo', count: 'valueCount', percentage: 'valuePercentage', area: 'valueArea',
};

class ValueForm extends RecordForm {
  kind() {
    const id = super.control('indicator')?.value;
    return indicators.find((i) => i.id === id)?.kind || 'yes-no';
  }

  control(name) {
    return super.control(name === 'value' ? VALUE_FIELDS[this.kind()] : name);
  }
}

let current = null; // { form, held, section, shownKey }
let indicators = []; // the indicators of the report shown
const kindHint = element('p', { className: 'hint', 'data-testid': 'lap-value-kind' });

const path = (c) => `./api/state-parties/${encodeURIComponent(c.iso3)}/lap/${encodeURIComponent(c.indicator)}/${c.year}`;
const keyOf = (c) => `${c.iso3}/${c.indicator}/${c.year}`;

function valueText(kind, value) {
  if (value === null || value === undefined) return 'unknown (no value)';
  if (kind === 'yes-no') return value ? 'yes' : 'no';
  if (kind === 'percentage') return `${value} %`;
  if (kind === 'area') return `${value} km²`;
  return numberFormat.format(value);
}

function how(v) {
  if (v.computed) return 'computed by the server';
  if (v.override) return `recorded, overriding the computed value (${valueText('yes-no', v.computedValue)})`;
  return v.source ? 'recorded' : 'nothing recorded';
}

/** What the server holds for an indicator, State Party and year (GET or PUT answer). */
function heldNode(answer) {
  const kind = answer.indicator.kind;
  const v = answer.value || {};
  const used = v.used ? Object.entries(v.used).map(([k, x]) => `${k}: ${x}`).join('; ') : null;
  return [
    element('h4', {}, `${answer.indicator.id}, ${answer.iso3}, ${answer.year}`),
    figureList([
      ['Value', valueText(kind, v.value), 'lap-value-current'],
      ['How', how(v), 'lap-value-how'],
      used ? ['Computed from', used, 'lap-value-used'] : null,
      v.source ? ['Source', v.source, 'lap-value-source'] : null,
      v.note ? ['Note', v.note, 'lap-value-note'] : null,
      v.recordedBy ? ['Recorded by', `${v.recordedBy}, ${v.recordedAt}`, 'lap-value-recorded'] : null,
    ]),
    answer.history.length === 0
      ? element('p', { className: 'hint', 'data-testid': 'lap-value-history-empty' }, 'No value recorded.')
      : element('div', { className: 'table-scroll' }, element('table', { className: 'data-table', 'data-testid': 'lap-value-history' },
        element('caption', {}, `Every value recorded (${answer.history.length}), newest first`),
        element('thead', {}, element('tr', {},
          ['Value', 'Override', 'Source', 'Note', 'Recorded by', 'Recorded at', 'Registry version']
            .map((h) => element('th', { scope: 'col' }, h)))),
        element('tbody', {}, answer.history.map((h) => element('tr', {},
          element('td', {}, valueText(kind, h.value)), element('td', {}, h.override ? 'yes' : 'no'),
          element('td', {}, h.source || '—'), element('td', {}, h.note || '—'), element('td', {}, h.recordedBy),
          element('td', {}, h.recordedAt), element('td', { className: 'num' }, h.registryVersion)))))),
  ];
}

async function showHeld(force = false) {
  const choice = current.form.party;
  const key = keyOf(choice);
  if (!choice.iso3 || !choice.indicator || (!force && key === current.shownKey)) return;
  current.shownKey = key;
  current.held.replaceChildren(element('p', { className: 'hint' }, 'Loading the value…'));
  try {
    const answer = await fetchJson(path(choice));
    if (keyOf(current.form.party) === key) current.held.replaceChildren(...heldNode(answer));
  } catch (err) {
    if (keyOf(current.form.party) === key) {
      current.shownKey = null;
      current.held.replaceChildren(element('p', { className: 'error-message', 'data-testid': 'lap-value-error' },
        `Could not load the value — ${err.message}`));
    }
  }
}

const spec = {
  key: 'lap',
  summary: 'Record a value (coordinators)',
  intro: () => 'A value of an indicator for a State Party and a year, with its source. For an indicator the '
    + 'server computes, a value recorded overrides the computed one. Each value is kept: a new one is added.',
  fields: [
    { name: 'indicator', label: 'Indicator', options: [], initial: (c) => c.indicator },
    { name: 'stateParty', label: 'State Party', options: [], initial: (c) => c.iso3 },
    { name: 'year', label: 'Year', type: 'number', min: 2010, max: thisYear(), step: 1, required: true,
      initial: (c) => c.year },
    { name: 'valueYesNo', label: 'Value', options: [['true', 'yes'], ['false', 'no']] },
    { name: 'valueCount', label: 'Value (a whole count)', type: 'number', min: 0, step: 1, required: true },
    { name: 'valuePercentage', label: 'Value (%)', type: 'number', min: 0, max: 100, step: 'any', required: true,
      inputmode: 'decimal' },
    { name: 'valueArea', label: 'Value (km²)', type: 'number', min: 0, step: 'any', required: true, inputmode: 'decimal' },
    { name: 'source', label: 'Source', maxlength: 500, required: true, placeholder: 'e.g. Article 7 report 2026' },
    { name: 'note', label: 'Note', maxlength: 2000, multiline: true },
  ],
  submit: 'Record the value',
  update(form, choice) {
    setOptions(form.control('indicator'), indicators.map((i) => [i.id, `Action ${i.action} · ${i.id}`]));
    setOptions(form.control('stateParty'), state.stateParties().map((p) => [p.iso3, `${p.name} (${p.iso3})`]));
    if (choice.indicator) form.control('indicator').value = choice.indicator;
    if (choice.iso3) form.control('stateParty').value = choice.iso3;
    choice.indicator = form.control('indicator').value;
    choice.iso3 = form.control('stateParty').value;
    const kind = form.kind();
    for (const [k, name] of Object.entries(VALUE_FIELDS)) form.showField(name, k === kind);
    kindHint.textContent = `This indicator takes ${KINDS[kind] || kind}.`;
  },
  request: (v, choice) => {
    const kind = current.form.kind();
    const text = v[VALUE_FIELDS[kind]];
    const value = kind === 'yes-no' ? { json: text === 'true' ? 'true' : 'false' } : number(text);
    return {
      method: 'PUT', path: `lap/${encodeURIComponent(choice.indicator)}/${encodeURIComponent(v.year)}`,
      body: jsonBody({ value, source: v.source, note: v.note }),
    };
  },
  done: (answer) => {
    current.shownKey = keyOf({ iso3: answer.iso3, indicator: answer.indicator.id, year: answer.year });
    current.held.replaceChildren(...heldNode(answer));
    return `Recorded the value of ${answer.indicator.id} for ${answer.iso3} in ${answer.year}.`;
  },
};

function build(report) {
  const choice = { iso3: state.selected() || state.stateParties()[0]?.iso3 || '', indicator: '', year: report.year };
  const form = new ValueForm(spec, choice);
  form.controls.get('valueYesNo').wrapper.before(kindHint);
  for (const name of ['indicator', 'stateParty', 'year']) {
    form.control(name).addEventListener('change', () => {
      const c = form.party;
      c.indicator = form.control('indicator').value;
      c.iso3 = form.control('stateParty').value;
      c.year = form.control('year').value;
      form.update(c);
      showHeld();
    });
  }
  const held = element('div', { className: 'lap-held', 'data-testid': 'lap-value-held', 'aria-live': 'polite' });
  form.details.open = true;
  const section = element('section', { className: 'records lap-values', 'data-testid': 'lap-values',
    'aria-labelledby': 'lap-values-heading' },
  element('h3', { id: 'lap-values-heading' }, 'Values (coordinators)'),
  element('p', { className: 'hint' }, 'Written with your token and audited; the server checks every field.'),
  element('div', { className: 'lap-values-body' }, form.details, held));
  return { form, held, section, shownKey: null, reportYear: report.year };
}

/** The values section for the report shown, or null without a writer's token; the same elements come back. */
export function lapValueSection(report) {
  if (!mayWriteRecords()) {
    current = null;
    return null;
  }
  indicators = report.indicators;
  if (!current) current = build(report);
  if (current.reportYear !== report.year) { // the form follows the year of the report chosen
    current.reportYear = report.year;
    current.form.party.year = report.year;
    current.form.control('year').value = String(report.year);
  }
  current.form.update(current.form.party);
  showHeld();
  return current.section;
}
