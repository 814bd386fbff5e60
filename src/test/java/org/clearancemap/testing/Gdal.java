package org.clearancemap.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Files made by real GDAL for upload tests, as operators' tools make them. */
public final class Gdal {
    private Gdal() {
    }

    /** Runs {@code ogr2ogr} with these arguments; fails the test when it fails. */
    public static void ogr2ogr(String... args) throws Exception {
        var command = new ArrayList<String>();
        command.add("ogr2ogr");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + output);
    }

    /** A GeoJSON text written as a zipped Shapefile in {@code crs} (e.g. EPSG:32648), made in {@code dir}. */
    public static byte[] zippedShapefile(String geojson, String crs, Path dir) throws Exception {
        Path in = dir.resolve("in.geojson");
        Files.writeString(in, geojson);
        Path shp = Files.createDirectories(dir.resolve("shapefile"));
        ogr2ogr("-f", "ESRI Shapefile", "-t_srs", crs, shp.resolve("hazards.shp").toString(), in.toString());
        return zip(shp);
    }

    /** The files of a folder in a zip, at its top level. */
    public static byte[] zip(Path folder) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes); var files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
