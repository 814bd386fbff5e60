package org.clearancemap.land;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One page of features as GeoJSON written by PostGIS, kept as the UTF-8 bytes the database sent.
 *
 * @param features      the features of the page, in order, each a UTF-8 GeoJSON Feature
 * @param numberMatched how many features match the query on all pages
 */
public record FeaturePage(List<byte[]> features, long numberMatched) {

    /** The first feature as text, if any. */
    public Optional<String> first() {
        return features.stream().findFirst().map(b -> new String(b, StandardCharsets.UTF_8));
    }
}
