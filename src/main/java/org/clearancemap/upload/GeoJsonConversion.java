package org.clearancemap.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clearancemap.http.ApiException;

/**
 * Turns an upload in any supported format into GeoJSON in WGS 84: GeoJSON is read as it is;
 * a zipped Shapefile, a zipped Esri File Geodatabase, a KMZ, a GeoPackage, a KML, an Esri JSON
 * FeatureSet or a CSV with a WKT column goes through
 * {@link Ogr2Ogr} after the safety checks of {@link SafeArchive} and {@link KmlSafety}. A file with
 * several layers needs the one to read named.
 */
final class GeoJsonConversion implements AutoCloseable {
    /** Fields GDAL's LIBKML driver adds for how a placemark is drawn, not what it is: not kept. */
    private static final Set<String> KML_PRESENTATION = Set.of("tessellate", "extrude", "visibility",
            "altitudeMode", "drawOrder", "icon", "snippet");
    private static final List<String> CSV_GEOMETRY_NAMES = List.of("WKT", "wkt", "geometry", "geom", "the_geom",
            "wkt_geom", "shape", "Shape", "Geometry");

    private final Ogr2Ogr ogr;
    private final long maxUnzippedBytes;

    GeoJsonConversion(Ogr2Ogr ogr, long maxUnzippedBytes) {
        this.ogr = ogr;
        this.maxUnzippedBytes = maxUnzippedBytes;
    }

    /** Stops any GDAL process still running. */
    @Override
    public void close() {
        ogr.close();
    }

    /**
     * The upload as GeoJSON.
     *
     * @param layer the layer to read from a GeoPackage, a File Geodatabase, a zip of several Shapefiles or a KML;
     *              null for the only one
     */
    GeoJsonSource of(ReceivedFile upload, FileFormat format, String layer) {
        Path file = upload.path();
        var temporary = new ArrayList<Path>();
        var warnings = new ArrayList<FeatureProblem>();
        try {
            switch (format) {
                case GEOJSON -> {
                    EsriJson.FeatureSet esri = EsriJson.scan(file);
                    if (esri != null) {
                        return esriJson(file, esri, temporary, warnings);
                    }
                    return new GeoJsonSource(format, file, temporary, warnings);
                }
                case ZIP -> {
                    SafeArchive.Unpacked zip = SafeArchive.unpack(file, upload.sizeBytes(), maxUnzippedBytes);
                    temporary.add(zip.directory());
                    List<String> shapefiles = zip.withExtension(".shp");
                    List<String> kmls = zip.withExtension(".kml");
                    if (!shapefiles.isEmpty()) {
                        String shp = choose(shapefiles, layer, "Shapefile", ".shp");
                        String base = shp.substring(0, shp.length() - 4);
                        if (zip.files().stream().noneMatch(f -> f.equalsIgnoreCase(base + ".dbf"))) {
                            throw unprocessable("no-dbf", "The zip holds " + shp + " but no " + base + ".dbf: a "
                                    + "Shapefile keeps its attributes (external_id, dates, ...) in its .dbf. Zip the "
                                    + ".shp, .shx, .dbf and .prj of the layer together.");
                        }
                        boolean hasPrj = zip.files().stream().anyMatch(f -> f.equalsIgnoreCase(base + ".prj"));
                        if (!hasPrj) {
                            warnings.add(FeatureProblem.ofFile("no-prj", "the Shapefile has no .prj: its coordinates "
                                    + "were read as WGS 84 longitude/latitude, which every one of them is"));
                        }
                        if (hasPrj) {
                            readAs(ogr.crsOf(zip.directory().resolve(shp), null), warnings);
                        }
                        Path out = ogr.toGeoJson(zip.directory().resolve(shp), null, hasPrj,
                                List.of(), "a zipped Shapefile");
                        temporary.add(out);
                        return new GeoJsonSource(format, out, temporary, warnings);
                    }
                    if (!zip.withExtension(".gdbtable").isEmpty()) {
                        return fileGeodatabase(zip, layer, temporary, warnings);
                    }
                    if (!kmls.isEmpty()) {
                        String kml = kmls.contains("doc.kml") ? "doc.kml" : kmls.get(0);
                        return kml(format, zip.directory().resolve(kml), layer, temporary, warnings, "KMZ");
                    }
                    throw unprocessable("empty-archive", "The zip holds neither a Shapefile (.shp with its .dbf, .shx "
                            + "and .prj), nor an Esri File Geodatabase (a .gdb folder), nor a KML (KMZ).");
                }
                case GEOPACKAGE -> {
                    Path gpkg = linked(file, ".gpkg", temporary);
                    List<String> layers = ogr.layers(gpkg, "a GeoPackage");
                    if (layers.isEmpty()) {
                        throw unprocessable("no-layer", "The GeoPackage has no vector layer.");
                    }
                    String chosen = choose(layers, layer, "GeoPackage layer", "");
                    readAs(ogr.crsOf(gpkg, chosen), warnings);
                    Path out = ogr.toGeoJson(gpkg, chosen, true, List.of(), "a GeoPackage");
                    temporary.add(out);
                    return new GeoJsonSource(format, out, temporary, warnings);
                }
                case KML -> {
                    return kml(format, linked(file, ".kml", temporary), layer, temporary, warnings, "KML");
                }
                case CSV -> {
                    Path csv = linked(file, ".csv", temporary);
                    var options = new ArrayList<>(List.of("-a_srs", "EPSG:4326",
                            "-oo", "GEOM_POSSIBLE_NAMES=" + String.join(",", CSV_GEOMETRY_NAMES),
                            "-oo", "KEEP_GEOM_COLUMNS=NO"));
                    Path out = ogr.toGeoJson(csv, null, false, options, "CSV with a WKT column");
                    temporary.add(out);
                    return new GeoJsonSource(format, out, temporary, warnings);
                }
                default -> throw new IllegalStateException("unhandled format " + format);
            }
        } catch (RuntimeException e) {
            temporary.forEach(ReceivedFile::delete);
            throw e;
        }
    }

    /**
     * An Esri File Geodatabase unpacked from a zip (its {@code .gdb} folder, or the folder's files
     * at the top): GDAL's OpenFileGDB driver opens it as a folder named {@code *.gdb}. Its only
     * layer with geometry, or {@code layer}; tables without geometry are not layers to choose.
     */
    private GeoJsonSource fileGeodatabase(SafeArchive.Unpacked zip, String layer, List<Path> temporary,
            List<FeatureProblem> warnings) {
        List<String> geodatabases = zip.folders().stream()
                .filter(f -> f.toLowerCase(java.util.Locale.ROOT).endsWith(".gdb")).toList();
        if (geodatabases.size() > 1) {
            throw unprocessable("several-geodatabases", "The zip holds several File Geodatabases ("
                    + String.join(", ", geodatabases) + "); zip one .gdb folder per upload.");
        }
        Path gdb;
        try {
            Path dir = UploadTemp.directory("upload-gdb-");
            temporary.add(dir);
            gdb = Files.move(zip.directory(), dir.resolve("upload.gdb"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String what = "an Esri File Geodatabase";
        List<String> layers = ogr.layers(gdb, what);
        if (layers.isEmpty()) {
            throw unprocessable("no-layer", "The File Geodatabase has no feature class (no layer with geometry).");
        }
        String chosen = choose(layers, layer, "File Geodatabase feature class", "");
        readAs(ogr.crsOf(gdb, chosen), warnings);
        Path out = ogr.toGeoJson(gdb.toString(), chosen, true, List.of(), what, true);
        temporary.add(out);
        return new GeoJsonSource(FileFormat.FILEGDB, out, temporary, warnings);
    }

    /**
     * An Esri JSON FeatureSet, read by GDAL's ESRIJSON driver in the coordinate reference system
     * its spatialReference names ({@link EsriJson#sourceCrs}); without one, as WGS 84 with a warning.
     */
    private GeoJsonSource esriJson(Path file, EsriJson.FeatureSet set, List<Path> temporary,
            List<FeatureProblem> warnings) {
        EsriJson.check(set);
        String crs = EsriJson.sourceCrs(set, ogr::knowsCrs);
        var options = new ArrayList<String>();
        if (crs != null) {
            options.addAll(List.of("-s_srs", crs));
        }
        if (!set.hasSpatialReference()) {
            warnings.add(FeatureProblem.ofFile("no-spatial-reference", "the Esri JSON has no spatialReference: its "
                    + "coordinates were read as WGS 84 longitude/latitude, which every one of them is"));
        } else if (crs != null && !crs.equals("EPSG:4326")) {
            warnings.add(FeatureProblem.ofFile("reprojected", "coordinates were reprojected from " + crs
                    + " (spatialReference " + set.describeReference() + ") to WGS 84"));
        }
        if (set.exceededTransferLimit()) {
            warnings.add(FeatureProblem.ofFile("exceeded-transfer-limit", "the feature service marked this answer "
                    + "exceededTransferLimit: it holds only the first features of the query; query the rest with "
                    + "resultOffset and upload them too"));
        }
        Path json = linked(file, ".json", temporary);
        // not errorsFail: GDAL reports a wkid it cannot look up (102100) as an error, though -s_srs replaces it
        Path out = ogr.toGeoJson("ESRIJSON:" + json, null, set.hasSpatialReference(), options, "Esri JSON", false);
        temporary.add(out);
        return new GeoJsonSource(FileFormat.ESRIJSON, out, temporary, warnings);
    }

    /**
     * Says in which coordinate reference system a file was read, when it is not WGS 84 itself:
     * the operator sees, before confirming, that a UTM file was taken for what it is.
     */
    private static void readAs(String crs, List<FeatureProblem> warnings) {
        if (crs != null && !crs.startsWith("EPSG:4326 ")) {
            warnings.add(FeatureProblem.ofFile("read-crs", "the coordinates were read as " + crs
                    + ", as the file declares, and reprojected to WGS 84 longitude/latitude"));
        }
    }

    private GeoJsonSource kml(FileFormat format, Path kml, String layer, List<Path> temporary,
            List<FeatureProblem> warnings, String what) {
        KmlSafety.check(kml);
        List<String> layers = ogr.layers(kml, what);
        if (layers.isEmpty()) {
            throw unprocessable("no-layer", "The " + what + " holds no placemarks.");
        }
        String chosen = choose(layers, layer, what + " folder", "");
        Path out = ogr.toGeoJson(kml, chosen, true, List.of(), what);
        temporary.add(out);
        return new GeoJsonSource(format, out, temporary, warnings, KML_PRESENTATION);
    }

    /** GeoJSON with a legacy crs naming an EPSG code other than 4326: reprojected by ogr2ogr. */
    GeoJsonSource reprojected(GeoJsonSource source, GeoJsonFeatures.Scan scan) {
        var temporary = new ArrayList<Path>();
        try {
            Path input = source.path().toString().endsWith(".geojson") ? source.path()
                    : linked(source.path(), ".geojson", temporary);
            // the code is given explicitly: GDAL would otherwise ignore a crs it does not know and read degrees
            temporary.add(ogr.toGeoJson(input, null, true, List.of("-s_srs", "EPSG:" + scan.crsEpsg()),
                    "GeoJSON in " + scan.crsName()));
        } catch (RuntimeException e) {
            temporary.forEach(ReceivedFile::delete);
            throw e;
        }
        Path out = temporary.get(temporary.size() - 1);
        var warnings = new ArrayList<>(source.warnings());
        warnings.add(FeatureProblem.ofFile("reprojected", "coordinates were reprojected from EPSG:" + scan.crsEpsg()
                + " (legacy crs member) to WGS 84"));
        return new GeoJsonSource(source.format(), out, temporary, warnings, source.presentation());
    }

    /** A hard link to the upload with the file name extension GDAL expects; no copy is made. */
    private static Path linked(Path file, String extension, List<Path> temporary) {
        try {
            Path dir = UploadTemp.directory("upload-");
            temporary.add(dir);
            Path link = dir.resolve("upload" + extension);
            try {
                Files.createLink(link, file);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(file, link);
            }
            return link;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String choose(List<String> names, String wanted, String what, String extension) {
        if (wanted != null) {
            for (String n : names) {
                String bare = n.substring(0, n.length() - extension.length());
                if (n.equalsIgnoreCase(wanted) || bare.equalsIgnoreCase(wanted)) {
                    return n;
                }
            }
            throw ApiException.BadRequest.parameter("layer", "There is no " + what + " named '" + wanted
                    + "'; the file has: " + String.join(", ", names) + ".");
        }
        if (names.size() > 1) {
            throw ApiException.BadRequest.parameter("layer", "The file has several layers (" + String.join(", ", names)
                    + "); choose one with ?layer=.");
        }
        return names.get(0);
    }

    private static ApiException unprocessable(String code, String detail) {
        return new ApiException.Unprocessable(detail, Map.of("errors", List.of(FeatureProblem.ofFile(code, detail))));
    }
}
