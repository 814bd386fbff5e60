package org.clearancemap.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.clearancemap.demo.DemoLoader;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/search: external ids by their start, in any case, in one State Party or all, on the demo data. */
class PolygonSearchApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(PolygonSearchApiTest.class);
        new DemoLoader(db.database().dataSource()).load();
        server = TestServer.start(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** The distinct external ids of a State Party's hazards (every version) that start with a prefix, in order. */
    private static List<String> hazardIds(String iso3, String prefix) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT external_id FROM hazard WHERE iso3 = ? AND starts_with(external_id, ?) ORDER BY 1")) {
            ps.setString(1, iso3);
            ps.setString(2, prefix);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("matches").forEach(m -> ids.add(m.get("externalId").asText()));
        return ids;
    }

    @Test
    void theStartOfAnIdInAnyCaseFindsEveryHazardOfTheStatePartyItStarts() throws Exception {
        String someId = hazardIds("IRQ", "").get(7);
        String prefix = someId.substring(0, someId.length() - 1);
        List<String> expected = hazardIds("IRQ", prefix);
        assertTrue(expected.size() > 1 && expected.size() <= 20, expected.toString());
        JsonNode answer = get("/api/search?kind=hazards&state_party=IRQ&q=" + prefix.toLowerCase(), 200);
        assertEquals(expected, ids(answer));
        assertFalse(answer.get("limitReached").asBoolean());
        answer.get("matches").forEach(m -> assertEquals("IRQ", m.get("iso3").asText()));
        assertTrue(answer.get("matches").get(0).get("versions").asInt() >= 1);

        JsonNode one = get("/api/search?kind=hazards&state_party=IRQ&q=" + someId.toLowerCase(), 200);
        assertEquals(List.of(someId), ids(one));
    }

    @Test
    void withoutAStatePartyEveryStatePartyIsSearchedUpToTheLimit() throws Exception {
        String laoId = hazardIds("LAO", "").get(0);
        JsonNode lao = get("/api/search?q=" + laoId.toLowerCase(), 200); // kind defaults to hazards
        assertEquals(List.of(laoId), ids(lao));
        assertEquals("LAO", lao.get("matches").get(0).get("iso3").asText());

        JsonNode all = get("/api/search?kind=hazards&q=" + laoId.substring(0, 1), 200);
        assertEquals(20, all.get("matches").size());
        assertTrue(all.get("limitReached").asBoolean());
    }

    @Test
    void likeWildcardsInTheQueryAreTakenLiterally() throws Exception {
        String id = hazardIds("IRQ", "").get(0);
        int dash = id.indexOf('-');
        assertTrue(dash > 0, id);
        String withWildcard = id.substring(0, dash) + "_";
        assertEquals(List.of(), ids(get("/api/search?kind=hazards&q=" + withWildcard, 200)));
        assertEquals(List.of(), ids(get("/api/search?kind=hazards&q=%25", 200)));
    }

    @Test
    void aMissingQueryOrAnUnknownKindIsABadRequest() throws Exception {
        assertEquals("q", get("/api/search?kind=hazards", 400).get("parameter").asText());
        assertEquals("kind", get("/api/search?kind=mines&q=a", 400).get("parameter").asText());
        assertEquals("state_party", get("/api/search?q=a&state_party=XX1", 400).get("parameter").asText());
    }

    @Test
    void aPrefixIsAnsweredThroughTheIndexOnTheLowerCaseId() throws Exception {
        for (var kind : org.clearancemap.land.LandKind.values()) {
            for (String iso3 : new String[] {null, "LAO"}) {
                StringBuilder plan = new StringBuilder();
                try (Connection c = db.connect(); var st = c.createStatement()) {
                    st.execute("SET enable_seqscan = off");
                    // EXPLAIN of the exact query the server runs, with the same bound values
                    try (PreparedStatement ps = org.clearancemap.land.LandRepository.prepareFindByPrefix(c, kind, iso3, "Lao-H1", 20);
                         ResultSet rs = st.executeQuery("EXPLAIN " + ps)) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                }
                assertTrue(plan.toString().contains("_external_id_lower"), kind + " " + iso3 + "\n" + plan);
            }
        }
    }
}
