// What the panel's SVG charts share (panel.js, planchart.js): the grid and labels of the value axis
// and the base line, in the page's chart colours.
import { svg } from './dom.js';

export const CHART_INK = '#57606a';
const GRID = '#d0d7de';

/** A label's decimals: none from 100 up, else one. */
const coarse = (v) => (v >= 100 ? 0 : 1);

/**
 * Grid lines across the plot at each value, labelled on the left in the unit (value ÷ divisor, with
 * decimals(value ÷ divisor) decimals), and the unit's name at the top left.
 */
export function valueGrid({ x1, x2, y, values, divisor, unit, top, decimals = coarse }) {
  const nodes = values.flatMap((value) => [
    svg('line', { x1, x2, y1: y(value), y2: y(value), stroke: GRID, 'stroke-width': 1 }),
    svg('text', { x: x1 - 4, y: y(value) + 4, 'text-anchor': 'end', 'font-size': 10, fill: CHART_INK },
      (value / divisor).toFixed(decimals(value / divisor))),
  ]);
  nodes.push(svg('text', { x: 4, y: top + 2, 'font-size': 10, fill: CHART_INK }, unit));
  return nodes;
}

/** The base line of the plot, and a label under it at each [x, text]. */
export function baseLine({ x1, x2, y, labels }) {
  return [
    ...labels.flatMap(([x, text]) => [
      svg('line', { x1: x, x2: x, y1: y, y2: y + 4, stroke: CHART_INK }),
      svg('text', { x, y: y + 15, 'text-anchor': 'middle', 'font-size': 10, fill: CHART_INK }, text)]),
    svg('line', { x1, x2, y1: y, y2: y, stroke: CHART_INK }),
  ];
}
