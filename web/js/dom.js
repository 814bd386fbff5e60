// Small DOM and formatting helpers shared by the page's modules. No innerHTML anywhere: every
// value from the server goes in as text.
import { areaUnit } from './state.js';

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'className') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element; attributes are presentation attributes (allowed by the page's CSP, unlike style="..."). */
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    node.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const hectareFormat = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const km2Format = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });
const percentFormat = new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function isNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

const UNIT_SYMBOLS = { m2: 'm²', ha: 'ha', km2: 'km²' };

/** The symbol of the unit areas are shown in (the unit switch). */
export function areaUnitSymbol() {
  return UNIT_SYMBOLS[areaUnit()] || 'm²';
}

/** An area in the unit areas are shown in, as a number without its symbol. */
export function formatAreaNumber(sqm) {
  if (!isNumber(sqm)) return '—';
  const unit = areaUnit();
  if (unit === 'ha') return hectareFormat.format(sqm / 10_000);
  if (unit === 'km2') return km2Format.format(sqm / 1_000_000);
  return numberFormat.format(sqm);
}

/**
 * An area in the unit areas are shown in, with a second unit beside: hectares beside m² (whole,
 * as the API gives them, rounded for reading), m² beside hectares and km².
 */
export function formatArea(sqm) {
  if (!isNumber(sqm)) return 'not computed';
  const m2 = `${numberFormat.format(sqm)} m²`;
  if (areaUnit() === 'm2') return `${m2} (${hectareFormat.format(sqm / 10_000)} ha)`;
  return `${formatAreaNumber(sqm)} ${areaUnitSymbol()} (${m2})`;
}

export function formatKm2(km2) {
  return isNumber(km2) ? `${km2Format.format(km2)} km²` : '—';
}

export function formatRate(sqm) {
  return isNumber(sqm) ? `${formatArea(sqm)} a year` : 'none';
}

export function formatPercent(fraction) {
  return isNumber(fraction) ? percentFormat.format(fraction) : 'undefined';
}

export function formatCount(value) {
  return isNumber(value) ? numberFormat.format(value) : 'not reported';
}

export function plural(count, one, many) {
  return `${numberFormat.format(count)} ${count === 1 ? one : many}`;
}

export const STATUS_LABELS = {
  completed: 'completed',
  'on-track': 'on track',
  'at-risk': 'at risk',
  'off-track': 'off track',
  'deadline-passed': 'deadline passed',
  'no-data': 'no data',
};

export function statusBadge(status) {
  const key = status || 'unknown';
  return element('span', { className: `status-badge status-${key}`, 'data-status': key }, STATUS_LABELS[key] || key);
}

/** A definition list of [label, value, testid] rows. */
export function figureList(rows) {
  return element('dl', { className: 'figures' }, rows.filter(Boolean).map(([label, value, testid]) => [
    element('dt', {}, label),
    element('dd', { 'data-testid': testid }, value),
  ]));
}
