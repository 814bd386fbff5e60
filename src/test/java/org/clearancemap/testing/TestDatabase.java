package org.clearancemap.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.clearancemap.config.Config;
import org.clearancemap.db.Database;

/**
 * A fresh PostGIS database for one test class, cloned from a template that has the PostGIS
 * extension, with every migration applied; dropped on {@link #close()}.
 *
 * <p>Where the server lives comes from {@code TEST_DATABASE_URL} (a JDBC URL of any database on
 * that server, used to create and drop the test databases), {@code TEST_DATABASE_USER},
 * {@code TEST_DATABASE_PASSWORD} and {@code TEST_DATABASE_TEMPLATE}. {@code scripts/test.sh}
 * sets them. Without them the test fails with a message saying so; it never skips.
 */
public final class TestDatabase implements AutoCloseable {
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String name;
    private final Config config;
    private final Database database;

    private TestDatabase(String adminUrl, String user, String password, String name, Config config, Database database) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.name = name;
        this.config = config;
        this.database = database;
    }

    /** Creates, migrates and opens a database named after the test class. */
    public static TestDatabase create(Class<?> testClass) {
        String adminUrl = required("TEST_DATABASE_URL");
        String user = required("TEST_DATABASE_USER");
        String password = System.getenv().getOrDefault("TEST_DATABASE_PASSWORD", "");
        String template = System.getenv().getOrDefault("TEST_DATABASE_TEMPLATE", "clearance_test_template");
        String name = ("t_" + testClass.getSimpleName() + "_" + Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffL, 36))
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " from template " + template
                    + " at " + adminUrl + " as " + user + ": " + e.getMessage()
                    + ". Run the tests with scripts/test.sh, which starts the local PostGIS cluster.", e);
        }
        String url = adminUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
        Config config = Config.fromEnv(Map.of()).withDatabase(url, user, password).withPort(0);
        Database database = Database.open(config);
        database.migrate();
        return new TestDatabase(adminUrl, user, password, name, config, database);
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set. The tests need a real PostGIS server: run them with "
                    + "scripts/test.sh (it starts a local PostGIS cluster and sets TEST_DATABASE_URL, "
                    + "TEST_DATABASE_USER, TEST_DATABASE_PASSWORD and TEST_DATABASE_TEMPLATE), or set them yourself.");
        }
        return value;
    }

    public Config config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public String name() {
        return name;
    }

    /** A direct connection (not from the pool) for independent checks. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(config.databaseUrl(), user, password);
    }

    /**
     * Deletes every hazard, upload and audit event, so that the next test of the class starts
     * empty. The audit trail is append-only (V40 triggers); only a test, as the tables' owner,
     * lifts that for its own cleanup.
     */
    public void forgetHazardsAndUploads() throws SQLException {
        try (Connection c = connect(); var st = c.createStatement()) {
            st.execute("ALTER TABLE audit_event DISABLE TRIGGER USER; DELETE FROM hazard; DELETE FROM audit_event; "
                    + "DELETE FROM upload; ALTER TABLE audit_event ENABLE TRIGGER USER");
        }
    }

    @Override
    public void close() {
        database.close();
        // An autovacuum worker (after a large load) cannot be terminated by a non-superuser, so
        // DROP ... WITH (FORCE) fails while one runs: try again for a few seconds.
        for (int attempt = 1; ; attempt++) {
            try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                 Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return;
            } catch (SQLException e) {
                if (attempt >= 20) {
                    throw new IllegalStateException("cannot drop test database " + name, e);
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dropping test database " + name, e);
            }
        }
    }
}
