/**
 * OGC API – Features (Part 1, Core 1.0.1) under {@code /ogc}, so that QGIS, ArcGIS and GDAL read
 * the data directly.
 *
 * <ul>
 *   <li><b>Collection</b>: a set of features served under {@code /ogc/collections/{id}}:
 *       {@code hazards} (the current version of every hazardous area), {@code releases} (the
 *       current version of every land release) and {@code remaining} (per State Party, the
 *       hazardous land not yet released: the area engine's remaining land, as the figures and
 *       {@code /api/state-parties/{iso3}/remaining} have it, slivers left out).</li>
 *   <li><b>Items</b>: a page of a collection's features, filtered by {@code bbox} (WGS 84
 *       longitude/latitude, crossing the antimeridian when minLon &gt; maxLon), {@code datetime}
 *       (the date a hazard was recorded on, or a release completed on) and property filters;
 *       paged with {@code limit} and {@code offset}, with absolute {@code next}/{@code prev}
 *       links.</li>
 *   <li><b>Extent</b>: the bounding box and date range the data actually covers, computed from
 *       the rows when asked.</li>
 *   <li><b>Encoding</b>: JSON (GeoJSON for features) for GIS clients, or an HTML page for a
 *       person in a browser, chosen by {@code f} or the {@code Accept} header; each links the
 *       other ({@code rel=alternate}).</li>
 * </ul>
 *
 * <p>PostGIS writes every hazard and release ({@code ST_AsGeoJSON}, 7 decimals); the server joins
 * the texts and never parses a geometry. Remaining land is written by the server from the engine's
 * geometry (7 decimals).
 */
package org.clearancemap.ogc;
