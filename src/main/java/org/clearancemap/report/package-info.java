/**
 * Treaty reports from the mapped figures: the Article 7 clearance section for a calendar year
 * (7(1)(h) contaminated areas with size and location; 7(1)(i) areas released in the year, with
 * size, location and items destroyed) and the Article 4(6)(d)(e)(f) figures of an extension
 * request (area contaminated at entry into force plus areas discovered since, area released since,
 * area remaining) with the yearly balance and the projection. Each is one
 * {@link org.clearancemap.report.Document}, rendered as JSON, printable HTML, PDF, Word, Excel and CSV.
 */
package org.clearancemap.report;
