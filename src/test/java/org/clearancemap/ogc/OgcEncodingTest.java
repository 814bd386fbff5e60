package org.clearancemap.ogc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which encoding each OGC resource is sent in, the links between the encodings, and the HTML pages' content. */
class OgcEncodingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What Chromium sends when it opens a page. */
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
            + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
    /** What GDAL's OAPIF driver sends for features. */
    private static final String GDAL = "application/geo+json, application/json";
    private static final Pattern HEAD_ALTERNATE = Pattern.compile("<link rel=\"alternate\" type=\"([^\"]+)\" href=\"([^\"]+)\">");
    private static TestDatabase db;
    private static TestServer server;
    private static long hazardId;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(OgcEncodingTest.class);
        OgcFixture.load(db);
        server = TestServer.start(db);
        hazardId = server.json("/ogc/collections/hazards/items?external_id=LAO-H2").at("/features/0/id").asLong();
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    /** The six resources that have an HTML page. */
    private static List<String> resources() {
        return List.of("/ogc", "/ogc/conformance", "/ogc/collections", "/ogc/collections/hazards",
                "/ogc/collections/hazards/items", "/ogc/collections/hazards/items/" + hazardId);
    }

    private static HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : server.url(path))).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return server.send(request);
    }

    private static String type(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElse("");
    }

    private static JsonNode link(JsonNode doc, String rel) {
        for (JsonNode l : doc.get("links")) {
            if (l.get("rel").asText().equals(rel)) {
                return l;
            }
        }
        return null;
    }

    private static String withQuery(String path, String query) {
        return path + (path.contains("?") ? "&" : "?") + query;
    }

    @Test
    void everyResourceIsAnHtmlPageForFHtmlAndForABrowsersAcceptHeader() throws Exception {
        for (String path : resources()) {
            for (HttpResponse<String> r : List.of(get(withQuery(path, "f=html"), null), get(path, BROWSER), get(path, "text/html"))) {
                assertEquals(200, r.statusCode(), path);
                assertTrue(type(r).startsWith("text/html;"), path + ": " + type(r));
                assertTrue(r.body().startsWith("<!doctype html>\n<html lang=\"en\">"), path);
                assertTrue(r.body().contains("<title>") && r.body().contains("<h1>"), path);
                assertTrue(r.body().contains("<nav aria-label=\"Breadcrumbs\">"), path);
                assertFalse(r.body().contains("<script>") || r.body().contains("style="), path + ": inline script or style");
            }
        }
    }

    @Test
    void jsonStaysTheDefaultForEveryOtherClient() throws Exception {
        for (String path : resources()) {
            String json = path.contains("/items") ? "application/geo+json" : "application/json";
            for (String accept : new String[] {null, "*/*", "application/json", "application/geo+json", GDAL,
                "application/json, text/html", "text/html;q=0.5, application/json"}) {
                HttpResponse<String> r = get(path, accept);
                assertEquals(200, r.statusCode(), path + " " + accept);
                assertEquals(json, type(r), path + " with Accept " + accept);
                JSON.readTree(r.body());
            }
            assertEquals(json, type(get(withQuery(path, "f=json"), BROWSER)), "f=json wins over the Accept header: " + path);
            assertTrue(get(path, null).headers().firstValue("Vary").orElse("").contains("Accept"), path);
            assertTrue(get(withQuery(path, "f=html"), null).headers().firstValue("Vary").orElse("").contains("Accept"), path);
        }
    }

    @Test
    void anUnknownFIsA400ProblemNamingFAndTheAllowedValues() throws Exception {
        for (String path : resources()) {
            HttpResponse<String> r = get(withQuery(path, "f=xml"), BROWSER);
            assertEquals(400, r.statusCode(), path);
            assertEquals("application/problem+json", type(r), path);
            JsonNode problem = JSON.readTree(r.body());
            assertEquals("f", problem.get("parameter").asText(), path);
            assertTrue(problem.get("detail").asText().contains("json, geojson, html"), problem.toString());
        }
        HttpResponse<String> queryables = get("/ogc/collections/hazards/queryables?f=html", null);
        assertEquals(400, queryables.statusCode());
        assertEquals("f", JSON.readTree(queryables.body()).get("parameter").asText());
        assertEquals("application/schema+json", type(get("/ogc/collections/hazards/queryables", BROWSER)));
    }

    @Test
    void everyJsonResponseLinksItsHtmlAndThatPageLinksTheJsonBack() throws Exception {
        for (String path : resources()) {
            JsonNode doc = JSON.readTree(get(path, null).body());
            JsonNode alternate = link(doc, "alternate");
            assertNotNull(alternate, path);
            assertEquals("text/html", alternate.get("type").asText(), path);
            HttpResponse<String> page = get(alternate.get("href").asText(), null);
            assertTrue(type(page).startsWith("text/html;"), alternate.toString());
            Matcher back = HEAD_ALTERNATE.matcher(page.body());
            assertTrue(back.find(), path);
            HttpResponse<String> json = get(back.group(2).replace("&amp;", "&"), BROWSER);
            assertEquals(back.group(1), type(json), path);
            assertEquals(JSON.readTree(get(path, null).body()).get("links").size(), JSON.readTree(json.body()).get("links").size(), path);
        }
    }

    @Test
    void theConformanceClassesAndTheApiDefinitionDeclareHtml() throws Exception {
        var classes = new ArrayList<String>();
        server.json("/ogc/conformance").get("conformsTo").forEach(c -> classes.add(c.asText()));
        assertTrue(classes.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html"), classes.toString());
        JsonNode api = server.json("/ogc/api");
        assertTrue(api.at("/paths/~1collections~1hazards~1items/get/responses/200/content").has("text/html"));
        assertTrue(api.at("/paths/~1/get/responses/200/content").has("text/html"));
        var formats = new ArrayList<String>();
        api.at("/components/parameters/f/schema/enum").forEach(f -> formats.add(f.asText()));
        assertEquals(List.of("json", "geojson", "html"), formats);
    }

    @Test
    void theItemsPageEscapesEveryValueAndListsEveryFeatureOfThePage() throws Exception {
        String page = get("/ogc/collections/hazards/items?state_party=LAO&limit=2", BROWSER).body();
        assertTrue(page.contains("Features 1–2 of 3 matching."), page);
        assertTrue(page.contains("<a rel=\"next\" href=\""), page);
        assertFalse(page.contains("rel=\"prev\""), page);
        String all = get("/ogc/collections/hazards/items?state_party=LAO", BROWSER).body();
        assertTrue(all.contains("it&#39;s &quot;H3&quot;"), "quotes escaped");
        assertFalse(all.contains("it's \"H3\""), "no raw quotes");
        assertTrue(all.contains("BLU-26 sous-munitions « Nord », 子弹药"), "unicode kept");
        assertEquals(3, all.split("<tr><th scope=\"row\">").length - 1, "one row per feature");
        double remainingSqm = server.json("/ogc/collections/remaining/items/LAO").at("/properties/remaining_sqm").asDouble();
        assertTrue(remainingSqm > 1e7, "large enough for Java to write it 1.2E8");
        String remaining = get("/ogc/collections/remaining/items", BROWSER).body();
        assertTrue(remaining.contains("<td class=\"n\">" + java.math.BigDecimal.valueOf(remainingSqm).toPlainString() + "</td>"), remaining);
        assertFalse(remaining.matches("(?s).*<td class=\"n\">[0-9.]+E[0-9]+</td>.*"), "no exponent");
        String hostile = get("/ogc/collections/hazards/items?external_id=%22%3E%3Cscript%3Ealert(1)%3C/script%3E", BROWSER).body();
        assertTrue(hostile.contains("No feature on this page; 0 match in all."), hostile);
        assertFalse(hostile.contains("<script>alert"), "a value from the query is never markup");
        String item = get("/ogc/collections/hazards/items/" + hazardId, BROWSER).body();
        assertTrue(item.contains("<th scope=\"row\">external_id</th><td>LAO-H2</td>"), item);
    }

    @Test
    void epsg3857GeometriesCarryNoCrsMemberOfTheirOwn() throws Exception {
        String crs = "crs=http://www.opengis.net/def/crs/EPSG/0/3857";
        for (String collection : List.of("hazards", "releases", "remaining")) {
            HttpResponse<String> page = get("/ogc/collections/" + collection + "/items?" + crs, null);
            assertEquals("<http://www.opengis.net/def/crs/EPSG/0/3857>", page.headers().firstValue("Content-Crs").orElse(""));
            JsonNode features = JSON.readTree(page.body()).get("features");
            assertTrue(features.size() > 0, collection);
            for (JsonNode f : features) {
                assertFalse(f.get("geometry").has("crs"), collection + ": " + f.get("geometry").toString().substring(0, 80));
                JsonNode first = f.at("/geometry/coordinates");
                while (first.isArray()) {
                    first = first.get(0);
                }
                assertTrue(Math.abs(first.asDouble()) > 1e5, collection + ": in metres");
            }
            String id = features.get(0).get("id").asText();
            assertFalse(JSON.readTree(get("/ogc/collections/" + collection + "/items/" + id + "?" + crs, null).body())
                    .get("geometry").has("crs"), collection);
        }
    }
}
