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
 * {@link org.clearancemap.upload.MultipartBody multipart} part {@code file}) into a
 * {@link org.clearancemap.upload.ReceivedFile}; {@link org.clearancemap.upload.SurveyUpload} runs the
 * upload: {@link org.clearancemap.upload.FileFormat} tells the format,
 * {@link org.clearancemap.upload.GeoJsonConversion} turns anything but WGS 84 GeoJSON into it with
 * {@link org.clearancemap.upload.Ogr2Ogr}; then, in one transaction,
 * {@link org.clearancemap.upload.SurveyRead} reads the
 * features once, checks each with {@link org.clearancemap.upload.FeatureCheck} on all cores
 * ({@link org.clearancemap.upload.ParallelCheck}) and copies new external ids straight into their
 * table; the known ones are then compared with their current versions through a stage, and the new
 * versions written, through the versioned-write stage of {@link org.clearancemap.land.VersionStage}. Every problem goes to
 * {@link org.clearancemap.upload.Problems}.
 */
package org.clearancemap.upload;
