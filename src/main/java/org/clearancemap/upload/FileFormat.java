package org.clearancemap.upload;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.clearancemap.http.ApiException;

/**
 * The formats an upload may be in, told apart by their content (magic bytes and first
 * characters), never by the file name alone.
 */
enum FileFormat {
    /** JSON: text starting with '{' (after an optional byte-order mark and white space); GeoJSON or Esri JSON. */
    GEOJSON("geojson", ".geojson"),
    /** A zip archive: a zipped Shapefile set, a zipped File Geodatabase, or a KMZ (a zip holding a .kml). */
    ZIP("zip", ".zip"),
    /** A GeoPackage: an SQLite 3 database. */
    GEOPACKAGE("geopackage", ".gpkg"),
    /** KML: XML whose root is kml. */
    KML("kml", ".kml"),
    /** CSV whose header names a WKT geometry column. */
    CSV("csv", ".csv"),
    /** An Esri File Geodatabase: a zip whose files are a {@code .gdb} folder's (told once unpacked). */
    FILEGDB("filegdb", ".gdb"),
    /** An Esri JSON FeatureSet: JSON told apart from GeoJSON by its top level ({@link EsriJson}). */
    ESRIJSON("esrijson", ".json");

    private final String label;
    private final String extension;

    FileFormat(String label, String extension) {
        this.label = label;
        this.extension = extension;
    }

    String label() {
        return label;
    }

    /** The file name extension GDAL expects for this format. */
    String extension() {
        return extension;
    }

    /**
     * The format of an uploaded file; an empty file, one that claims to be JSON and is not, or one
     * in none of the supported formats is refused.
     *
     * @param claimsJson the request said the body is JSON (GeoJSON)
     */
    static FileFormat of(ReceivedFile file, boolean claimsJson) {
        if (file.sizeBytes() == 0) {
            throw new ApiException.BadRequest("The body is empty: send a GeoJSON FeatureCollection or another "
                    + "supported file (zipped Shapefile, zipped File Geodatabase, GeoPackage, KML/KMZ, Esri JSON, CSV with WKT).");
        }
        FileFormat format = detect(file.head(4096));
        if (format == null && claimsJson) {
            throw new ApiException.BadRequest("The body is not valid JSON (it does not start with '{'); "
                    + "send a GeoJSON FeatureCollection.");
        }
        if (format == null) {
            throw new ApiException.UnsupportedFormat("The file is in none of the supported formats: GeoJSON, "
                    + "zipped Shapefile, zipped Esri File Geodatabase, GeoPackage, KML or KMZ, Esri JSON, CSV with a "
                    + "WKT column.");
        }
        return format;
    }

    /** The format of a file from its first bytes; null when it is none of the supported ones. */
    static FileFormat detect(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return ZIP;
        }
        if (head.length >= 16 && new String(head, 0, 16, StandardCharsets.ISO_8859_1).equals("SQLite format 3\0")) {
            return GEOPACKAGE;
        }
        String text = new String(head, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{")) {
            return GEOJSON;
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<?xml") || lower.startsWith("<kml")) {
            return lower.contains("<kml") ? KML : null;
        }
        String firstLine = lower.lines().findFirst().orElse("");
        if (firstLine.matches("(?i).*(^|[,;\"])\\s*(wkt|geometry|geom|the_geom|wkt_geom|shape)\\s*($|[,;\"]).*")) {
            return CSV;
        }
        return null;
    }
}
