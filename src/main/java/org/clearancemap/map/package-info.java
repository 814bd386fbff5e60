/**
 * What the map page reads beside the OGC API and the tiles: the {@code hazards} and
 * {@code releases} GeoJSON layers drawn for one day ({@code asOf}), filtered by State Party and
 * bbox and capped at the configured page size, and the version history of one hazard or release,
 * shown when a polygon is clicked.
 *
 * <dl>
 *   <dt>layer</dt>
 *   <dd>The hazard versions valid on the day, or the current releases completed by then, as a
 *       GeoJSON FeatureCollection in the one snake_case property vocabulary, with
 *       {@code limitReached} when more features matched than were returned.</dd>
 *   <dt>version history</dt>
 *   <dd>Every stored version of one external id, oldest first, each with its status
 *       ({@code current}, {@code superseded}, {@code retired}), its geometry and the upload it came
 *       from; a plain JSON body (camelCase).</dd>
 * </dl>
 */
package org.clearancemap.map;
