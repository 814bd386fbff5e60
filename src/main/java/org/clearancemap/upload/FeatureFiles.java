package org.clearancemap.upload;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
        Path dir = null;
        try {
            dir = UploadTemp.directory("export-");
            Path in = dir.resolve("in.geojson");
            try (OutputStream out = Files.newOutputStream(in)) {
                source.writeTo(out);
            }
            Path out = dir.resolve(layer + format.suffix);
            gdal.fromGeoJson(in, format.driver, out, layer, format.options);
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ReceivedFile.delete(dir);
        }
    }
}
