package org.clearancemap.tiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.land.Extent;
import org.clearancemap.land.LandFeatures;
import org.clearancemap.ogc.Collection;
import org.clearancemap.ogc.RemainingAreas;
import org.clearancemap.progress.Aggregates;

/** {@code GET /tiles/{collection}/{z}/{x}/{y}.mvt} and {@code GET /tiles/{collection}.json} (TileJSON 3.0.0). */
public final class TileRoutes {
    public static final String MVT = "application/vnd.mapbox-vector-tile";
    private static final Map<Collection, Map<String, String>> FIELDS = Map.of(
            Collection.HAZARDS, fields("state_party", "String", "external_id", "String", "classification", "String",
                    "recorded_on", "String", "area_sqm", "Number"),
            Collection.RELEASES, fields("state_party", "String", "external_id", "String", "method", "String",
                    "completed_on", "String", "area_sqm", "Number"),
            Collection.REMAINING, fields("state_party", "String"));
    /** The layer every tile below {@link Aggregates#POLYGONS_LEGIBLE_ZOOM} carries beside its own. */
    static final String AGGREGATES = "aggregates";
    private static final Map<String, String> AGGREGATE_FIELDS = fields("state_party", "String", "clusters", "Number",
            "footprint_sqm", "Number", "remaining_sqm", "Number", "remaining_cha_sqm", "Number",
            "remaining_sha_sqm", "Number", "released_sqm", "Number", "released_outside_hazards_sqm", "Number",
            "as_of", "String");

    private final TileRepository tiles;
    private final LandFeatures features;
    private final RemainingAreas remaining;
    private final TileCache cache;
    private final Aggregates aggregates;
    /** The codes of every State Party, whose aggregates a tile may carry. */
    private final Supplier<List<String>> stateParties;
    /** How often at most a tile request reads the data version (writes by other processes). */
    private static final long VERSION_CHECK_NANOS = 1_000_000_000L;
    private final java.util.concurrent.atomic.AtomicLong lastVersionCheck = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - VERSION_CHECK_NANOS);
    private final ObjectMapper json;
    /** Whether the server's listener is connected (writes by any process then drop the cache as they commit). */
    private final BooleanSupplier hearsWrites;
    private final Clock clock;
    private final int minZoom;
    private final int maxZoom;
    private final String cacheControl;

    public TileRoutes(TileRepository tiles, TileCache cache, LandFeatures features, RemainingAreas remaining,
            Aggregates aggregates, Supplier<List<String>> stateParties,
            ObjectMapper json, Clock clock, int minZoom, int maxZoom, int maxAgeSeconds, BooleanSupplier hearsWrites) {
        this.aggregates = aggregates;
        this.stateParties = stateParties;
        this.hearsWrites = hearsWrites;
        this.tiles = tiles;
        this.cache = cache;
        this.features = features;
        this.remaining = remaining;
        this.json = json;
        this.clock = clock;
        this.minZoom = minZoom;
        this.maxZoom = maxZoom;
        this.cacheControl = "public, max-age=" + maxAgeSeconds;
    }

    /**
     * A tile: 200 with its bytes (gzipped when the client accepts gzip), 204 when empty, 304 when
     * the client's ETag matches. Served from the {@link TileCache} when it holds the tile. Below
     * {@link Aggregates#POLYGONS_LEGIBLE_ZOOM} the tile also carries the {@code aggregates} layer of
     * today (so it is cached per day).
     */
    public void tile(Context ctx) {
        onlyVersion(ctx);
        Collection collection = collection(ctx.pathParam("collection"));
        String y = ctx.pathParam("y");
        if (!y.endsWith(".mvt")) {
            throw new ApiException.NotFound("Tiles are served as /tiles/{collection}/{z}/{x}/{y}.mvt.");
        }
        TileAddress address = TileAddress.parse(ctx.pathParam("z"), ctx.pathParam("x"), y.substring(0, y.length() - 4),
                minZoom, maxZoom);
        long start = System.nanoTime();
        checkDataVersion(start);
        LocalDate today = LocalDate.now(clock);
        boolean aggregated = carriesAggregates(address.z());
        boolean[] made = {false};
        TileCache.Key key = new TileCache.Key(collection, address,
                collection == Collection.REMAINING || aggregated ? today : null);
        TileCache.Tile tile = cache.get(key, () -> {
            made[0] = true;
            byte[] own = collection == Collection.REMAINING
                    ? tiles.remainingTile(address, remaining.inside(TileRepository.searchBox(address), today))
                    : features.tile(collection.kind(), address.z(), address.x(), address.y(),
                            TileRepository.searchBox(address));
            return aggregated ? concat(own, tiles.aggregateLayer(address, today, cellsIn(address, today))) : own;
        });
        ctx.header("Server-Timing", (made[0] ? "db" : "cache") + ";dur=" + (System.nanoTime() - start) / 1000 / 1000.0);
        ctx.header("Cache-Control", cacheControl);
        ctx.header("Vary", "Accept-Encoding");
        if (tile.isEmpty()) {
            ctx.status(204);
            return;
        }
        boolean gzip = acceptsGzip(ctx.header("Accept-Encoding"));
        String etag = gzip ? gzipEtag(tile.etag()) : tile.etag();
        ctx.header("ETag", etag);
        if (matches(ctx.header("If-None-Match"), tile.etag())) {
            ctx.status(304);
            return;
        }
        if (gzip) {
            ctx.header("Content-Encoding", "gzip");
            ctx.contentType(MVT).result(tile.gzipped());
        } else {
            ctx.contentType(MVT).result(tile.bytes());
        }
    }

    /** Whether tiles of zoom {@code z} carry the aggregates layer. */
    static boolean carriesAggregates(int z) {
        return z < Aggregates.POLYGONS_LEGIBLE_ZOOM;
    }

    /**
     * The cells of every State Party at the tile's zoom on {@code day} whose point lies in the
     * tile or its buffer (a point near an edge is in both tiles, as clients expect of symbols).
     */
    private List<TileRepository.AggregateCell> cellsIn(TileAddress address, LocalDate day) {
        double[] box = TileRepository.searchBox(address);
        List<TileRepository.AggregateCell> cells = new ArrayList<>();
        for (String iso3 : stateParties.get()) {
            for (Aggregates.Cell cell : aggregates.of(iso3, day, address.z())) {
                if (cell.lon() >= box[0] && cell.lon() <= box[2] && cell.lat() >= box[1] && cell.lat() <= box[3]) {
                    cells.add(new TileRepository.AggregateCell(iso3, cell));
                }
            }
        }
        return cells;
    }

    /** A tile's layers followed by more layers: a tile is a sequence of layers, so their bytes concatenate. */
    static byte[] concat(byte[] tile, byte[] layers) {
        if (layers.length == 0) {
            return tile;
        }
        byte[] out = java.util.Arrays.copyOf(tile, tile.length + layers.length);
        System.arraycopy(layers, 0, out, tile.length, layers.length);
        return out;
    }

    /**
     * At most once per {@link #VERSION_CHECK_NANOS}, unless the server hears every write as it
     * commits (the database's notices drop the cache then): reads the data version, so that writes
     * by other processes drop the cache.
     */
    private void checkDataVersion(long now) {
        if (hearsWrites.getAsBoolean()) {
            return;
        }
        long last = lastVersionCheck.get();
        if (now - last >= VERSION_CHECK_NANOS && lastVersionCheck.compareAndSet(last, now)) {
            cache.observe(features.dataVersion());
        }
    }

    /** The ETag of the gzipped form of a tile whose ETag is {@code etag}. */
    static String gzipEtag(String etag) {
        return etag.substring(0, etag.length() - 1) + "-gzip\"";
    }

    /** Whether {@code If-None-Match} names the tile, in either encoding ({@code *} names any). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String gz = gzipEtag(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag) || c.equals(gz)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an {@code Accept-Encoding} header accepts gzip (and does not refuse it with q=0). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(java.util.Locale.ROOT).split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equals("gzip") || p[0].trim().equals("*")) {
                for (int i = 1; i < p.length; i++) {
                    if (p[i].trim().matches("q=0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** The TileJSON document of a collection; its URL template carries the data version. */
    public void tileJson(Context ctx) throws IOException {
        onlyVersion(ctx);
        String name = ctx.pathParam("collection");
        if (!name.endsWith(".json")) {
            throw new ApiException.NotFound("TileJSON is served as /tiles/{collection}.json.");
        }
        Collection collection = collection(name.substring(0, name.length() - 5));
        String base = ctx.scheme() + "://" + ctx.host();
        ObjectNode doc = json.createObjectNode();
        doc.put("tilejson", "3.0.0");
        doc.put("name", collection.title());
        doc.put("description", collection.description());
        doc.put("version", "1.0.0");
        doc.put("scheme", "xyz");
        String version = features.dataVersion();
        cache.observe(version);
        doc.putArray("tiles").add(base + "/tiles/" + collection.id() + "/{z}/{x}/{y}.mvt?v=" + version);
        doc.put("minzoom", minZoom);
        doc.put("maxzoom", maxZoom);
        Extent extent = collection == Collection.REMAINING ? remaining.extent() : features.extent(collection.kind());
        ArrayNode bounds = doc.putArray("bounds");
        for (double v : tileJsonBounds(extent.bbox())) {
            bounds.add(v);
        }
        ObjectNode layer = doc.putArray("vector_layers").addObject();
        layer.put("id", collection.id());
        layer.put("description", collection.title());
        layer.put("minzoom", minZoom);
        layer.put("maxzoom", maxZoom);
        ObjectNode fields = layer.putObject("fields");
        FIELDS.get(collection).forEach(fields::put);
        int lastAggregateZoom = Math.min(maxZoom, Aggregates.POLYGONS_LEGIBLE_ZOOM - 1);
        if (minZoom <= lastAggregateZoom) {
            ObjectNode cells = doc.withArray("vector_layers").addObject();
            cells.put("id", AGGREGATES);
            cells.put("description", "The land of each State Party today gathered in cells a quarter of a tile wide,"
                    + " one point per cell with the geodesic areas (m²) it stands for; below zoom "
                    + Aggregates.POLYGONS_LEGIBLE_ZOOM + ", where polygons are too small to read");
            cells.put("minzoom", minZoom);
            cells.put("maxzoom", lastAggregateZoom);
            ObjectNode cellFields = cells.putObject("fields");
            AGGREGATE_FIELDS.forEach(cellFields::put);
        }
        ctx.contentType("application/json").result(json.writeValueAsBytes(doc));
    }

    /**
     * TileJSON bounds: the data's extent, the whole world when there is no data, and the full
     * width of the world when the extent crosses the antimeridian (map clients expect west &lt; east).
     */
    static double[] tileJsonBounds(double[] bbox) {
        if (bbox == null) {
            return new double[] {-180, -85.0511, 180, 85.0511};
        }
        return bbox[0] <= bbox[2] ? bbox : new double[] {-180, bbox[1], 180, bbox[3]};
    }

    private static void onlyVersion(Context ctx) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!name.equals("v")) {
                throw ApiException.BadRequest.parameter(name, "Unknown parameter '" + Params.abbreviate(name)
                        + "'; tiles take only v, the data version from the TileJSON document.");
            }
        }
    }

    private static Collection collection(String id) {
        return Collection.byId(id).orElseThrow(() -> new ApiException.NotFound("No tile layer '" + Params.abbreviate(id)
                + "'; the layers are hazards, releases and remaining."));
    }

    private static Map<String, String> fields(String... nameType) {
        var m = new LinkedHashMap<String, String>();
        for (int i = 0; i < nameType.length; i += 2) {
            m.put(nameType[i], nameType[i + 1]);
        }
        return m;
    }
}
