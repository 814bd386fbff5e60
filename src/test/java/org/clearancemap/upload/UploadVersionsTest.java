package org.clearancemap.upload;

import static org.clearancemap.upload.SurveyFiles.collection;
import static org.clearancemap.upload.SurveyFiles.feature;
import static org.clearancemap.upload.SurveyFiles.square;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.clearancemap.App;
import org.clearancemap.auth.Role;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Versions, retirement, dry runs, repairs and the upload list, in Chad (TCD), one hazard id per test. */
class UploadVersionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger HEARD = new AtomicInteger();
    private static final List<String> HEARD_FROM = new ArrayList<>();
    private static TestDatabase db;
    private static String token;
    private static io.javalin.Javalin app;
    private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        db = TestDatabase.create(UploadVersionsTest.class);
        token = new Tokens(db).issue("test operator", Role.OPERATOR, "TCD", "LAO", "IRQ", "AFG");
        app = App.create(db.config(), db.database(), java.time.Clock.systemUTC(), (UploadListener) iso3 -> {
            synchronized (HEARD_FROM) {
                HEARD.incrementAndGet();
                HEARD_FROM.add(iso3);
            }
        });
        app.start();
    }

    @AfterAll
    static void stop() {
        app.stop();
        db.close();
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode upload(String kind, String body, int status) throws Exception {
        HttpResponse<String> r = send("POST", "/api/state-parties/TCD/" + kind, "application/geo+json", body);
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static String hazard(String id, String cls, String date, double lon, String extra) {
        return feature("{\"external_id\":\"" + id + "\",\"classification\":\"" + cls + "\",\"recorded_on\":\"" + date
                + "\"" + extra + "}", square(lon, 13.5, 0.01));
    }

    private static List<String> rows(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            var result = new ArrayList<String>();
            while (rs.next()) {
                result.add(rs.getString(1));
            }
            return result;
        }
    }

    @Test
    void aChangedHazardGetsANewVersionAndTheOldOneIsKeptUntilTheNewRecordedDate() throws Exception {
        upload("hazards", collection(hazard("TD-1", "SHA", "2019-01-01", 20.0, "")), 201);
        JsonNode second = upload("hazards", collection(hazard("TD-1", "CHA", "2021-06-01", 20.0, "")), 201);
        assertEquals(1, second.get("updated").asInt());
        assertEquals(0, second.get("inserted").asInt());
        assertEquals(List.of("1 SHA 2021-06-01", "2 CHA null"), rows("SELECT version || ' ' || classification || ' ' "
                + "|| coalesce(valid_until::text, 'null') FROM hazard WHERE external_id = 'TD-1' ORDER BY version"));
    }

    @Test
    void theSameHazardInAnotherFileIsUnchangedAndNotWrittenAgain() throws Exception {
        upload("hazards", collection(hazard("TD-2", "SHA", "2019-01-01", 20.1, ",\"village\":\"A\"")), 201);
        JsonNode again = upload("hazards", collection(hazard("TD-2", "SHA", "2019-01-01", 20.1,
                ",\"Village\":\"ignored-case-differs\"")), 201);
        assertEquals(1, again.get("updated").asInt(), "an attribute changed");
        JsonNode third = upload("hazards", collection(hazard("TD-2", "SHA", "2019-01-01", 20.1,
                ",\"Village\":\"ignored-case-differs\"")).replace("\"features\"", "\"name\":\"x\",\"features\""), 201);
        assertEquals(1, third.get("unchanged").asInt());
        assertEquals(List.of("2"), rows("SELECT count(*) FROM hazard WHERE external_id = 'TD-2'"));
    }

    @Test
    void aNewVersionRecordedBeforeTheCurrentOneIsRefused() throws Exception {
        upload("hazards", collection(hazard("TD-3", "SHA", "2020-01-01", 20.2, "")), 201);
        HttpResponse<String> r = send("POST", "/api/state-parties/TCD/hazards", "application/geo+json",
                collection(hazard("TD-3", "CHA", "2019-01-01", 20.2, "")));
        assertEquals(422, r.statusCode(), r.body());
        assertEquals("recorded-before-current", JSON.readTree(r.body()).get("errors").get(0).get("code").asText());
        assertEquals(List.of("1"), rows("SELECT count(*) FROM hazard WHERE external_id = 'TD-3'"));
    }

    @Test
    void aDryRunCountsWhatWouldHappenAndWritesNothing() throws Exception {
        JsonNode report = upload("hazards?dryRun=true", collection(hazard("TD-4", "SHA", "2020-01-01", 20.3, "")), 200);
        assertTrue(report.get("dryRun").asBoolean());
        assertEquals(1, report.get("inserted").asInt());
        assertTrue(report.get("uploadId").isNull());
        assertEquals(List.of("0"), rows("SELECT count(*) FROM hazard WHERE external_id = 'TD-4'"));
    }

    @Test
    void aSelfIntersectingPolygonIsRepairedWithAWarningAtItsLocation() throws Exception {
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[20.4,13.5],[20.41,13.51],[20.41,13.5],"
                + "[20.4,13.51],[20.4,13.5]]]}";
        JsonNode report = upload("hazards", collection(feature("{\"external_id\":\"TD-5\",\"classification\":\"CHA\","
                + "\"recorded_on\":\"2020-01-01\"}", bowTie)), 201);
        assertEquals(1, report.get("repaired").asInt());
        JsonNode w = report.get("warnings").get(0);
        assertEquals("repaired-geometry", w.get("code").asText());
        assertEquals(20.405, w.get("location").get(0).asDouble(), 1e-9);
        assertEquals(List.of("true 2"), rows("SELECT ST_IsValid(geom4326) || ' ' || ST_NumGeometries(geom4326) "
                + "FROM hazard WHERE external_id = 'TD-5'"));
    }

    @Test
    void aHazardIsRetiredWithoutBeingDeleted() throws Exception {
        upload("hazards", collection(hazard("TD-6", "CHA", "2020-01-01", 20.5, "")), 201);
        int heard = HEARD.get();
        HttpResponse<String> r = send("POST", "/api/state-parties/TCD/hazards/TD-6/retire", "application/json",
                "{\"date\":\"2022-02-02\",\"reason\":\"re-surveyed: no evidence\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(heard + 1, HEARD.get());
        assertEquals(List.of("2022-02-02 2022-02-02 re-surveyed: no evidence"), rows("SELECT valid_until || ' ' || "
                + "retired_on || ' ' || retired_reason FROM hazard WHERE external_id = 'TD-6'"));
        HttpResponse<String> twice = send("POST", "/api/state-parties/TCD/hazards/TD-6/retire", "application/json",
                "{\"date\":\"2022-02-02\",\"reason\":\"again\"}");
        assertEquals(404, twice.statusCode());
        HttpResponse<String> noReason = send("POST", "/api/state-parties/TCD/hazards/TD-1/retire", "application/json",
                "{\"date\":\"2022-02-30\"}");
        assertEquals(400, noReason.statusCode());
    }

    @Test
    void releasesAreVersionedBySupersedingTheOldOne() throws Exception {
        String first = collection(feature("{\"activity_id\":\"TD-R-1\",\"activity_type\":\"Technical Survey\","
                + "\"completion_date\":\"2022-03-01\",\"organisation\":\"HALO\",\"items_destroyed\":\"3\"}",
                square(20.6, 13.5, 0.01)));
        JsonNode a = upload("releases", first, 201);
        assertEquals(1, a.get("inserted").asInt());
        JsonNode b = upload("releases", first.replace("Technical Survey", "clearance"), 201);
        assertEquals(1, b.get("updated").asInt());
        assertEquals(List.of("1 reduced HALO 3 true", "2 cleared HALO 3 false"), rows("SELECT version || ' ' || method "
                + "|| ' ' || operator || ' ' || items_destroyed || ' ' || (superseded_at IS NOT NULL) FROM land_release "
                + "WHERE external_id = 'TD-R-1' ORDER BY version"));
    }

    @Test
    void legacyGeoJsonInUtmIsReprojectedToWgs84() throws Exception {
        // UTM zone 34N (EPSG:32634, central meridian 21°E): x 554 100, y 1 492 500 is about 21.5°E 13.5°N
        String body = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":"
                + "\"urn:ogc:def:crs:EPSG::32634\"}},\"features\":[" + feature("{\"external_id\":\"TD-UTM\","
                + "\"classification\":\"SHA\",\"recorded_on\":\"2020-01-01\"}", square(554100, 1492500, 1000)) + "]}";
        JsonNode report = upload("hazards", body, 201);
        assertEquals("reprojected", report.get("warnings").get(0).get("code").asText());
        List<String> area = rows("SELECT area_sqm::text || ' ' || round(ST_X(ST_Centroid(geom4326))::numeric, 2) "
                + "FROM hazard WHERE external_id = 'TD-UTM'");
        String[] parts = area.get(0).split(" ");
        // a 1 km square on the UTM grid is a little larger on the ground (scale factor below 1 near the meridian)
        assertEquals(1_000_000, Double.parseDouble(parts[0]), 2_000, area.toString());
        assertEquals("21.50", parts[1]);
    }

    @Test
    void aMultipartUploadIsListedAndItsReportCanBeFetched() throws Exception {
        String boundary = "----clearance";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"td.geojson\"\r\n"
                + "Content-Type: application/geo+json\r\n\r\n" + collection(hazard("TD-7", "CHA", "2020-01-01", 20.7, ""))
                + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = send("POST", "/api/state-parties/TCD/hazards", "multipart/form-data; boundary="
                + boundary, body);
        assertEquals(201, r.statusCode(), r.body());
        long id = JSON.readTree(r.body()).get("uploadId").asLong();
        JsonNode list = JSON.readTree(send("GET", "/api/uploads?stateParty=TCD", "application/json", null).body());
        assertEquals(id, list.get(0).get("uploadId").asLong());
        assertEquals("td.geojson", list.get(0).get("fileName").asText());
        JsonNode one = JSON.readTree(send("GET", "/api/uploads/" + id, "application/json", null).body());
        assertEquals(1, one.get("inserted").asInt());
        assertEquals("test operator", one.get("uploadedBy").asText());
        assertEquals(404, send("GET", "/api/uploads/999999", "application/json", null).statusCode());
        synchronized (HEARD_FROM) {
            assertTrue(HEARD_FROM.contains("TCD"));
        }
    }
}
