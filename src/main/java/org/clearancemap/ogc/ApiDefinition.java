package org.clearancemap.ogc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.clearancemap.http.Problem;

/**
 * The API definition of {@code /ogc} as an OpenAPI 3.0 document, built from {@link Collection} so
 * that each collection's items path declares exactly the parameters the server accepts. The
 * resources with an HTML page declare {@code text/html} beside JSON, and {@code f} with
 * {@code html} among its values; the queryables, a JSON Schema only, take {@code f=json} alone.
 */
public final class ApiDefinition {
    public static final String CONTENT_TYPE = "application/vnd.oai.openapi+json;version=3.0";
    private static final String GEOJSON = "application/geo+json";
    private static final String JSON = "application/json";
    private static final String PROBLEM = Problem.CONTENT_TYPE;

    private final ObjectMapper json;

    public ApiDefinition(ObjectMapper json) {
        this.json = json;
    }

    /** The document for a server whose {@code /ogc} lives at {@code serverUrl}. */
    public ObjectNode build(String serverUrl) {
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Clearance Map – OGC API – Features");
        info.put("version", "1.0.0");
        info.put("description", "Hazardous areas, land releases and remaining contamination of cluster munition "
                + "remnants, per State Party of the Convention on Cluster Munitions. OGC API – Features – Part 1: Core 1.0.1.");
        info.putObject("license").put("name", "Open data; see the project README");
        doc.putArray("servers").addObject().put("url", serverUrl).put("description", "This server");
        ObjectNode paths = doc.putObject("paths");
        paths.set("/", operation("getLandingPage", "Landing page", "Links to the API definition, conformance and collections.",
                List.of(ref("f")), JSON, "landingPage", false, true));
        paths.set("/conformance", operation("getConformance", "Conformance classes", "The conformance classes this server implements.",
                List.of(ref("f")), JSON, "confClasses", false, true));
        paths.set("/api", operation("getApiDefinition", "API definition", "This document.",
                List.of(ref("f")), CONTENT_TYPE, null, false, true));
        paths.set("/collections", operation("getCollections", "Collections", "The feature collections served.",
                List.of(ref("f")), JSON, "collections", false, true));
        paths.set("/collections/{collectionId}", operation("describeCollection", "One collection",
                "Its title, extent, reference system and links.", List.of(ref("collectionId"), ref("f")), JSON, "collection", true, true));
        paths.set("/collections/{collectionId}/queryables", operation("getQueryables", "Queryables",
                "The properties a CQL2 filter on the collection can name, as a JSON Schema.",
                List.of(ref("collectionId"), ref("fJson")), "application/schema+json", null, true, false));
        for (Collection c : Collection.values()) {
            var params = new ArrayList<ObjectNode>(List.of(ref("limit"), ref("offset"), ref("bbox"), ref("bbox-crs"),
                    ref("datetime"), ref("crs"), ref("filter"), ref("filter-lang"), ref("f")));
            for (PropertyFilter f : c.filters()) {
                params.add(filterParameter(f));
            }
            String datetime = c.temporalProperty() == null
                    ? " datetime is the date the remaining land is computed for (an instant; default today)."
                    : " datetime filters on " + c.temporalProperty() + ".";
            paths.set("/collections/" + c.id() + "/items", operation("getFeatures_" + c.id(), c.title() + ": features",
                    c.description() + datetime, params, GEOJSON, "featureCollectionGeoJSON", false, true));
            paths.set("/collections/" + c.id() + "/items/{featureId}", operation("getFeature_" + c.id(), c.title() + ": one feature",
                    c.id().equals("remaining") ? "featureId is the ISO3 code of the State Party." : "featureId is the row id of the current version.",
                    List.of(ref("featureId"), ref("crs"), ref("f")), GEOJSON, "featureGeoJSON", true, true));
        }
        ObjectNode components = doc.putObject("components");
        components.set("parameters", parameters());
        components.set("schemas", schemas());
        return doc;
    }

    private ObjectNode operation(String id, String summary, String description, List<ObjectNode> parameters,
            String contentType, String schema, boolean notFound, boolean html) {
        ObjectNode path = json.createObjectNode();
        ObjectNode get = path.putObject("get");
        get.put("operationId", id);
        get.put("summary", summary);
        get.put("description", description);
        get.putArray("tags").add(id.contains("_") ? "Features" : "Capabilities");
        ArrayNode ps = get.putArray("parameters");
        parameters.forEach(ps::add);
        ObjectNode responses = get.putObject("responses");
        ObjectNode ok = responses.putObject("200");
        ok.put("description", "Success");
        ObjectNode content = ok.putObject("content");
        content.putObject(contentType).set("schema", schema == null ? json.createObjectNode().put("type", "object") : schemaRef(schema));
        if (html) {
            content.putObject("text/html").putObject("schema").put("type", "string");
        }
        responses.set("400", problem("A parameter is unknown or malformed"));
        if (notFound) {
            responses.set("404", problem("No such collection or feature"));
        }
        responses.set("500", problem("Server error"));
        return path;
    }

    private ObjectNode problem(String description) {
        ObjectNode r = json.createObjectNode();
        r.put("description", description);
        r.putObject("content").putObject(PROBLEM).set("schema", schemaRef("problem"));
        return r;
    }

    private ObjectNode ref(String parameter) {
        return json.createObjectNode().put("$ref", "#/components/parameters/" + parameter);
    }

    private ObjectNode schemaRef(String schema) {
        return json.createObjectNode().put("$ref", "#/components/schemas/" + schema);
    }

    private ObjectNode filterParameter(PropertyFilter f) {
        ObjectNode p = json.createObjectNode();
        p.put("name", f.parameter());
        p.put("in", "query");
        p.put("description", "Only features whose " + f.parameter() + " equals this value: " + f.description() + ".");
        p.put("required", false);
        p.put("style", "form");
        p.put("explode", false);
        ObjectNode s = p.putObject("schema");
        s.put("type", "string");
        if (!f.allowed().isEmpty()) {
            ArrayNode values = s.putArray("enum");
            f.allowed().forEach(values::add);
        }
        if (f == PropertyFilter.STATE_PARTY) {
            s.put("pattern", "^[A-Za-z]{3}$");
        }
        return p;
    }

    private ObjectNode parameters() {
        ObjectNode ps = json.createObjectNode();
        ObjectNode limit = param(ps, "limit", "query", "Features per page: at least 1; default "
                + ItemsQuery.DEFAULT_LIMIT + "; values above " + ItemsQuery.MAX_LIMIT + " are reduced to it.", false);
        limit.putObject("schema").put("type", "integer").put("minimum", 1).put("maximum", ItemsQuery.MAX_LIMIT)
                .put("default", ItemsQuery.DEFAULT_LIMIT);
        ObjectNode offset = param(ps, "offset", "query", "Features skipped before the page (the next links carry it).", false);
        offset.putObject("schema").put("type", "integer").put("minimum", 0).put("default", 0);
        ObjectNode bbox = param(ps, "bbox", "query", "minLon,minLat,maxLon,maxLat in WGS 84 (CRS84); minLon > maxLon "
                + "crosses the antimeridian. Six numbers (with heights) are accepted; heights are ignored.", false);
        bbox.put("explode", false);
        ObjectNode box = bbox.putObject("schema");
        box.put("type", "array").put("minItems", 4).put("maxItems", 6);
        box.putObject("items").put("type", "number");
        ObjectNode datetime = param(ps, "datetime", "query", "An RFC 3339 date or date-time, or an interval start/end "
                + "where either end may be '..' (open).", false);
        datetime.putObject("schema").put("type", "string");
        ObjectNode filter = param(ps, "filter", "query", "A Basic CQL2 text filter over the collection's queryables "
                + "(see /collections/{collectionId}/queryables), e.g. classification = 'CHA' AND recorded_on >= DATE('2020-01-01').", false);
        filter.putObject("schema").put("type", "string");
        ObjectNode filterLang = param(ps, "filter-lang", "query", "The language of filter: cql2-text (the default and only one).", false);
        filterLang.putObject("schema").put("type", "string").put("default", "cql2-text").putArray("enum").add("cql2-text");
        ObjectNode crs = param(ps, "crs", "query", "The CRS of the geometries in the response (default CRS84, "
                + "longitude/latitude); the Content-Crs header names it. EPSG:4326 is written latitude, longitude.", false);
        ArrayNode crsUris = crs.putObject("schema").put("type", "string").put("format", "uri").putArray("enum");
        OutputCrs.uris().forEach(crsUris::add);
        ObjectNode bboxCrs = param(ps, "bbox-crs", "query", "The CRS of bbox (default CRS84), its numbers in that CRS's axis order.", false);
        ArrayNode bboxCrsUris = bboxCrs.putObject("schema").put("type", "string").put("format", "uri").putArray("enum");
        OutputCrs.uris().forEach(bboxCrsUris::add);
        ObjectNode f = param(ps, "f", "query", "Encoding of the response: json or geojson (GeoJSON for features), or html "
                + "for a page to read in a browser. Without f, HTML when the Accept header prefers text/html (as browsers "
                + "send it), JSON otherwise.", false);
        ArrayNode formats = f.putObject("schema").put("type", "string").putArray("enum");
        Encoding.VALUES.forEach(formats::add);
        ObjectNode fJson = param(ps, "fJson", "query", "Encoding of the response: JSON, the only one.", false);
        fJson.put("name", "f");
        fJson.putObject("schema").put("type", "string").putArray("enum").add("json");
        ObjectNode collectionId = param(ps, "collectionId", "path", "The collection.", true);
        ArrayNode ids = collectionId.putObject("schema").put("type", "string").putArray("enum");
        for (Collection c : Collection.values()) {
            ids.add(c.id());
        }
        ObjectNode featureId = param(ps, "featureId", "path", "The feature.", true);
        featureId.putObject("schema").put("type", "string");
        return ps;
    }

    private ObjectNode param(ObjectNode into, String name, String in, String description, boolean required) {
        ObjectNode p = into.putObject(name);
        p.put("name", name);
        p.put("in", in);
        p.put("description", description);
        p.put("required", required);
        p.put("style", in.equals("path") ? "simple" : "form");
        return p;
    }

    private ObjectNode schemas() {
        ObjectNode s = json.createObjectNode();
        ObjectNode link = object(s, "link", List.of("href", "rel"));
        props(link, Map.of("href", "string", "rel", "string", "type", "string", "title", "string", "hreflang", "string"));
        ObjectNode links = json.createObjectNode().put("type", "array");
        links.set("items", schemaRef("link"));

        ObjectNode landing = object(s, "landingPage", List.of("links"));
        props(landing, Map.of("title", "string", "description", "string"));
        landing.withObjectProperty("properties").set("links", links.deepCopy());

        ObjectNode conf = object(s, "confClasses", List.of("conformsTo"));
        conf.putObject("properties").putObject("conformsTo").put("type", "array").putObject("items").put("type", "string");

        ObjectNode collection = object(s, "collection", List.of("id", "links"));
        props(collection, Map.of("id", "string", "title", "string", "description", "string", "itemType", "string"));
        collection.withObjectProperty("properties").set("links", links.deepCopy());
        collection.withObjectProperty("properties").putObject("crs").put("type", "array").putObject("items").put("type", "string");
        ObjectNode extent = collection.withObjectProperty("properties").putObject("extent");
        extent.put("type", "object");
        ObjectNode spatial = extent.putObject("properties").putObject("spatial");
        spatial.put("type", "object");
        ObjectNode bbox = spatial.putObject("properties").putObject("bbox");
        bbox.put("type", "array").put("minItems", 1);
        bbox.putObject("items").put("type", "array").put("minItems", 4).put("maxItems", 6).putObject("items").put("type", "number");
        spatial.withObjectProperty("properties").putObject("crs").put("type", "string");
        ObjectNode temporal = extent.withObjectProperty("properties").putObject("temporal");
        temporal.put("type", "object");
        ObjectNode interval = temporal.putObject("properties").putObject("interval");
        interval.put("type", "array").put("minItems", 1);
        ObjectNode pair = interval.putObject("items");
        pair.put("type", "array").put("minItems", 2).put("maxItems", 2);
        pair.putObject("items").put("type", "string").put("format", "date-time").put("nullable", true);
        temporal.withObjectProperty("properties").putObject("trs").put("type", "string");

        ObjectNode collections = object(s, "collections", List.of("links", "collections"));
        collections.putObject("properties").set("links", links.deepCopy());
        collections.withObjectProperty("properties").putObject("collections").put("type", "array").set("items", schemaRef("collection"));

        ObjectNode feature = object(s, "featureGeoJSON", List.of("type", "geometry", "properties"));
        feature.putObject("properties").putObject("type").put("type", "string").putArray("enum").add("Feature");
        feature.withObjectProperty("properties").putObject("geometry").put("type", "object").put("nullable", true);
        feature.withObjectProperty("properties").putObject("properties").put("type", "object").put("nullable", true);
        feature.withObjectProperty("properties").putObject("id").putArray("oneOf").add(json.createObjectNode().put("type", "string"))
                .add(json.createObjectNode().put("type", "integer"));
        feature.withObjectProperty("properties").set("links", links.deepCopy());

        ObjectNode page = object(s, "featureCollectionGeoJSON", List.of("type", "features"));
        page.putObject("properties").putObject("type").put("type", "string").putArray("enum").add("FeatureCollection");
        page.withObjectProperty("properties").putObject("features").put("type", "array").set("items", schemaRef("featureGeoJSON"));
        page.withObjectProperty("properties").set("links", links.deepCopy());
        page.withObjectProperty("properties").putObject("timeStamp").put("type", "string").put("format", "date-time");
        page.withObjectProperty("properties").putObject("numberMatched").put("type", "integer").put("minimum", 0);
        page.withObjectProperty("properties").putObject("numberReturned").put("type", "integer").put("minimum", 0);

        ObjectNode problem = object(s, "problem", List.of("type", "title", "status"));
        props(problem, Map.of("type", "string", "title", "string", "detail", "string", "instance", "string", "parameter", "string"));
        problem.withObjectProperty("properties").putObject("status").put("type", "integer");
        return s;
    }

    private ObjectNode object(ObjectNode schemas, String name, List<String> required) {
        ObjectNode o = schemas.putObject(name);
        o.put("type", "object");
        ArrayNode r = o.putArray("required");
        required.forEach(r::add);
        o.putObject("properties");
        return o;
    }

    private static void props(ObjectNode schema, Map<String, String> types) {
        ObjectNode p = schema.withObjectProperty("properties");
        new TreeMap<>(types).forEach((name, type) -> p.putObject(name).put("type", type));
    }
}
