// The legend, which also switches the hazard, release and remaining layers on and off.
import { element, svg } from './dom.js';
import {
  L, addPattern, layers, map,
} from './map.js';
import { pageSettings } from './settings.js';
import {
  HAZARD_STYLES, OTHER_COUNTRY_STYLE, OUTLINE_STYLE, RELEASE_STYLES, REMAINING_STYLE, SELECTED_OUTLINE_STYLE,
  AGGREGATE_FOOTPRINT_STYLE, AGGREGATE_REMAINING_STYLE, STATUS_FILLS, STATUS_FILL_OPACITY, STATUS_TILE, symbolRadius,
} from './styles.js';

/** A circle swatch of the aggregates: its style, its radius in pixels. */
function circleSwatch(style, radius) {
  const size = Math.ceil(2 * radius + 4);
  return svg('svg', { width: Math.max(28, size), height: Math.max(18, size), 'aria-hidden': 'true', focusable: 'false' },
    svg('circle', {
      cx: Math.max(28, size) / 2, cy: Math.max(18, size) / 2, r: radius,
      fill: style.fillColor, 'fill-opacity': style.fillOpacity, stroke: style.color, 'stroke-width': style.weight,
    }));
}

/** The swatch style of a status fill: the SVG twin of the canvas pattern the outlines use. */
function statusSwatchStyle(status) {
  const fill = STATUS_FILLS[status];
  const id = `status-fill-${status}`;
  if (!document.getElementById(id)) {
    addPattern(id, STATUS_TILE, [
      svg('rect', { width: STATUS_TILE, height: STATUS_TILE, fill: fill.color, 'fill-opacity': STATUS_FILL_OPACITY }),
      fill.strokes.map(([x1, y1, x2, y2]) => svg('line', {
        x1, y1, x2, y2, stroke: fill.ink, 'stroke-width': 1.5,
      })),
      fill.dots.map(([cx, cy]) => svg('circle', {
        cx, cy, r: 1.6, fill: fill.ink,
      })),
    ]);
  }
  return { color: '#333333', weight: 1.6, fillColor: `url(#${id})`, fillOpacity: 1 };
}

function swatch(style) {
  return svg('svg', { width: 28, height: 18, 'aria-hidden': 'true', focusable: 'false' },
    svg('rect', {
      x: 1.5, y: 1.5, width: 25, height: 15,
      fill: style.fill === false ? 'none' : style.fillColor || style.color,
      'fill-opacity': style.fillOpacity ?? 0.2,
      stroke: style.color,
      'stroke-width': Math.min(style.weight ?? 1, 3),
      'stroke-dasharray': style.dashArray,
      'stroke-linecap': style.lineCap,
    }));
}

/** The aggregates' legend label, naming the zoom they give way to polygons at once the server has said it. */
function aggregatesLabel() {
  const label = element('span', {}, 'Aggregates');
  pageSettings().then(({ polygonsLegibleZoom }) => {
    if (polygonsLegibleZoom !== undefined) label.textContent = `Aggregates (below zoom ${polygonsLegibleZoom})`;
  });
  return label;
}

function layerToggle(layer, label, testid) {
  const input = element('input', { type: 'checkbox', checked: true, 'data-testid': testid });
  input.addEventListener('change', () => {
    if (input.checked) layer.addTo(map);
    else map.removeLayer(layer);
  });
  return element('label', { className: 'layer-toggle' }, input, ' ', label);
}

const LegendControl = L.Control.extend({
  options: { position: 'bottomright' },
  onAdd() {
    const item = (style, label) => element('li', {}, swatch(style), element('span', {}, label));
    const container = element('details', { className: 'legend', 'data-testid': 'legend', open: window.innerWidth > 900 },
      element('summary', {}, 'Legend and layers'),
      element('section', { 'aria-label': 'Hazardous areas' },
        element('h4', {}, layerToggle(layers.hazards, 'Hazardous areas', 'layer-hazards')),
        element('ul', {}, Object.values(HAZARD_STYLES).map((entry) => item(entry.style, entry.label)))),
      element('section', { 'aria-label': 'Land released' },
        element('h4', {}, layerToggle(layers.releases, 'Land released', 'layer-releases')),
        element('ul', {}, Object.values(RELEASE_STYLES).map((entry) => item(entry.style, entry.label)))),
      element('section', { 'aria-label': 'Remaining land' },
        element('h4', {}, layerToggle(layers.remaining, 'Remaining land', 'layer-remaining')),
        element('ul', {}, item(REMAINING_STYLE, 'Remaining (hazardous areas not yet released): the selected State Party, or from zoom 6'))),
      element('section', { 'aria-label': 'Aggregates', 'data-testid': 'legend-aggregates' },
        element('h4', {}, layerToggle(layers.aggregates, aggregatesLabel(), 'layer-aggregates')),
        element('ul', {},
          element('li', {}, circleSwatch(AGGREGATE_FOOTPRINT_STYLE, 7), element('span', {}, 'Footprint: remaining and released')),
          element('li', {}, circleSwatch(AGGREGATE_REMAINING_STYLE, 5), element('span', {}, 'Remaining')),
          element('li', {}, circleSwatch(AGGREGATE_REMAINING_STYLE, symbolRadius(1e6)), element('span', {}, '1 km²'),
            circleSwatch(AGGREGATE_REMAINING_STYLE, symbolRadius(1e7)), element('span', {}, '10 km²')))),
      element('section', { 'aria-label': 'Status of each State Party', 'data-testid': 'legend-status' },
        element('h4', {}, 'Status at the date (below zoom 6)'),
        element('ul', {}, Object.entries(STATUS_FILLS).map(([status, fill]) => item(statusSwatchStyle(status), fill.label)))),
      element('section', { 'aria-label': 'Boundaries' },
        element('h4', {}, 'Boundaries'),
        element('ul', {},
          item({ ...OUTLINE_STYLE, fill: false }, 'State Party'),
          item(SELECTED_OUTLINE_STYLE, 'Selected State Party'),
          item(OTHER_COUNTRY_STYLE, 'Other country'))));
    L.DomEvent.disableClickPropagation(container);
    L.DomEvent.disableScrollPropagation(container);
    return container;
  },
});

/** Adds the legend to the map's bottom right corner. */
export function addLegend() {
  new LegendControl().addTo(map);
}
