package org.clearancemap.upload;

import java.util.Locale;

/** GeoJSON text for tests: squares, features and collections. */
final class SurveyFiles {
    private SurveyFiles() {
    }

    static String square(double lon, double lat, double size) {
        return String.format(Locale.ROOT, "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}",
                lon, lat, lon + size, lat, lon + size, lat + size, lon, lat + size, lon, lat);
    }

    static String feature(String properties, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    /** A valid Lao hazard with the given id. */
    static String laoHazard(String id, double lon, double lat) {
        return feature("{\"external_id\":\"" + id + "\",\"classification\":\"CHA\",\"recorded_on\":\"2021-03-04\"}",
                square(lon, lat, 0.01));
    }
}
