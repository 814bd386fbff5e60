package org.clearancemap.map;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.land.FeatureFilter;
import org.clearancemap.land.GeoJsonPage;
import org.clearancemap.land.LandKind;
import org.clearancemap.land.LandRepository;
import org.clearancemap.upload.FeatureFiles;

/**
 * {@code GET /api/export}: a map layer ({@code layer=hazards|releases}) as the page draws it, by
 * {@code state_party}, {@code bbox} and {@code asOf}, as a file ({@code f=geojson|gpkg|shp|csv}) named
 * {@code clearance-map_<State Party or all>_<layer>_<date>.<ext>}; both layers
 * ({@code layer=hazards,releases}) as two tables of one GeoPackage. The features come from the
 * query of {@code /api/hazards} and {@code /api/releases}; GDAL writes every format but GeoJSON.
 * A view with more features than a map layer serves is refused (422), never cut short.
 */
public final class ExportRoutes {
    private final LandRepository land;
    private final FeatureFiles files;
    private final Clock clock;
    private final int maxFeatures;

    public ExportRoutes(LandRepository land, FeatureFiles files, Clock clock, int maxFeatures) {
        this.land = land;
        this.files = files;
        this.clock = clock;
        this.maxFeatures = maxFeatures;
    }

    public void export(Context ctx) throws IOException {
        String layer = ctx.queryParam("layer");
        List<LandKind> kinds = kinds(layer == null ? "" : layer);
        String f = ctx.queryParam("f");
        FeatureFiles.Format format = switch (f == null ? "geojson" : f) {
            case "geojson" -> null;
            case "gpkg" -> FeatureFiles.Format.GPKG;
            case "shp" -> FeatureFiles.Format.SHP;
            case "csv" -> FeatureFiles.Format.CSV;
            default -> throw ApiException.BadRequest.parameter("f",
                    "f must be geojson, gpkg, shp or csv (got '" + Params.abbreviate(f) + "').");
        };
        if (kinds.size() > 1 && format != FeatureFiles.Format.GPKG) {
            throw ApiException.BadRequest.parameter("layer", "Several layers go in one file only as a GeoPackage (f=gpkg); "
                    + "ask for each layer on its own in " + (f == null ? "geojson" : f) + ".");
        }
        String iso3 = ctx.queryParam("state_party");
        var filter = new FeatureFilter(iso3 == null || iso3.isBlank() ? null : Params.iso3(iso3, "state_party"),
                Params.bbox(ctx, "bbox"), Params.date(ctx, "asOf", LocalDate.now(clock)), maxFeatures);
        var pages = new LinkedHashMap<String, FeatureFiles.GeoJsonSource>();
        GeoJsonPage page = null;
        for (LandKind kind : kinds) {
            page = land.layer(kind, filter);
            if (page.limitReached()) {
                throw new ApiException.Unprocessable("More than " + maxFeatures + " " + kind.plural()
                        + " are in view; zoom in or choose a State Party to export them.", Map.of());
            }
            pages.put(kind.plural(), page::writeTo);
        }
        String name = "clearance-map_" + (filter.iso3() == null ? "all" : filter.iso3()) + "_"
                + String.join("-", pages.keySet()) + "_" + filter.asOf() + (format == null ? ".geojson" : format.suffix);
        byte[] body;
        if (format == null) {
            var out = new ByteArrayOutputStream();
            page.writeTo(out);
            body = out.toByteArray();
        } else {
            body = files.write(pages, format);
        }
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .contentType(format == null ? "application/geo+json" : format.mediaType).result(body);
    }

    /** {@code hazards}, {@code releases} or both, comma-separated, each once. */
    private static List<LandKind> kinds(String layer) {
        var kinds = new ArrayList<LandKind>();
        for (String name : layer.split(",", -1)) {
            LandKind kind = switch (name.trim()) {
                case "hazards" -> LandKind.HAZARDS;
                case "releases" -> LandKind.RELEASES;
                default -> throw ApiException.BadRequest.parameter("layer",
                        "layer must be hazards, releases or hazards,releases (got '" + Params.abbreviate(layer) + "').");
            };
            if (kinds.contains(kind)) {
                throw ApiException.BadRequest.parameter("layer", "layer names " + name.trim() + " twice.");
            }
            kinds.add(kind);
        }
        return kinds;
    }
}
