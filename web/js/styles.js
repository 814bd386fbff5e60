// How the map draws each kind of land, for the layers and the legend alike. Okabe–Ito palette:
// distinguishable with the common colour-vision deficiencies.

export const HAZARD_STYLES = {
  CHA: {
    label: 'Confirmed hazardous area (CHA)',
    style: { color: '#7a3300', weight: 1.5, fillColor: '#D55E00', fillOpacity: 0.5 },
  },
  SHA: {
    label: 'Suspected hazardous area (SHA)',
    style: { color: '#9c6b00', weight: 1.5, dashArray: '5 4', fillColor: '#E69F00', fillOpacity: 0.25 },
  },
};
export const RELEASE_STYLES = {
  cancelled: {
    label: 'Cancelled (non-technical survey)',
    style: { color: '#2f7fb0', weight: 1.5, dashArray: '1 4', lineCap: 'round', fillColor: '#56B4E9', fillOpacity: 0.7 },
  },
  reduced: {
    label: 'Reduced (technical survey)',
    style: { color: '#004f7c', weight: 1.5, fillColor: '#0072B2', fillOpacity: 0.7 },
  },
  cleared: {
    label: 'Cleared (clearance)',
    style: { color: '#00664b', weight: 1.5, fillColor: '#009E73', fillOpacity: 0.75 },
  },
};
/** Remaining land (hazards minus releases): reddish purple hatching outlined, drawn above both, not clickable. */
export const REMAINING_STYLE = {
  color: '#6b2750', weight: 2, fillColor: 'url(#remaining-hatch)', fillOpacity: 1, interactive: false, className: 'remaining-land',
};
// Keep popups clear of the banner and status line drawn over the top of the map.
export const POPUP_OPTIONS = { maxWidth: 440, minWidth: 300, maxHeight: 420, autoPanPaddingTopLeft: [20, 120], autoPanPaddingBottomRight: [20, 20] };
/** A feature of a dry run, as it would be stored: not yet on the map's layers. */
export const PREVIEW_STYLE = { color: '#0033cc', weight: 2.5, dashArray: '6 4', fillColor: '#3366ff', fillOpacity: 0.15 };
export const UNKNOWN_STYLE = { color: '#555555', weight: 1, fillColor: '#999999', fillOpacity: 0.3 };
export const OUTLINE_STYLE = { color: '#333333', weight: 1.6, fill: true, fillOpacity: 0, opacity: 0.9 };
export const SELECTED_OUTLINE_STYLE = { color: '#000000', weight: 3, fill: true, fillColor: '#000000', fillOpacity: 0.04, opacity: 1 };
export const OTHER_COUNTRY_STYLE = { color: '#a3a3a3', weight: 1, fillColor: '#dcdcd8', fillOpacity: 1 };

/**
 * The world view fills each State Party's outline by its status at the date: a colour and a
 * pattern of strokes, so that no status is told by colour alone. Strokes are [x1, y1, x2, y2]
 * segments of a TILE×TILE tile, dots [x, y] points.
 */
export const STATUS_TILE = 10;
export const STATUS_FILLS = {
  completed: { label: 'Completed', color: '#009E73', ink: '#00664b', strokes: [], dots: [] },
  'on-track': { label: 'On track', color: '#56B4E9', ink: '#004f7c', strokes: [[0, 10, 10, 0], [-5, 5, 5, -5], [5, 15, 15, 5]], dots: [] },
  'at-risk': { label: 'At risk', color: '#F0E442', ink: '#7a5200', strokes: [[0, 5, 10, 5]], dots: [] },
  'off-track': {
    label: 'Off track', color: '#D55E00', ink: '#7a3300', strokes: [[0, 10, 10, 0], [0, 0, 10, 10]], dots: [],
  },
  'deadline-passed': { label: 'Deadline passed', color: '#cc79a7', ink: '#4d1230', strokes: [[5, 0, 5, 10]], dots: [] },
  'no-data': { label: 'No data', color: '#bbbbbb', ink: '#57606a', strokes: [], dots: [[5, 5]] },
};
/** The outline of a State Party below the polygon zoom: its status fill drawn opaque enough to read. */
export const STATUS_FILL_OPACITY = 0.45;

/** An aggregate's circles: the footprint (remaining and released) outlined in green, what remains filled inside it. */
export const AGGREGATE_FOOTPRINT_STYLE = { color: '#00664b', weight: 2, fillColor: '#009E73', fillOpacity: 0.12 };
export const AGGREGATE_REMAINING_STYLE = { color: '#4d1a3a', weight: 1.5, fillColor: '#CC79A7', fillOpacity: 0.85 };
/** Pixels per √m² of a proportional symbol: 1 km² is a circle of 4 px radius, 10 km² of 12.6 px. */
export const SYMBOL_SCALE = 0.004;
/** The radius in pixels of a circle standing for an area in m² (at least 3 px, so that every cell shows). */
export function symbolRadius(sqm) {
  return Math.max(3, SYMBOL_SCALE * Math.sqrt(Math.max(0, sqm)));
}
