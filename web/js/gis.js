// "Open in QGIS / GDAL": the addresses a desktop GIS or a script reads this server's data from (the
// OGC API – Features landing page, the vector-tile URL template, a GDAL command), each with a
// button that copies it.

/** The three addresses, for a page served from {@code origin}. */
export function gisAddresses(origin) {
  const ogc = `${origin}/ogc`;
  return {
    'gis-ogc': ogc,
    'gis-tiles': `${origin}/tiles/hazards/{z}/{x}/{y}.mvt`,
    // GDAL before 3.8 asks 10 features a page whatever the server's default; PAGE_SIZE asks 1,000
    'gis-gdal': `ogr2ogr -f GPKG hazards.gpkg "OAPIF:${ogc}" hazards -oo PAGE_SIZE=1000`,
  };
}

async function copy(field, status) {
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = `Copied: ${field.value}`;
  } catch {
    // no clipboard access (an insecure origin, or permission refused): leave it selected to copy
    field.focus();
    field.select();
    status.textContent = 'Selected: press Ctrl+C (⌘C) to copy.';
  }
}

export function initGis() {
  const status = document.getElementById('gis-status');
  for (const [id, value] of Object.entries(gisAddresses(window.location.origin))) {
    document.getElementById(id).value = value;
  }
  for (const button of document.querySelectorAll('[data-copy]')) {
    const field = document.getElementById(button.dataset.copy);
    button.addEventListener('click', () => copy(field, status));
  }
}
