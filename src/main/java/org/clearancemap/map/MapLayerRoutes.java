package org.clearancemap.map;

import io.javalin.http.Context;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Json;
import org.clearancemap.http.Params;
import org.clearancemap.land.FeatureFilter;
import org.clearancemap.land.GeoJsonPage;
import org.clearancemap.land.LandKind;
import org.clearancemap.land.LandRepository;

/**
 * The map page's GeoJSON layers: {@code GET /api/hazards} and {@code GET /api/releases}, each
 * filtered by {@code state_party}, {@code bbox} and {@code asOf}, capped at the configured page size;
 * and the version history of one hazard or release ({@code GET /api/state-parties/{iso3}/hazards/{externalId}/versions},
 * {@code .../releases/{externalId}/versions}), which the page shows when a polygon is clicked;
 * and the search by the start of an external id ({@code GET /api/search}) of the page's Find.
 */
public final class MapLayerRoutes {
    /** As the {@code external_id} columns allow. */
    private static final int MAX_EXTERNAL_ID_LENGTH = 200;
    /** The most matches a search answers with. */
    static final int SEARCH_LIMIT = 20;
    private static final ObjectMapper JSON = Json.mapper();
    private final LandRepository land;
    private final Clock clock;
    private final int maxFeatures;

    public MapLayerRoutes(LandRepository land, Clock clock, int maxFeatures) {
        this.land = land;
        this.clock = clock;
        this.maxFeatures = maxFeatures;
    }

    public void hazards(Context ctx) throws IOException {
        write(ctx, land.layer(LandKind.HAZARDS, filter(ctx)));
    }

    public void releases(Context ctx) throws IOException {
        write(ctx, land.layer(LandKind.RELEASES, filter(ctx)));
    }

    /** Every stored version of one hazard, oldest first: superseded and retired ones too. */
    public void hazardVersions(Context ctx) throws IOException {
        String iso3 = Params.iso3(ctx.pathParam("iso3"), "iso3");
        String externalId = externalId(ctx);
        writeVersions(ctx, iso3, externalId, "hazard", land.versions(LandKind.HAZARDS, iso3, externalId));
    }

    /** Every stored version of one release, oldest first: superseded ones too. */
    public void releaseVersions(Context ctx) throws IOException {
        String iso3 = Params.iso3(ctx.pathParam("iso3"), "iso3");
        String externalId = externalId(ctx);
        writeVersions(ctx, iso3, externalId, "release", land.versions(LandKind.RELEASES, iso3, externalId));
    }

    /**
     * The hazards or releases ({@code kind}, default hazards) whose external id starts with
     * {@code q}, any case, in {@code state_party} or every State Party:
     * {@code {q, kind, matches: [{iso3, externalId, versions}], limitReached}}, at most {@code SEARCH_LIMIT}.
     */
    public void search(Context ctx) throws IOException {
        String kindParam = ctx.queryParam("kind");
        LandKind kind = switch (kindParam == null || kindParam.isBlank() ? "hazards" : kindParam) {
            case "hazards" -> LandKind.HAZARDS;
            case "releases" -> LandKind.RELEASES;
            default -> throw ApiException.BadRequest.parameter("kind",
                    "kind must be hazards or releases (got '" + Params.abbreviate(kindParam) + "').");
        };
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank() || q.length() > MAX_EXTERNAL_ID_LENGTH) {
            throw ApiException.BadRequest.parameter("q", "q must be 1 to " + MAX_EXTERNAL_ID_LENGTH
                    + " characters (got '" + Params.abbreviate(q == null ? "" : q) + "').");
        }
        String iso3 = ctx.queryParam("state_party");
        iso3 = iso3 == null || iso3.isBlank() ? null : Params.iso3(iso3, "state_party");
        List<String> rows = land.findByPrefix(kind, iso3, q.strip(), SEARCH_LIMIT + 1);
        var out = new ByteArrayOutputStream();
        var head = JSON.createObjectNode().put("q", q.strip()).put("kind", kind == LandKind.HAZARDS ? "hazards" : "releases")
                .put("limitReached", rows.size() > SEARCH_LIMIT);
        String start = JSON.writeValueAsString(head);
        out.write(start.substring(0, start.length() - 1).getBytes(StandardCharsets.UTF_8));
        out.write(",\"matches\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < Math.min(rows.size(), SEARCH_LIMIT); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(rows.get(i).getBytes(StandardCharsets.UTF_8));
        }
        out.write("]}".getBytes(StandardCharsets.UTF_8));
        ctx.contentType("application/json").result(out.toByteArray());
    }

    private static String externalId(Context ctx) {
        String raw = ctx.pathParam("externalId");
        if (raw.isBlank() || raw.length() > MAX_EXTERNAL_ID_LENGTH) {
            throw ApiException.BadRequest.parameter("externalId",
                    "externalId must be 1 to " + MAX_EXTERNAL_ID_LENGTH + " characters (got '" + Params.abbreviate(raw) + "').");
        }
        return raw;
    }

    /** {@code {iso3, externalId, kind, versions: [...]}}; the versions are JSON PostGIS wrote, passed through. */
    private static void writeVersions(Context ctx, String iso3, String externalId, String kind, List<String> versions)
            throws IOException {
        if (versions.isEmpty()) {
            throw new ApiException.NotFound("No " + kind + " with external id '" + Params.abbreviate(externalId)
                    + "' in State Party " + iso3 + ".");
        }
        var out = new ByteArrayOutputStream();
        var head = JSON.createObjectNode().put("iso3", iso3).put("externalId", externalId).put("kind", kind);
        String start = JSON.writeValueAsString(head);
        out.write(start.substring(0, start.length() - 1).getBytes(StandardCharsets.UTF_8));
        out.write(",\"versions\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < versions.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(versions.get(i).getBytes(StandardCharsets.UTF_8));
        }
        out.write("]}".getBytes(StandardCharsets.UTF_8));
        ctx.contentType("application/json").result(out.toByteArray());
    }

    private FeatureFilter filter(Context ctx) {
        String iso3 = ctx.queryParam("state_party");
        return new FeatureFilter(
                iso3 == null || iso3.isBlank() ? null : Params.iso3(iso3, "state_party"),
                Params.bbox(ctx, "bbox"),
                Params.date(ctx, "asOf", LocalDate.now(clock)),
                maxFeatures);
    }

    private static void write(Context ctx, GeoJsonPage page) throws IOException {
        var out = new ByteArrayOutputStream();
        page.writeTo(out);
        ctx.contentType("application/geo+json").result(out.toByteArray());
    }
}
