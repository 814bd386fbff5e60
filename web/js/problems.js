// What a dry run found, on the map: the features as they would be stored (the server's preview,
// reprojected and repaired) with a dashed outline, and each problem as a marker with its popup.
// The map moves to them: to the preview's extent, or to the problems beside the State Party's
// outline. Focusing one problem (from the upload report) zooms to it.
import { element, formatArea } from './dom.js';
import { L, layers, map } from './map.js';
import { outlineBounds } from './outlines.js';
import { PREVIEW_STYLE } from './styles.js';
import { showMapView } from './views.js';

const markers = new Map(); // problem index → marker

function drawPreview(preview) {
  const features = preview?.features || [];
  if (features.length === 0) return;
  L.geoJSON(preview, { style: () => PREVIEW_STYLE, interactive: true })
    .bindPopup((layer) => {
      const p = layer.feature.properties;
      return element('div', { className: 'feature-popup', 'data-testid': 'preview-popup' },
        element('h3', {}, `${p.external_id} (not stored yet)`),
        element('p', {}, `Feature ${p.feature} of the file, as it would be stored: ${p.classification || p.method || ''}, `
          + `${formatArea(p.area_sqm)}`));
    })
    .addTo(layers.problems);
}

/**
 * Draws a dry run's outcome and moves the map to it.
 *
 * @param problems the problems with a location, each with its index and severity
 * @param preview  the server's preview (GeoJSON with bbox), or null
 * @param iso3     the State Party the file is for
 */
export function showProblems(problems, { preview = null, iso3 = null } = {}) {
  layers.problems.clearLayers();
  markers.clear();
  drawPreview(preview);
  for (const problem of problems) {
    const [lon, lat] = problem.location;
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({ className: `problem-marker problem-marker-${problem.severity}`, html: '!', iconSize: [24, 24] }),
      title: `${problem.code}: ${problem.message}`,
      alt: `${problem.severity} ${problem.code}`,
      keyboard: true,
      riseOnHover: true,
    }).bindPopup(() => element('div', { className: 'feature-popup' },
      element('h3', {}, `${problem.severity === 'error' ? 'Problem' : 'Warning'}: ${problem.code}`),
      element('p', {}, problem.message),
      element('p', { className: 'hint' }, `Feature ${problem.feature ?? '—'}${problem.externalId ? `, ${problem.externalId}` : ''}`)));
    marker.addTo(layers.problems);
    markers.set(problem.index, marker);
  }
  const drawn = preview?.features?.length || 0;
  document.body.dataset.problemMarkers = String(problems.length);
  document.body.dataset.previewFeatures = String(drawn);
  const bounds = L.latLngBounds([]);
  const [west, south, east, north] = preview?.bbox || [];
  if (typeof west === 'number') bounds.extend([[south, west], [north, east]]);
  const errors = problems.filter((p) => p.severity === 'error');
  for (const p of errors) bounds.extend([p.location[1], p.location[0]]);
  // problems alone are shown beside the State Party's outline, so that the view says where they are
  if (errors.length > 0 || (!bounds.isValid() && iso3)) {
    const outline = iso3 ? outlineBounds(iso3) : null;
    if (outline) bounds.extend(outline);
  }
  if (bounds.isValid()) {
    showMapView();
    // clear of the banner and the status line above and of the legend on the right
    const legend = document.querySelector('[data-testid=legend]')?.offsetWidth || 0;
    map.fitBounds(bounds, { paddingTopLeft: [40, 130], paddingBottomRight: [Math.min(legend, map.getSize().x / 3) + 40, 40], maxZoom: 16 });
  }
  document.body.dataset.dryRunView = bounds.isValid() ? map.getBounds().toBBoxString() : '';
}

export function focusProblem(problem) {
  showMapView();
  const [lon, lat] = problem.location;
  map.setView([lat, lon], Math.max(map.getZoom(), 14));
  markers.get(problem.index)?.openPopup();
  document.body.dataset.focusedProblem = String(problem.index);
}
