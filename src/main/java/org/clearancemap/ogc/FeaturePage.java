package org.clearancemap.ogc;

import java.util.List;

/**
 * One page of features as GeoJSON texts written by PostGIS.
 *
 * @param features      the features of the page, in order
 * @param numberMatched how many features match the query on all pages
 */
public record FeaturePage(List<String> features, long numberMatched) {
}
