package org.clearancemap.upload;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The GeoJSON file an upload is read from: the upload itself, or what {@link GeoJsonConversion}
 * made of it. Closing deletes what was made on the way (never the upload itself).
 *
 * @param format       the format of the upload
 * @param temporary    files and directories made on the way, deleted on close
 * @param warnings     what the conversion noticed about the file as a whole
 * @param presentation feature properties that say how a feature is drawn, not what it is: not kept
 */
record GeoJsonSource(FileFormat format, Path path, List<Path> temporary, List<FeatureProblem> warnings,
        Set<String> presentation) implements AutoCloseable {

    GeoJsonSource(FileFormat format, Path path, List<Path> temporary, List<FeatureProblem> warnings) {
        this(format, path, temporary, warnings, Set.of());
    }

    /**
     * Whether the file declared the coordinate reference system it was read in (a Shapefile's
     * .prj, a GeoPackage's or File Geodatabase's SRS, an Esri JSON spatialReference, a legacy GeoJSON
     * crs member), rather than being read as WGS 84
     * longitude/latitude because it says nothing (GeoJSON, a Shapefile without .prj, CSV) or
     * because its format is WGS 84 by definition (KML, KMZ).
     */
    boolean crsDeclared() {
        if (warnings.stream().anyMatch(w -> "reprojected".equals(w.code()))) {
            return true;
        }
        return switch (format) {
            case ZIP -> presentation.isEmpty() && warnings.stream().noneMatch(w -> "no-prj".equals(w.code()));
            case GEOPACKAGE, FILEGDB -> true;
            case ESRIJSON -> warnings.stream().noneMatch(w -> "no-spatial-reference".equals(w.code()));
            default -> false;
        };
    }

    @Override
    public void close() {
        temporary.forEach(ReceivedFile::delete);
    }
}
