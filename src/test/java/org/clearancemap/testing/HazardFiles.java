package org.clearancemap.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** GeoJSON hazard files for the reliability tests: small squares inside Laos, one per external id. */
public final class HazardFiles {
    private HazardFiles() {
    }

    /** A square polygon of {@code size} degrees with its south-west corner at (lon, lat). */
    public static String square(double lon, double lat, double size) {
        return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}",
                lon, lat, lon + size, lat, lon + size, lat + size, lon, lat + size, lon, lat);
    }

    /** One hazard feature. */
    public static String hazard(String externalId, String recordedOn, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"external_id\":\"" + externalId
                + "\",\"classification\":\"CHA\",\"recorded_on\":\"" + recordedOn + "\"},\"geometry\":" + geometry + "}";
    }

    /** A FeatureCollection of the given features. */
    public static String collection(List<String> features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    /**
     * A file of {@code count} Lao hazards named {@code prefix-0 .. prefix-(count-1)}, each a square
     * whose place depends on {@code seed} (so two files with different seeds differ).
     */
    public static String laoFile(String prefix, int count, int seed) {
        var features = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            // central-southern Laos (105.6..106.3 E, 15.2..16.2 N), well inside its borders
            double lon = 105.6 + Math.floorMod(seed * 37 + i * 13, 70) * 0.01;
            double lat = 15.2 + Math.floorMod(seed * 11 + i * 7, 100) * 0.01;
            features.add(hazard(prefix + "-" + i, "2021-03-04", square(lon, lat, 0.004 + (seed % 5) * 0.001)));
        }
        return collection(features);
    }
}
