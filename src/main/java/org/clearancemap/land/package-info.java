/**
 * The mapped land: hazardous areas and land releases as stored, and every query on their tables
 * ({@code hazard}, {@code land_release}). Everything else reads and writes them through here.
 *
 * <dl>
 *   <dt>hazard (hazardous area)</dt>
 *   <dd>A polygon of a State Party known or suspected to contain cluster munition remnants
 *       (IMSMA's "Land"), {@link org.clearancemap.land.Classification classified} as SHA
 *       (suspected) or CHA (confirmed), recorded on a date.</dd>
 *   <dt>release (land release)</dt>
 *   <dd>A polygon released on its completion date by one
 *       {@link org.clearancemap.land.ReleaseMethod method}: cancelled (non-technical survey),
 *       reduced (technical survey) or cleared (clearance). The outcome of an IMSMA "Activity".</dd>
 *   <dt>external id</dt>
 *   <dd>The operator's own id of a hazard or release, stable across its versions; unique per State
 *       Party and kind.</dd>
 *   <dt>version</dt>
 *   <dd>One stored state of a hazard or release, numbered from 1. Nothing is deleted: a newer
 *       version closes the one before it. A hazard version is valid from its {@code recorded_on}
 *       until {@code valid_until} (exclusive), set to the next version's {@code recorded_on} or to
 *       the retirement date; a release version is closed by {@code superseded_at}.</dd>
 *   <dt>current</dt>
 *   <dd>The version that is not closed: at most one per external id. Defined once, by the views
 *       {@code land.current_hazard} and {@code land.current_release} (and {@code is_current} of
 *       {@code land.hazard_version} and {@code land.release_version}); every query that means
 *       "current" reads them.</dd>
 *   <dt>valid on a day</dt>
 *   <dd>A hazard version recorded on or before the day and not closed on it; a release counts
 *       from its completion date, in its current version only.</dd>
 *   <dt>retired</dt>
 *   <dd>A hazard whose current version was closed without a successor ({@code retired_on}, with a
 *       reason): it is no longer hazardous land from that day.</dd>
 *   <dt>footprint</dt>
 *   <dd>The land a version covers ({@code geom4326}, a valid MultiPolygon in WGS 84) and its
 *       geodesic area ({@code area_sqm}). The area engine reads footprints as
 *       {@link org.clearancemap.land.MappedLand}.</dd>
 *   <dt>synthetic</dt>
 *   <dd>Generated, not reported: the demo dataset and benchmarks
 *       ({@link org.clearancemap.land.SyntheticLand}).</dd>
 * </dl>
 *
 * <p>Writing an upload goes through one {@link org.clearancemap.land.VersionStage} for both
 * kinds; what differs between them (columns, how a current version is closed, whether a new one
 * must be dated after it) is stated once per kind in {@link org.clearancemap.land.LandKind}.
 * Reading: {@link org.clearancemap.land.LandRepository} (map layers, version histories, report
 * listings, counts), {@link org.clearancemap.land.LandFeatures} (OGC features and vector tiles),
 * {@link org.clearancemap.land.MappedLandRepository} (the area engine's input). Every GeoJSON
 * property is named in one snake_case vocabulary ({@code state_party}, {@code external_id},
 * {@code recorded_on}, {@code area_sqm}, …); an output may carry a subset, never another name.
 */
package org.clearancemap.land;
