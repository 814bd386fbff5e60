/**
 * Uploads of survey polygons by operators: hazardous areas and land releases, from the files that
 * survey and clearance organisations have (GeoJSON, zipped Shapefile, GeoPackage, KML/KMZ, CSV
 * with WKT), checked, versioned and stored all or nothing.
 *
 * <dl>
 *   <dt>upload</dt>
 *   <dd>One file sent to one State Party as {@code hazards} or {@code releases}; recorded in the
 *       {@code upload} table with its SHA-256, so the identical file sent again gives back the
 *       first report and writes nothing.</dd>
 *   <dt>external id</dt>
 *   <dd>The operator's own id of a hazard or release (IMSMA's Land or Activity id). The same
 *       external id in a later upload is the same thing: a new version when anything changed,
 *       {@code unchanged} otherwise.</dd>
 *   <dt>version</dt>
 *   <dd>Hazards: valid from {@code recorded_on} until the next version's {@code recorded_on} or
 *       the retirement date (exclusive). Releases: the current version has no
 *       {@code superseded_at}. Nothing is deleted.</dd>
 *   <dt>problem</dt>
 *   <dd>An error (the file is refused, 422, nothing written) or a warning (accepted, e.g. an
 *       invalid polygon repaired), with the feature's index, external id, a stable code, a
 *       message for the operator and a {@code [lon, lat]} location when there is one.</dd>
 * </dl>
 *
 * <p>The flow: {@link org.clearancemap.upload.UploadRoutes} receives the file (body, or the
 * {@link org.clearancemap.upload.MultipartBody multipart} part {@code file}) into a {@link org.clearancemap.upload.ReceivedFile}; {@link org.clearancemap.upload.SurveyUpload}
 * detects the format, turns anything but WGS 84 GeoJSON into it with
 * {@link org.clearancemap.upload.Ogr2Ogr}, checks each feature with
 * {@link org.clearancemap.upload.FeatureCheck} and writes it by COPY (new external ids straight
 * into their table, known ones through a stage compared with their current version), through the
 * versioned-write stage of {@link org.clearancemap.land.VersionStage} in one transaction.
 */
package org.clearancemap.upload;
