// The page as printed (css/print.css): before printing, the header names what is shown and the
// date of every figure, the legend is open and the map is fitted to the paper (the selected State
// Party's outline whole); after printing, the legend and the view are as they were.

import { map } from './map.js';
import { outlineBounds } from './outlines.js';
import * as state from './state.js';

function today() {
  return new Date().toISOString().slice(0, 10);
}

/** The header's two lines: what the map and figures show, and when the page was printed. */
export function printHeading() {
  const iso3 = state.selected();
  const what = iso3 ? state.stateName(iso3) : 'All States Parties';
  const date = state.asOf() || today();
  return {
    title: `${what}: map and figures as of ${date}`,
    detail: `Clearance Map, Convention on Cluster Munitions, Article 4. Printed ${today()}; `
      + 'every figure is computed by the server from the mapped polygons.',
  };
}

export function initPrint() {
  const header = document.getElementById('print-header');
  const legend = () => document.querySelector('.legend');
  let legendWasOpen = null;
  let view = null;

  // a real print fires both beforeprint and the media query's change: the second call does nothing
  const before = () => {
    if (view) return;
    const heading = printHeading();
    header.querySelector('h1').textContent = heading.title;
    header.querySelector('p').textContent = heading.detail;
    const details = legend();
    if (details) {
      legendWasOpen = details.open;
      details.open = true;
    }
    view = { center: map.getCenter(), zoom: map.getZoom() };
    map.invalidateSize({ animate: false });
    const bounds = state.selected() ? outlineBounds(state.selected()) : null;
    if (bounds) {
      map.fitBounds(bounds, { animate: false, padding: [20, 20] });
    }
  };
  const after = () => {
    if (!view) return;
    const details = legend();
    if (details && legendWasOpen !== null) {
      details.open = legendWasOpen;
    }
    legendWasOpen = null;
    map.invalidateSize({ animate: false });
    map.setView(view.center, view.zoom, { animate: false });
    view = null;
  };
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', after);
  // print previews that only switch the media query (and tests emulating print) get the same
  window.matchMedia('print').addEventListener('change', (e) => (e.matches ? before() : after()));
}
