package org.clearancemap.map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Json;
import org.clearancemap.http.Params;
import org.clearancemap.progress.Aggregates;
import org.clearancemap.progress.AreaFigures;
import org.clearancemap.progress.ProgressCache;
import org.clearancemap.stateparty.StatePartyRepository;

/**
 * {@code GET /api/state-parties/{iso3}/aggregates?asOf=&z=}: the State Party's land on the date
 * gathered into grid cells for zoom {@code z} (see {@link Aggregates}), as a GeoJSON
 * FeatureCollection of points with the geodesic areas (m²) each cell stands for, and the State
 * Party's figures they add up to.
 */
public final class AggregateRoutes {
    private static final ObjectMapper JSON = Json.mapper();
    private final Aggregates aggregates;
    private final ProgressCache progress;
    private final StatePartyRepository stateParties;
    private final Clock clock;

    public AggregateRoutes(Aggregates aggregates, ProgressCache progress, StatePartyRepository stateParties, Clock clock) {
        this.aggregates = aggregates;
        this.progress = progress;
        this.stateParties = stateParties;
        this.clock = clock;
    }

    public void aggregates(Context ctx) throws IOException {
        String iso3 = Params.iso3(ctx.pathParam("iso3"), "iso3");
        LocalDate asOf = Params.date(ctx, "asOf", LocalDate.now(clock));
        int z = zoom(ctx.queryParam("z"));
        stateParties.existing(iso3);
        ObjectNode body = JSON.createObjectNode().put("type", "FeatureCollection").put("iso3", iso3)
                .put("asOf", asOf.toString()).put("z", z).put("cellDegrees", Aggregates.cellDegrees(z));
        putFigures(body.putObject("totals"), progress.figuresOn(iso3, asOf));
        ArrayNode features = body.putArray("features");
        for (Aggregates.Cell cell : aggregates.of(iso3, asOf, z)) {
            ObjectNode feature = features.addObject().put("type", "Feature");
            feature.putObject("geometry").put("type", "Point").putArray("coordinates")
                    .add(round(cell.lon())).add(round(cell.lat()));
            feature.putArray("bbox").add(round(cell.west())).add(round(cell.south()))
                    .add(round(cell.east())).add(round(cell.north()));
            ObjectNode properties = feature.putObject("properties").put("clusters", cell.clusters());
            putFigures(properties, cell.figures());
        }
        ctx.contentType("application/geo+json").result(JSON.writeValueAsBytes(body));
    }

    private static void putFigures(ObjectNode node, AreaFigures f) {
        node.put("footprintSqm", sqm(f.footprintSqm()))
                .put("remainingSqm", sqm(f.remainingSqm()))
                .put("remainingChaSqm", sqm(f.remainingChaSqm()))
                .put("remainingShaSqm", sqm(f.remainingShaSqm()))
                .put("releasedSqm", sqm(f.releasedSqm()))
                .put("releasedOutsideHazardsSqm", sqm(f.releasedOutsideHazardsSqm()));
    }

    /** To the mm², as the State Party's figures are written. */
    private static double sqm(double value) {
        double rounded = Math.round(value * 1000) / 1000.0;
        return rounded == 0 ? 0.0 : rounded;
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e7) / 1e7;
    }

    private static int zoom(String raw) {
        try {
            int z = Integer.parseInt(raw == null ? "" : raw.trim());
            if (z >= Aggregates.MIN_ZOOM && z <= Aggregates.MAX_ZOOM) {
                return z;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.BadRequest.parameter("z", "z must be a whole zoom level from " + Aggregates.MIN_ZOOM
                + " to " + Aggregates.MAX_ZOOM + " (got '" + Params.abbreviate(raw) + "').");
    }
}
