package org.clearancemap.ogc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.clearancemap.testing.TestDatabase;

/** Loads {@code ogc/fixture.sql}: hazards and releases in LAO, and one hazard across the antimeridian in SOM. */
final class OgcFixture {
    /** Current hazards in the fixture (LAO-H1, LAO-H2, it's "H3" v2, SOM-AM). */
    static final int CURRENT_HAZARDS = 4;
    /** Current releases in the fixture (LAO-R1, LAO-R2 v2, LAO-R3). */
    static final int CURRENT_RELEASES = 3;

    private OgcFixture() {
    }

    static void load(TestDatabase db) throws IOException, SQLException {
        String sql;
        try (InputStream in = OgcFixture.class.getResourceAsStream("/ogc/fixture.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
