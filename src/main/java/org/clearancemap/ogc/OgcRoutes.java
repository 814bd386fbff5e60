package org.clearancemap.ogc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.land.Extent;
import org.clearancemap.land.FeaturePage;
import org.clearancemap.land.LandFeatures;

/**
 * The handlers of OGC API – Features under {@code /ogc}. Links are absolute, built from the
 * request's scheme and {@code Host}, so a client behind any name can follow them.
 *
 * <p>The landing page, conformance, collections, a collection, its items and an item are each
 * served as JSON or as an HTML page ({@link Encoding} chooses); the JSON links its HTML page with
 * {@code rel=alternate}, and the page links the JSON. Links keep the {@code f} the request gave;
 * responses say {@code Vary: Accept}, since the header can change the encoding.
 */
public final class OgcRoutes {
    public static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    public static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2");
    private static final String QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables";
    private static final String SCHEMA_JSON = "application/schema+json";
    private static final String GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian";
    private static final String JSON = "application/json";
    private static final String GEOJSON = "application/geo+json";
    private static final String HTML = "text/html";
    private static final String HTML_UTF8 = "text/html; charset=utf-8";

    private final LandFeatures features;
    private final RemainingAreas remaining;
    private final ApiDefinition definition;
    private final OgcHtml html = new OgcHtml();
    private final ObjectMapper json;
    private final Clock clock;

    public OgcRoutes(LandFeatures features, RemainingAreas remaining, ObjectMapper json, Clock clock) {
        this.features = features;
        this.remaining = remaining;
        this.definition = new ApiDefinition(json);
        this.json = json;
        this.clock = clock;
    }

    /**
     * Lets web map clients on other origins read the data (CORS), and see the headers they use:
     * ETag for revalidation, Content-Crs for the CRS of the geometries.
     */
    public static void allowAnyOrigin(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Expose-Headers", "ETag, Content-Crs, Server-Timing");
    }

    public void landing(Context ctx) throws IOException {
        ItemsQuery.checkOnlyFormat(ctx.queryParamMap());
        String base = base(ctx);
        ObjectNode body = json.createObjectNode();
        body.put("title", "Clearance Map");
        body.put("description", "Cluster munition contamination and its clearance, per State Party of the Convention on "
                + "Cluster Munitions: hazardous areas, land releases and remaining land.");
        ArrayNode links = body.putArray("links");
        link(links, base + query(ctx, Map.of()), "self", JSON, "This document");
        link(links, base + query(ctx, Map.of("f", "html")), "alternate", HTML, "This document as HTML");
        link(links, base + "/api", "service-desc", ApiDefinition.CONTENT_TYPE, "The API definition (OpenAPI 3.0)");
        link(links, base + "/api.html", "service-doc", "text/html", "The API documentation");
        link(links, base + "/conformance", "conformance", JSON, "Conformance classes implemented");
        link(links, base + "/collections", "data", JSON, "The feature collections");
        respond(ctx, JSON, body, () -> html.landing(body, context(ctx), base + query(ctx, Map.of("f", "json"))));
    }

    public void conformance(Context ctx) throws IOException {
        ItemsQuery.checkOnlyFormat(ctx.queryParamMap());
        String base = base(ctx);
        ObjectNode body = json.createObjectNode();
        ArrayNode links = body.putArray("links");
        link(links, base + "/conformance" + query(ctx, Map.of()), "self", JSON, "This document");
        link(links, base + "/conformance" + query(ctx, Map.of("f", "html")), "alternate", HTML, "This document as HTML");
        ArrayNode classes = body.putArray("conformsTo");
        CONFORMANCE.forEach(classes::add);
        respond(ctx, JSON, body, () -> html.conformance(body, context(ctx), base,
                base + "/conformance" + query(ctx, Map.of("f", "json"))));
    }

    public void api(Context ctx) throws IOException {
        ItemsQuery.checkOnlyFormat(ctx.queryParamMap());
        if (encoding(ctx) == Encoding.HTML) {
            apiHtml(ctx);
            return;
        }
        send(ctx, ApiDefinition.CONTENT_TYPE, definition.build(base(ctx)));
    }

    /** The API documentation as a plain HTML page generated from the definition; also /api for HTML. */
    public void apiHtml(Context ctx) {
        ItemsQuery.checkOnlyFormat(ctx.queryParamMap());
        JsonNode doc = definition.build(base(ctx));
        var page = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"" + context(ctx) + "/css/ogc.css\"><title>")
                .append(escape(doc.at("/info/title").asText())).append("</title></head><body class=\"ogc\"><h1>")
                .append(escape(doc.at("/info/title").asText())).append("</h1><p>")
                .append(escape(doc.at("/info/description").asText()))
                .append("</p><p>Machine-readable definition: <a href=\"").append(escape(base(ctx)))
                .append("/api?f=json\">OpenAPI 3.0 JSON</a>.</p>");
        doc.get("paths").properties().forEach(path -> {
            JsonNode get = path.getValue().get("get");
            page.append("<h2>GET ").append(escape(path.getKey())).append("</h2><p>")
                    .append(escape(get.get("description").asText())).append("</p><ul>");
            for (JsonNode p : get.get("parameters")) {
                JsonNode param = p.has("$ref") ? doc.at(p.get("$ref").asText().substring(1)) : p;
                page.append("<li><code>").append(escape(param.get("name").asText())).append("</code> (")
                        .append(param.get("in").asText()).append("): ").append(escape(param.get("description").asText()))
                        .append("</li>");
            }
            page.append("</ul>");
        });
        ctx.contentType(HTML_UTF8).result(page.append("</body></html>").toString());
    }

    public void collections(Context ctx) throws IOException {
        ItemsQuery.checkOnlyFormat(ctx.queryParamMap());
        String base = base(ctx);
        ObjectNode body = json.createObjectNode();
        ArrayNode links = body.putArray("links");
        link(links, base + "/collections" + query(ctx, Map.of()), "self", JSON, "The feature collections");
        link(links, base + "/collections" + query(ctx, Map.of("f", "html")), "alternate", HTML, "The feature collections as HTML");
        ArrayNode list = body.putArray("collections");
        for (Collection c : Collection.values()) {
            list.add(describe(base, c));
        }
        respond(ctx, JSON, body, () -> html.collections(body, context(ctx), base,
                base + "/collections" + query(ctx, Map.of("f", "json"))));
    }

    public void collection(Context ctx) throws IOException {
        ItemsQuery.checkOnlyFormat(ctx.queryParamMap());
        String base = base(ctx);
        Collection c = collection(ctx.pathParam("collectionId"));
        ObjectNode body = describe(base, c);
        respond(ctx, JSON, body, () -> html.collection(body, context(ctx), base,
                base + "/collections/" + c.id() + query(ctx, Map.of("f", "json"))));
    }

    /** The queryables of a collection as a JSON Schema (Part 3). */
    public void queryables(Context ctx) throws IOException {
        ItemsQuery.checkOnlyFormat(ctx.queryParamMap());
        if ("html".equals(ctx.queryParam("f"))) {
            throw ApiException.BadRequest.parameter("f", "The queryables are a JSON Schema only: f must be json (got 'html').");
        }
        Collection c = collection(ctx.pathParam("collectionId"));
        ObjectNode schema = json.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", base(ctx) + "/collections/" + c.id() + "/queryables");
        schema.put("type", "object");
        schema.put("title", c.title());
        ObjectNode properties = schema.putObject("properties");
        for (Queryable q : Queryable.of(c)) {
            ObjectNode p = properties.putObject(q.name());
            p.put("title", q.name());
            switch (q.type()) {
                case STRING -> p.put("type", "string");
                case INTEGER -> p.put("type", "integer");
                case NUMBER -> p.put("type", "number");
                case DATE -> p.put("type", "string").put("format", "date");
            }
            if (!q.allowed().isEmpty()) {
                ArrayNode values = p.putArray("enum");
                q.allowed().forEach(values::add);
            }
        }
        schema.put("additionalProperties", false);
        send(ctx, SCHEMA_JSON, schema);
    }

    public void items(Context ctx) throws IOException {
        Collection c = collection(ctx.pathParam("collectionId"));
        ItemsQuery query = ItemsQuery.parse(ctx.queryParamMap(), c);
        Encoding encoding = encoding(ctx);
        FeaturePage page = c == Collection.REMAINING
                ? remaining.page(query, asOf(query.datetime()))
                : features.page(c.kind(), query.crs().geoJsonSql(), Where.items(c, query), query.limit(),
                        query.offset());
        String items = base(ctx) + "/collections/" + c.id() + "/items";
        String type = encoding == Encoding.HTML ? HTML : GEOJSON;
        var links = json.createArrayNode();
        link(links, items + pageQuery(ctx, query.limit(), query.offset()), "self", type, "This page");
        if (encoding == Encoding.JSON) {
            link(links, items + query(ctx, Map.of("f", "html")), "alternate", HTML, "This page as HTML");
        } else {
            link(links, items + query(ctx, Map.of("f", "json")), "alternate", GEOJSON, "This page as GeoJSON");
        }
        if (query.offset() + page.features().size() < page.numberMatched()) {
            link(links, items + pageQuery(ctx, query.limit(), query.offset() + query.limit()), "next", type, "Next page");
        }
        if (query.offset() > 0) {
            link(links, items + pageQuery(ctx, query.limit(), Math.max(0, query.offset() - query.limit())), "prev", type,
                    "Previous page");
        }
        link(links, base(ctx) + "/collections/" + c.id(), "collection", JSON, c.title());

        int size = 1024;
        for (byte[] f : page.features()) {
            size += f.length + 1;
        }
        var out = new ByteArrayOutputStream(size);
        out.write("{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < page.features().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(page.features().get(i));
        }
        out.write(("],\"numberMatched\":" + page.numberMatched() + ",\"numberReturned\":" + page.features().size()
                + ",\"timeStamp\":\"" + Instant.now(clock).truncatedTo(ChronoUnit.SECONDS) + "\",\"links\":")
                .getBytes(StandardCharsets.UTF_8));
        json.writeValue(out, links);
        out.write('}');
        ctx.header("Content-Crs", "<" + query.crs().uri() + ">");
        if (encoding == Encoding.HTML) {
            // the map draws the page's features in CRS84, whatever crs the table's page was asked in
            String mapData = items + query(ctx, mapQuery());
            ctx.contentType(HTML_UTF8).result(html.items(json.readTree(out.toByteArray()), c, context(ctx), base(ctx),
                    query.offset(), mapData));
            return;
        }
        ctx.contentType(GEOJSON).result(out.toByteArray());
    }

    public void item(Context ctx) throws IOException {
        OutputCrs crs = ItemsQuery.featureCrs(ctx.queryParamMap());
        Encoding encoding = encoding(ctx);
        Collection c = collection(ctx.pathParam("collectionId"));
        String featureId = ctx.pathParam("featureId");
        Optional<String> feature;
        if (c == Collection.REMAINING) {
            feature = featureId.matches("[A-Za-z]{3}")
                    ? remaining.one(Params.iso3(featureId, "featureId"), LocalDate.now(clock), crs)
                    : Optional.empty();
        } else {
            feature = featureId.matches("\\d{1,18}") ? features.one(c.kind(), crs.geoJsonSql(), Long.parseLong(featureId)) : Optional.empty();
        }
        String text = feature.orElseThrow(() -> new ApiException.NotFound(
                "The " + c.id() + " collection has no feature '" + Params.abbreviate(featureId) + "'."));
        String collectionUrl = base(ctx) + "/collections/" + c.id();
        String itemUrl = collectionUrl + "/items/" + URLEncoder.encode(featureId, StandardCharsets.UTF_8);
        var links = json.createArrayNode();
        if (encoding == Encoding.JSON) {
            link(links, itemUrl + query(ctx, Map.of()), "self", GEOJSON, "This feature");
            link(links, itemUrl + query(ctx, Map.of("f", "html")), "alternate", HTML, "This feature as HTML");
        } else {
            link(links, itemUrl + query(ctx, Map.of()), "self", HTML, "This feature");
            link(links, itemUrl + query(ctx, Map.of("f", "json")), "alternate", GEOJSON, "This feature as GeoJSON");
        }
        link(links, collectionUrl, "collection", JSON, c.title());
        // PostGIS wrote the feature as one JSON object: append the links before its closing brace.
        String body = text.substring(0, text.length() - 1) + ",\"links\":" + json.writeValueAsString(links) + "}";
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        if (encoding == Encoding.HTML) {
            ctx.contentType(HTML_UTF8).result(html.item(json.readTree(body), c, context(ctx), base(ctx),
                    itemUrl + query(ctx, mapQuery())));
            return;
        }
        ctx.contentType(GEOJSON).result(body.getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode describe(String base, Collection c) {
        String url = base + "/collections/" + c.id();
        ObjectNode node = json.createObjectNode();
        node.put("id", c.id());
        node.put("title", c.title());
        node.put("description", c.description());
        ArrayNode links = node.putArray("links");
        link(links, url, "self", JSON, c.title());
        link(links, url + "?f=html", "alternate", HTML, c.title() + " as HTML");
        link(links, url + "/items", "items", GEOJSON, c.title() + " as GeoJSON");
        link(links, url + "/queryables", QUERYABLES_REL, SCHEMA_JSON, "The properties a filter can name");
        Extent extent = c == Collection.REMAINING ? remaining.extent() : features.extent(c.kind());
        ObjectNode e = node.putObject("extent");
        if (extent.bbox() != null) {
            ObjectNode spatial = e.putObject("spatial");
            ArrayNode box = spatial.putArray("bbox").addArray();
            for (double v : extent.bbox()) {
                box.add(v);
            }
            spatial.put("crs", CRS84);
        }
        if (extent.first() != null) {
            ObjectNode temporal = e.putObject("temporal");
            temporal.putArray("interval").addArray()
                    .add(extent.first() + "T00:00:00Z")
                    .add(extent.last() + "T00:00:00Z");
            temporal.put("trs", GREGORIAN);
        }
        node.put("itemType", "feature");
        ArrayNode crs = node.putArray("crs");
        OutputCrs.uris().forEach(crs::add);
        node.put("storageCrs", CRS84);
        return node;
    }

    private LocalDate asOf(DateInterval datetime) {
        if (datetime == null) {
            return LocalDate.now(clock);
        }
        if (!datetime.isInstant()) {
            throw ApiException.BadRequest.parameter("datetime",
                    "datetime must be one date for the remaining collection: the date the remaining land is computed for.");
        }
        return datetime.start();
    }

    private static Collection collection(String id) {
        return Collection.byId(id).orElseThrow(() -> new ApiException.NotFound("No collection '" + Params.abbreviate(id)
                + "'; the collections are hazards, releases and remaining."));
    }

    /** The request's query with limit and offset replaced (offset left out at 0). */
    private static String pageQuery(Context ctx, int limit, long offset) {
        var set = new LinkedHashMap<String, String>();
        set.put("limit", Integer.toString(limit));
        set.put("offset", offset > 0 ? Long.toString(offset) : null);
        return query(ctx, set);
    }

    /** What the small map of an HTML page asks for: the same features as GeoJSON in CRS84. */
    private static Map<String, String> mapQuery() {
        var set = new LinkedHashMap<String, String>();
        set.put("crs", null);
        set.put("f", "json");
        return set;
    }

    /**
     * The request's query with the parameters of {@code set} given these values (null leaves one
     * out), appended after the others, which keep the order the client sent them in; "" when empty.
     */
    private static String query(Context ctx, Map<String, String> set) {
        var parts = new ArrayList<String>();
        for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
            if (!set.containsKey(p.getKey())) {
                for (String v : p.getValue()) {
                    parts.add(encode(p.getKey()) + "=" + encode(v));
                }
            }
        }
        set.forEach((name, value) -> {
            if (value != null) {
                parts.add(encode(name) + "=" + encode(value));
            }
        });
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%2C", ",").replace("%2F", "/").replace("%3A", ":");
    }

    /** The absolute URL of {@code /ogc} as the client reached it. */
    static String base(Context ctx) {
        String host = ctx.host();
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            host = ctx.req().getLocalName() + ":" + ctx.req().getLocalPort();
        }
        return ctx.scheme() + "://" + host + ctx.contextPath().replaceAll("/$", "") + "/ogc";
    }

    private static void link(ArrayNode links, String href, String rel, String type, String title) {
        links.addObject().put("href", href).put("rel", rel).put("type", type).put("title", title);
    }

    private void send(Context ctx, String contentType, JsonNode body) throws IOException {
        ctx.contentType(contentType).result(json.writeValueAsBytes(body));
    }

    /** The JSON body, or the HTML page {@code page} writes when the request asks for HTML. */
    private void respond(Context ctx, String contentType, JsonNode body, Supplier<String> page) throws IOException {
        if (encoding(ctx) == Encoding.HTML) {
            ctx.contentType(HTML_UTF8).result(page.get());
        } else {
            send(ctx, contentType, body);
        }
    }

    /** The encoding the request asks for; the response says it depends on the Accept header. */
    private static Encoding encoding(Context ctx) {
        ctx.header("Vary", "Accept");
        return Encoding.of(ctx);
    }

    /** Where the server's own pages and files are: the context path, without a trailing slash. */
    private static String context(Context ctx) {
        return ctx.contextPath().replaceAll("/$", "");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
