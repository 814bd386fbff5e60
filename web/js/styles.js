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
export const UNKNOWN_STYLE = { color: '#555555', weight: 1, fillColor: '#999999', fillOpacity: 0.3 };
export const OUTLINE_STYLE = { color: '#333333', weight: 1.6, fill: true, fillOpacity: 0, opacity: 0.9 };
export const SELECTED_OUTLINE_STYLE = { color: '#000000', weight: 3, fill: true, fillColor: '#000000', fillOpacity: 0.04, opacity: 1 };
export const OTHER_COUNTRY_STYLE = { color: '#a3a3a3', weight: 1, fillColor: '#dcdcd8', fillOpacity: 1 };
