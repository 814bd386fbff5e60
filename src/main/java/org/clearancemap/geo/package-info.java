/**
 * Geometry on the Earth: geodesic areas and the territories of States.
 *
 * <h2>Terms</h2>
 * <dl>
 *   <dt>lon/lat (EPSG:4326)</dt>
 *   <dd>Every geometry here is in longitude and latitude degrees on WGS 84, with {@code x} the
 *       longitude and {@code y} the latitude, as PostGIS stores {@code geometry(…, 4326)}. A name
 *       ending in {@code 4326} says so.</dd>
 *   <dt>geodesic area</dt>
 *   <dd>The area in square metres on the WGS 84 ellipsoid of the region bounded by geodesics
 *       joining consecutive vertices (Karney's algorithm, as GeographicLib and PostGIS
 *       {@code ST_Area(geography)} compute it). Never planar area on degrees. Names carry the
 *       unit: {@code areaSqm}.</dd>
 *   <dt>areal geometry</dt>
 *   <dd>A {@code Polygon} or {@code MultiPolygon}: an outer ring per part, less its holes.</dd>
 *   <dt>territory</dt>
 *   <dd>The land of a State as drawn by Natural Earth (1:50m, public domain, from the npm package
 *       {@code world-atlas}), keyed by ISO 3166-1 alpha-3 code: a coarse boundary, good for
 *       placing and checking synthetic data, not a legal boundary.</dd>
 *   <dt>TopoJSON</dt>
 *   <dd>The format Natural Earth boundaries come in: shared arcs, quantized and delta-encoded,
 *       referenced by index from each geometry ({@code ~i} means arc {@code i} reversed).</dd>
 * </dl>
 */
package org.clearancemap.geo;
