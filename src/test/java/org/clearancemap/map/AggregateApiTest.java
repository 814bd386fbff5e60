package org.clearancemap.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.clearancemap.demo.DemoLoader;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The aggregates the map draws below the polygon zoom, against the State Party's own figures, on the demo data. */
class AggregateApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(AggregateApiTest.class);
        new DemoLoader(db.database().dataSource()).load();
        server = TestServer.start(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static JsonNode get(String path) throws Exception {
        var response = server.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void theCellsOfAStatePartyAddUpToItsRemainingAndReleasedFiguresAtEveryZoomAndDate() throws Exception {
        for (String iso3 : new String[] {"LAO", "IRQ"}) {
            for (String asOf : new String[] {"", "2016-12-31"}) {
                JsonNode party = get("/api/state-parties/" + iso3 + (asOf.isEmpty() ? "" : "?asOf=" + asOf));
                int previousCells = 0;
                for (int z : new int[] {2, 5, 8, 11}) {
                    JsonNode aggregates = get("/api/state-parties/" + iso3 + "/aggregates?z=" + z
                            + (asOf.isEmpty() ? "" : "&asOf=" + asOf));
                    String where = iso3 + " " + asOf + " z" + z;
                    assertEquals("FeatureCollection", aggregates.get("type").asText());
                    assertEquals(party.get("asOf").asText(), aggregates.get("asOf").asText(), where);
                    double remaining = 0;
                    double released = 0;
                    int clusters = 0;
                    for (JsonNode cell : aggregates.get("features")) {
                        remaining += cell.get("properties").get("remainingSqm").asDouble();
                        released += cell.get("properties").get("releasedSqm").asDouble();
                        clusters += cell.get("properties").get("clusters").asInt();
                        JsonNode point = cell.get("geometry").get("coordinates");
                        JsonNode box = cell.get("bbox");
                        assertTrue(box.get(0).asDouble() <= point.get(0).asDouble() + 1e-6
                                && point.get(0).asDouble() <= box.get(2).asDouble() + 1e-6
                                && box.get(1).asDouble() <= point.get(1).asDouble() + 1e-6
                                && point.get(1).asDouble() <= box.get(3).asDouble() + 1e-6, where + ": " + cell);
                    }
                    double partyRemaining = party.get("remainingSqm").asDouble();
                    double partyReleased = party.get("releasedSqm").asDouble();
                    assertTrue(partyRemaining > 0 && partyReleased > 0, where + ": the demo data has both");
                    assertEquals(partyRemaining, remaining, 1e-6 * partyRemaining, where + " remaining");
                    assertEquals(partyReleased, released, 1e-6 * partyReleased, where + " released");
                    assertEquals(partyRemaining, aggregates.get("totals").get("remainingSqm").asDouble(), 1e-6, where);
                    int cells = aggregates.get("features").size();
                    assertTrue(cells >= previousCells && cells <= clusters, where + ": " + cells + " cells");
                    previousCells = cells;
                }
                assertTrue(previousCells > 1, iso3 + ": several cells where polygons start to show");
            }
        }
    }

    @Test
    void aZoomOutsideTheRangeIsABadRequestAndAnUnknownStatePartyNotFound() throws Exception {
        assertEquals(400, server.get("/api/state-parties/LAO/aggregates?z=99").statusCode());
        assertEquals(400, server.get("/api/state-parties/LAO/aggregates").statusCode());
        assertEquals(404, server.get("/api/state-parties/XXX/aggregates?z=4").statusCode());
    }
}
