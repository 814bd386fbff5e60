package org.clearancemap.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearancemap.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GDAL's {@code ogr2ogr} and {@code ogrinfo} (Debian {@code gdal-bin}) run as subprocesses: they
 * read Shapefile, GeoPackage, KML and CSV and reproject with PROJ, which Java alone cannot do.
 *
 * <p>Each run has a timeout and is killed when it passes it. GDAL is told never to touch the
 * network (no HTTP, a dead proxy, no remote file extensions allowed); dangerous inputs are
 * refused before GDAL sees them anyway (see {@link SafeArchive} and {@link KmlSafety}): KML
 * network links never reach the LIBKML driver, which GDAL uses for KML because only it reads
 * {@code ExtendedData}. GDAL's own messages go to the log,
 * never to the client.
 */
final class Ogr2Ogr {
    private static final Logger LOG = LoggerFactory.getLogger(Ogr2Ogr.class);
    /** The name of the layer's CRS: the first line of its WKT after "Layer SRS WKT:". */
    private static final Pattern CRS_NAME = Pattern.compile("Layer SRS WKT:\\s*\\n[A-Z]+CRS\\[\"([^\"]+)\"");
    /** The CRS's own identifier: the ID of the WKT's outermost bracket (indented by four spaces). */
    private static final Pattern CRS_CODE = Pattern.compile("(?m)^    ID\\[\"EPSG\",(\\d+)\\]\\]\\s*$");
    /** A layer in {@code ogrinfo -q}'s list: {@code 1: name (type)}, or {@code Layer: name (type)} for a File Geodatabase. */
    private static final Pattern LAYER_LINE = Pattern.compile("^(?:\\d+|Layer): (.+?)(?: \\(([^)]*)\\))?$");
    /** Environment that keeps GDAL off the network. */
    static final Map<String, String> OFFLINE = Map.of(
            "GDAL_HTTP_PROXY", "127.0.0.1:9",
            "http_proxy", "http://127.0.0.1:9",
            "https_proxy", "http://127.0.0.1:9",
            "GDAL_HTTP_TIMEOUT", "1",
            "GDAL_HTTP_MAX_RETRY", "0",
            "CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".none-allowed",
            "CPL_DEBUG", "OFF");

    private final Duration timeout;
    /** GDAL processes running now, stopped by {@link #close} when the server stops. */
    private final java.util.Set<Process> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Ogr2Ogr(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Converts one layer of {@code input} to a GeoJSON file in WGS 84 longitude/latitude.
     *
     * @param layer      the layer to read, or null for the only/first one
     * @param reproject  false for inputs with no CRS (a Shapefile without .prj), read as they are
     * @param extra      open options and other arguments placed before the input
     * @param what       the format's name for messages
     * @return the GeoJSON file; the caller deletes it
     */
    Path toGeoJson(Path input, String layer, boolean reproject, List<String> extra, String what) {
        return toGeoJson(input.toString(), layer, reproject, extra, what, false);
    }

    /**
     * As {@link #toGeoJson(Path, String, boolean, List, String)}, from a GDAL dataset name (e.g.
     * {@code ESRIJSON:/path}).
     *
     * @param errorsFail any error GDAL reports fails the conversion, even when it finished: a
     *                   damaged File Geodatabase table is otherwise read as having no features
     */
    Path toGeoJson(String input, String layer, boolean reproject, List<String> extra, String what, boolean errorsFail) {
        Path out;
        try {
            out = UploadTemp.file("upload-", ".geojson");
            Files.delete(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var command = new ArrayList<>(List.of("ogr2ogr", "-f", "GeoJSON", "-lco", "RFC7946=NO",
                "-lco", "COORDINATE_PRECISION=15", "-lco", "WRITE_BBOX=NO"));
        if (reproject) {
            command.addAll(List.of("-t_srs", "EPSG:4326"));
        }
        command.addAll(extra);
        command.add(out.toString());
        command.add(input);
        if (layer != null) {
            command.add(layer);
        }
        Result r = run(command);
        if (r.exit != 0 || !Files.exists(out) || (errorsFail && r.stderr.contains("ERROR "))) {
            ReceivedFile.delete(out);
            LOG.info("ogr2ogr could not read a {} upload: {}", what, r.stderr);
            throw new ApiException.Unprocessable("The file looks like " + what + " but could not be read as one"
                    + hint(r.stderr) + ".", Map.of("errors", List.of(FeatureProblem.ofFile("unreadable-file",
                            what + " could not be read"))));
        }
        return out;
    }

    /**
     * Writes the GeoJSON file {@code geojson} as {@code driver} (a GDAL vector driver) to {@code out},
     * in one layer named {@code layer}.
     */
    void fromGeoJson(Path geojson, String driver, Path out, String layer, List<String> options, boolean addLayer) {
        var command = new ArrayList<>(List.of("ogr2ogr", "-f", driver, "-nln", layer));
        if (addLayer) {
            command.add("-update");
        }
        command.addAll(options);
        command.add(out.toString());
        command.add(geojson.toString());
        Result r = run(command);
        if (r.exit != 0 || !Files.exists(out)) {
            throw new IllegalStateException("ogr2ogr could not write " + driver + ": " + r.stderr);
        }
    }

    /**
     * The coordinate reference system a layer of {@code input} declares, as GDAL identifies it:
     * {@code "EPSG:32648 (WGS 84 / UTM zone 48N)"}, its name alone when GDAL finds no EPSG code,
     * null when it declares none or it cannot be read (the conversion then says what is wrong).
     */
    String crsOf(Path input, String layer) {
        var command = new ArrayList<>(List.of("ogrinfo", "-ro", "-so", input.toString()));
        if (layer != null) {
            command.add(layer);
        } else {
            command.add("-al");
        }
        Result r = run(command);
        if (r.exit != 0) {
            return null;
        }
        Matcher name = CRS_NAME.matcher(r.stdout);
        if (!name.find()) {
            return null;
        }
        Matcher code = CRS_CODE.matcher(r.stdout);
        return code.find() ? "EPSG:" + code.group(1) + " (" + name.group(1) + ")" : name.group(1);
    }

    /** The layer names of a multi-layer source (a GeoPackage, a File Geodatabase), in order; tables without geometry left out. */
    List<String> layers(Path input, String what) {
        Result r = run(List.of("ogrinfo", "-ro", "-q", input.toString()));
        if (r.exit != 0) {
            LOG.info("ogrinfo could not read a {} upload: {}", what, r.stderr);
            throw new ApiException.Unprocessable("The file looks like " + what + " but could not be read as one.",
                    Map.of("errors", List.of(FeatureProblem.ofFile("unreadable-file", what + " could not be read"))));
        }
        var names = new ArrayList<String>();
        for (String line : r.stdout.split("\n")) {
            Matcher m = LAYER_LINE.matcher(line.trim());
            if (m.matches() && !"None".equals(m.group(2))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** True when GDAL (PROJ) knows the coordinate reference system {@code definition}, e.g. {@code EPSG:32648}. */
    boolean knowsCrs(String definition) {
        return run(List.of("gdalsrsinfo", "-o", "epsg", definition)).exit == 0;
    }

    /** The only hint of GDAL's error worth passing on: that a CRS was not understood. */
    private static String hint(String stderr) {
        if (stderr.contains("Failed to import spatial reference") || stderr.contains("Can't transform")
                || stderr.contains("Failed to process SRS definition")
                || stderr.contains("coordinate system")) {
            return " (its coordinate reference system is not understood)";
        }
        return "";
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private Result run(List<String> command) {
        Path stdout = null;
        Path stderr = null;
        Process process = null;
        try {
            stdout = UploadTemp.file("ogr-", ".out");
            stderr = UploadTemp.file("ogr-", ".err");
            var builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().putAll(OFFLINE);
            if (closed) {
                throw new IllegalStateException("the server is stopping: " + command.get(0) + " is not started");
            }
            process = builder.start();
            running.add(process);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                LOG.warn("{} took longer than {} s and was stopped", command.get(0), timeout.toSeconds());
                throw new ApiException.Unprocessable("Reading the file took longer than " + timeout.toSeconds()
                        + " s (OGR_TIMEOUT_SECONDS); split it or upload GeoJSON.",
                        Map.of("errors", List.of(FeatureProblem.ofFile("conversion-timeout", "conversion timed out"))));
            }
            return new Result(process.exitValue(), read(stdout), read(stderr));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (is gdal-bin installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            if (process != null) {
                running.remove(process);
                if (process.isAlive()) {
                    process.destroyForcibly(); // interrupted, or the server stopping: never left behind
                }
            }
            ReceivedFile.delete(stdout);
            ReceivedFile.delete(stderr);
        }
    }

    /** Stops every GDAL process still running and refuses new ones (the server is stopping). */
    void close() {
        closed = true;
        for (Process p : running) {
            p.destroyForcibly();
        }
    }

    /** GDAL processes running now (for tests). */
    int running() {
        return running.size();
    }

    private static String read(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        return new String(bytes, 0, Math.min(bytes.length, 1 << 20), StandardCharsets.UTF_8);
    }
}
