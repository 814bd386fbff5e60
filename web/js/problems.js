// The problems of an upload's dry run as markers on the map, each with its popup; focusing one
// (from the upload report) zooms to it.
import { element } from './dom.js';
import { L, layers, map } from './map.js';
import { showMapView } from './views.js';

const markers = new Map(); // problem index → marker

export function showProblems(problems) {
  layers.problems.clearLayers();
  markers.clear();
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
  document.body.dataset.problemMarkers = String(problems.length);
  if (problems.length > 0) {
    showMapView();
    const bounds = L.latLngBounds(problems.map((p) => [p.location[1], p.location[0]]));
    map.fitBounds(bounds.pad(0.5), { maxZoom: 12 });
  }
}

export function focusProblem(problem) {
  showMapView();
  const [lon, lat] = problem.location;
  map.setView([lat, lon], Math.max(map.getZoom(), 14));
  markers.get(problem.index)?.openPopup();
  document.body.dataset.focusedProblem = String(problem.index);
}
