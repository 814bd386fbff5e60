package org.clearancemap.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs a .sql fixture from the test classpath against a {@link TestDatabase}. */
public final class SqlFixture {
    private SqlFixture() {
    }

    public static void run(TestDatabase db, String resource) throws IOException, SQLException {
        try (InputStream in = SqlFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + resource + " on the test classpath");
            }
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }
}
