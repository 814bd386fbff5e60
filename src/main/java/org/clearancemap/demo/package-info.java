/**
 * The demo dataset: <em>synthetic</em> hazardous areas and land releases for the States Parties,
 * made up by a deterministic generator so the map, the figures and the reports have something to
 * show. None of it is real: every row is marked {@code synthetic = true}, its external id starts
 * with {@code DEMO-}, and it is never mixed with the reference figures States reported.
 *
 * <h2>Terms</h2>
 * <dl>
 *   <dt>strike footprint</dt>
 *   <dd>The ground a cluster munition strike scattered its submunitions over: roughly an ellipse
 *       a few hundred metres wide and up to a kilometre or two long, with an irregular edge.</dd>
 *   <dt>strike cluster</dt>
 *   <dd>Several footprints near one another along a line (a road, a valley), some overlapping:
 *       how strikes show up on the ground.</dd>
 *   <dt>local frame</dt>
 *   <dd>Metres east and north of a cluster's centre, where shapes are drawn before being mapped
 *       to lon/lat ({@link org.clearancemap.geo.LocalFrame}).</dd>
 *   <dt>GPS jitter</dt>
 *   <dd>The 1–3 m by which a release surveyed over a hazard misses the hazard's own edge, leaving
 *       slivers.</dd>
 * </dl>
 */
package org.clearancemap.demo;
