package org.clearancemap.upload;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GIS files written by GDAL from a GeoJSON FeatureCollection: GeoPackage, zipped Shapefile and CSV
 * (geometry as WKT in the first column, dates as ISO 8601 text). The temporary files are deleted before {@link #write} returns.
 */
public final class FeatureFiles {
    /** A file format: its GDAL driver, the name's ending and its media type. */
    public enum Format {
        GPKG("GPKG", ".gpkg", "application/geopackage+sqlite3", List.of()),
        SHP("ESRI Shapefile", ".shp.zip", "application/zip", List.of()),
        CSV("CSV", ".csv", "text/csv; charset=utf-8", List.of("-lco", "GEOMETRY=AS_WKT", "-oo", "DATE_AS_STRING=YES"));

        final String driver;
        public final String suffix;
        public final String mediaType;
        final List<String> options;

        Format(String driver, String suffix, String mediaType, List<String> options) {
            this.driver = driver;
            this.suffix = suffix;
            this.mediaType = mediaType;
            this.options = options;
        }
    }

    /** Writes GeoJSON to a stream. */
    public interface GeoJsonSource {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Ogr2Ogr gdal;

    public FeatureFiles(Duration timeout) {
        this.gdal = new Ogr2Ogr(timeout);
    }

    /** The features of {@code source} as one layer named {@code layer} of a {@code format} file. */
    public byte[] write(GeoJsonSource source, Format format, String layer) {
        return write(new LinkedHashMap<>(Map.of(layer, source)), format);
    }

    /**
     * The features of each source as a layer of one {@code format} file, named by its key, in
     * order; several layers only in a GeoPackage.
     */
    public byte[] write(LinkedHashMap<String, GeoJsonSource> layers, Format format) {
        if (layers.isEmpty() || (layers.size() > 1 && format != Format.GPKG)) {
            throw new IllegalArgumentException(layers.size() + " layers cannot go in one " + format + " file");
        }
        Path dir = null;
        try {
            dir = UploadTemp.directory("export-");
            Path out = dir.resolve(layers.keySet().iterator().next() + format.suffix);
            boolean first = true;
            for (var layer : layers.entrySet()) {
                Path in = dir.resolve(layer.getKey() + ".geojson");
                try (OutputStream stream = Files.newOutputStream(in)) {
                    layer.getValue().writeTo(stream);
                }
                gdal.fromGeoJson(in, format.driver, out, layer.getKey(), format.options, !first);
                first = false;
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ReceivedFile.delete(dir);
        }
    }
}
