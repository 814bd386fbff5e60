package org.clearancemap.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.clearancemap.testing.SqlFixture;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Writes made outside the server (plain SQL here; another process, a restore) reach the figures
 * it has cached: the database announces the State Parties each write touched (migration V42) and
 * the server's listener forgets their figures. Without it the server would answer its cached
 * figures until restarted. No test measures time: each waits for the answer it expects (the class
 * timeout only stops a hang).
 */
@Timeout(120)
class ChangesOutsideTheServerTest {
    private static final String NEW_HAZARD = "POLYGON((105.3 15.3,105.302 15.3,105.302 15.302,105.3 15.302,105.3 15.3))";
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.create(ChangesOutsideTheServerTest.class);
        SqlFixture.run(db, "/progress/edge-cases.sql");
        server = TestServer.start(db).asAdmin(db);
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static double footprint(String iso3) throws Exception {
        return server.json("/api/state-parties/" + iso3).get("footprintSqm").asDouble();
    }

    private static double sql(String query) throws Exception {
        try (Connection c = db.database().dataSource().getConnection(); Statement st = c.createStatement()) {
            if (!query.stripLeading().toUpperCase().startsWith("SELECT")) {
                st.executeUpdate(query);
                return Double.NaN;
            }
            try (ResultSet rs = st.executeQuery(query)) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    /** Asks for the footprint until it is no longer {@code before}. */
    private static double nextFootprint(String iso3, double before) throws Exception {
        while (true) {
            double now = footprint(iso3);
            if (now != before) {
                return now;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aHazardInsertedAndDeletedWithPlainSqlReachesTheFigures() throws Exception {
        double before = footprint("ZMD");
        assertEquals(before, footprint("ZMD"), "the figures are cached");
        double added = sql("SELECT ST_Area('" + NEW_HAZARD + "'::geography)");
        sql("INSERT INTO hazard (iso3, external_id, version, classification, recorded_on, geom4326, area_sqm) "
                + "VALUES ('ZMD', 'outside-the-server', 1, 'SHA', '2016-01-01', ST_Multi(ST_GeomFromText('" + NEW_HAZARD
                + "', 4326)), " + added + ")");
        double after = nextFootprint("ZMD", before);
        assertEquals(before + added, after, 1e-6 * after, "the new hazard, disjoint from the others, adds its area");

        sql("DELETE FROM hazard WHERE iso3 = 'ZMD' AND external_id = 'outside-the-server'");
        assertEquals(before, nextFootprint("ZMD", after), 1e-6 * before);
    }

    /** One notice per State Party per statement, after the commit, for inserts, updates and deletes of both tables. */
    @Test
    void theDatabaseNamesEachStatePartyAWriteTouched() throws Exception {
        try (Connection listen = db.database().dataSource().getConnection();
             Connection write = db.database().dataSource().getConnection()) {
            try (Statement st = listen.createStatement()) {
                st.execute("LISTEN " + ProgressCache.CHANGES);
            }
            write.setAutoCommit(false);
            try (Statement st = write.createStatement()) {
                st.executeUpdate("UPDATE hazard SET external_id = external_id WHERE iso3 IN ('ZMD', 'ZOV')");
                st.executeUpdate("UPDATE land_release SET external_id = external_id WHERE iso3 = 'ZMD'");
            }
            assertTrue(notices(listen).isEmpty(), "nothing is announced before the commit");
            write.commit();
            List<String> heard = new ArrayList<>();
            while (heard.size() < 2) {
                heard.addAll(notices(listen));
            }
            assertEquals(Set.of("ZMD", "ZOV"), new TreeSet<>(heard), "both State Parties, each once (same payloads are merged)");
            assertEquals(2, heard.size());
            write.setAutoCommit(true);
            try (Statement st = write.createStatement()) {
                st.executeUpdate("DELETE FROM land_release WHERE iso3 = 'ZZZ'");
            }
            assertTrue(notices(listen).isEmpty(), "a statement that changes no row names no State Party");
        }
    }

    private static List<String> notices(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        PGNotification[] notes = c.unwrap(PGConnection.class).getNotifications(300);
        if (notes != null) {
            for (PGNotification n : notes) {
                out.add(n.getParameter());
            }
        }
        return out;
    }
}
