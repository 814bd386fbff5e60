package org.clearancemap.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The version history of one hazard or release, after real uploads and a retirement in Chad (TCD). */
class VersionHistoryApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.create(VersionHistoryApiTest.class);
        server = TestServer.start(db).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static String square(double lon, double lat, double size) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(
                lon, lat, lon + size, lat, lon + size, lat + size, lon, lat + size, lon, lat);
    }

    private static String collection(String properties, String geometry) {
        return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":" + properties
                + ",\"geometry\":" + geometry + "}]}";
    }

    private static JsonNode post(String path, String contentType, String body, int status) throws Exception {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(status, r.statusCode(), r.body());
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    private static JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** PostGIS's geodesic area of a stored version, and whether the geometry the API gave is the stored one. */
    private static void assertMatchesStored(String table, JsonNode version) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT ST_Area(geom4326::geography), "
                + "ST_Equals(geom4326, ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)) FROM " + table + " WHERE id = ?")) {
            ps.setString(1, version.get("geometry").toString());
            ps.setLong(2, version.get("id").asLong());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "version " + version.get("id") + " is stored");
                double postgis = rs.getDouble(1);
                assertEquals(postgis, version.get("areaSqm").asDouble(), postgis * 1e-6, "area against ST_Area(geography)");
                assertTrue(rs.getBoolean(2), "the geometry served is the stored one");
            }
        }
    }

    @Test
    void aHazardUploadedTwiceWithAChangeHasTwoVersionsOldestFirstEachWithItsUpload() throws Exception {
        JsonNode first = post("/api/state-parties/TCD/hazards", "application/geo+json", collection(
                "{\"external_id\":\"VH-1\",\"classification\":\"SHA\",\"recorded_on\":\"2019-01-01\",\"village\":\"A\"}",
                square(20.0, 13.5, 0.01)), 201);
        JsonNode second = post("/api/state-parties/TCD/hazards", "application/geo+json", collection(
                "{\"external_id\":\"VH-1\",\"classification\":\"CHA\",\"recorded_on\":\"2021-06-01\",\"village\":\"A\"}",
                square(20.0, 13.5, 0.02)), 201);

        JsonNode history = get("/api/state-parties/TCD/hazards/VH-1/versions", 200);
        assertEquals("TCD", history.get("iso3").asText());
        assertEquals("VH-1", history.get("externalId").asText());
        assertEquals("hazard", history.get("kind").asText());
        JsonNode versions = history.get("versions");
        assertEquals(2, versions.size());

        JsonNode v1 = versions.get(0);
        assertEquals(1, v1.get("version").asInt());
        assertEquals("superseded", v1.get("status").asText());
        assertEquals("SHA", v1.get("classification").asText());
        assertEquals("2019-01-01", v1.get("recordedOn").asText());
        assertEquals("2021-06-01", v1.get("validUntil").asText());
        assertTrue(v1.get("retiredOn").isNull());
        assertEquals("A", v1.get("attributes").get("village").asText());
        assertEquals(first.get("uploadId").asLong(), v1.get("uploadId").asLong());
        assertEquals(first.get("uploadId").asLong(), v1.get("upload").get("id").asLong());
        assertEquals("test admin", v1.get("upload").get("uploadedBy").asText());
        assertFalse(v1.get("upload").get("uploadedAt").asText().isEmpty());

        JsonNode v2 = versions.get(1);
        assertEquals(2, v2.get("version").asInt());
        assertEquals("current", v2.get("status").asText());
        assertEquals("CHA", v2.get("classification").asText());
        assertTrue(v2.get("validUntil").isNull());
        assertEquals(second.get("uploadId").asLong(), v2.get("upload").get("id").asLong());
        assertEquals("MultiPolygon", v2.get("geometry").get("type").asText());
        assertTrue(v2.get("areaSqm").asDouble() > 3.9 * v1.get("areaSqm").asDouble(), "twice the side, four times the area");
        assertMatchesStored("hazard", v1);
        assertMatchesStored("hazard", v2);
    }

    @Test
    void aRetiredHazardShowsItsRetirementDateAndReason() throws Exception {
        post("/api/state-parties/TCD/hazards", "application/geo+json", collection(
                "{\"external_id\":\"VH-2\",\"classification\":\"CHA\",\"recorded_on\":\"2018-03-01\"}",
                square(20.2, 13.5, 0.01)), 201);
        post("/api/state-parties/TCD/hazards/VH-2/retire", "application/json",
                "{\"date\":\"2022-04-30\",\"reason\":\"re-survey found no evidence\"}", 200);

        JsonNode versions = get("/api/state-parties/TCD/hazards/VH-2/versions", 200).get("versions");
        assertEquals(1, versions.size());
        JsonNode v = versions.get(0);
        assertEquals("retired", v.get("status").asText());
        assertEquals("2022-04-30", v.get("retiredOn").asText());
        assertEquals("2022-04-30", v.get("validUntil").asText());
        assertEquals("re-survey found no evidence", v.get("retiredReason").asText());
    }

    @Test
    void aReleaseUploadedTwiceWithAChangeKeepsTheSupersededVersion() throws Exception {
        String props = "{\"external_id\":\"VR-1\",\"method\":\"%s\",\"completed_on\":\"2020-05-05\","
                + "\"operator\":\"Team 1\",\"items_destroyed\":%d}";
        post("/api/state-parties/TCD/releases", "application/geo+json",
                collection(props.formatted("reduced", 3), square(20.4, 13.5, 0.01)), 201);
        JsonNode second = post("/api/state-parties/TCD/releases", "application/geo+json",
                collection(props.formatted("cleared", 7), square(20.4, 13.5, 0.01)), 201);

        JsonNode history = get("/api/state-parties/TCD/releases/VR-1/versions", 200);
        assertEquals("release", history.get("kind").asText());
        JsonNode versions = history.get("versions");
        assertEquals(2, versions.size());
        assertEquals("superseded", versions.get(0).get("status").asText());
        assertEquals("reduced", versions.get(0).get("method").asText());
        assertFalse(versions.get(0).get("supersededAt").isNull());
        assertEquals("current", versions.get(1).get("status").asText());
        assertEquals("cleared", versions.get(1).get("method").asText());
        assertEquals(7, versions.get(1).get("itemsDestroyed").asInt());
        assertEquals("Team 1", versions.get(1).get("operator").asText());
        assertEquals("2020-05-05", versions.get(1).get("completedOn").asText());
        assertTrue(versions.get(1).get("supersededAt").isNull());
        assertEquals(second.get("uploadId").asLong(), versions.get(1).get("upload").get("id").asLong());
        assertMatchesStored("land_release", versions.get(0));
        assertMatchesStored("land_release", versions.get(1));
    }

    @Test
    void theMapLayersCarryWhatIsNeededToAskForTheVersions() throws Exception {
        post("/api/state-parties/TCD/hazards", "application/geo+json", collection(
                "{\"external_id\":\"VH-3\",\"classification\":\"SHA\",\"recorded_on\":\"2018-03-01\"}",
                square(20.6, 13.5, 0.01)), 201);
        JsonNode layer = get("/api/hazards?state_party=TCD&bbox=20.55,13.45,20.65,13.55", 200);
        assertEquals(1, layer.get("features").size());
        JsonNode p = layer.get("features").get(0).get("properties");
        assertEquals("TCD", p.get("state_party").asText());
        assertEquals("VH-3", p.get("external_id").asText());
        assertTrue(p.get("upload_id").asLong() > 0);
        get("/api/state-parties/" + p.get("state_party").asText() + "/hazards/" + p.get("external_id").asText() + "/versions", 200);
    }

    @Test
    void anUnknownExternalIdIsA404ProblemAndABadCodeA400() throws Exception {
        HttpResponse<String> unknown = server.get("/api/state-parties/TCD/hazards/NO-SUCH/versions");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(unknown.body().contains("NO-SUCH"), unknown.body());
        assertEquals(404, server.get("/api/state-parties/TCD/releases/NO-SUCH/versions").statusCode());
        HttpResponse<String> bad = server.get("/api/state-parties/T1D/hazards/VH-1/versions");
        assertEquals(400, bad.statusCode());
        assertEquals("iso3", JSON.readTree(bad.body()).get("parameter").asText());
        assertTrue(bad.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }
}
