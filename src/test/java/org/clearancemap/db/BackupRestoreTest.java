package org.clearancemap.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.clearancemap.config.Config;
import org.clearancemap.auth.Role;
import org.clearancemap.demo.DemoLoader;
import org.clearancemap.testing.TestDatabase;
import org.clearancemap.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backup and restore of the README, run once: {@code pg_dump -Fc} of a database holding the
 * demo dataset, tokens and audit events, {@code pg_restore} into a fresh database, then every
 * table's row count and a checksum of every geometry compared.
 */
class BackupRestoreTest {
    private static TestDatabase source;
    private static String restoredName;
    private static Path work;

    @BeforeAll
    static void fill() throws Exception {
        source = TestDatabase.create(BackupRestoreTest.class);
        new DemoLoader(source.database().dataSource()).load();
        new Tokens(source).issue("backup operator", Role.OPERATOR, "LAO");
        new Tokens(source).revoked("old admin", Role.ADMIN);
        work = Files.createTempDirectory("clearance-backup");
        restoredName = source.name() + "_restored";
    }

    @AfterAll
    static void drop() throws Exception {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + restoredName + " WITH (FORCE)");
        } finally {
            source.close();
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(work);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(System.getenv("TEST_DATABASE_URL"), System.getenv("TEST_DATABASE_USER"),
                System.getenv().getOrDefault("TEST_DATABASE_PASSWORD", ""));
    }

    /** Runs a PostgreSQL client program against the test server; fails with its output when it fails. */
    private static String run(List<String> command, Path output) throws IOException, InterruptedException {
        URI url = URI.create(source.config().databaseUrl().substring("jdbc:".length()));
        var args = new ArrayList<>(command);
        args.addAll(1, List.of("-h", url.getHost(), "-p", Integer.toString(url.getPort()), "-U",
                source.config().databaseUser()));
        var pb = new ProcessBuilder(args).redirectErrorStream(output == null);
        pb.environment().put("PGPASSWORD", source.config().databasePassword());
        if (output != null) {
            pb.redirectOutput(output.toFile());
            pb.redirectError(ProcessBuilder.Redirect.PIPE);
        }
        Process p = pb.start();
        String text = new String(output == null ? p.getInputStream().readAllBytes() : p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed: " + text);
        return text;
    }

    /** Row count of every table of the schema, and a checksum of every geometry column. */
    private static Map<String, String> fingerprint(Connection c) throws SQLException {
        var print = new TreeMap<String, String>();
        List<String> tables = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys'""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        try (Statement st = c.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    print.put(table + " rows", rs.getString(1));
                }
            }
            for (String table : List.of("hazard", "land_release")) {
                try (ResultSet rs = st.executeQuery("SELECT md5(string_agg(md5(ST_AsEWKB(geom4326)::text), '' ORDER BY id)) FROM "
                        + table)) {
                    rs.next();
                    print.put(table + " geometry md5", rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT md5(string_agg(token_hash || coalesce(revoked_at::text, ''), '' ORDER BY id)) FROM api_token")) {
                rs.next();
                print.put("api_token md5", rs.getString(1));
            }
        }
        return print;
    }

    @Test
    void aDumpRestoredIntoAFreshDatabaseHasEveryRowAndTheSameGeometries() throws Exception {
        Path dump = work.resolve("clearance.dump");
        run(List.of("pg_dump", "-Fc", "--no-owner", "-f", dump.toString(), source.name()), null);

        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + restoredName + " TEMPLATE "
                    + System.getenv().getOrDefault("TEST_DATABASE_TEMPLATE", "clearance_test_template"));
        }
        // the fresh database already has PostGIS (created by a superuser): leave its extension alone
        Path list = work.resolve("restore.list");
        String contents = run(List.of("pg_restore", "-l", dump.toString()), null);
        Files.writeString(list, String.join("\n", contents.lines()
                .filter(l -> !l.matches(".* EXTENSION .*") && !l.contains("spatial_ref_sys")).toList()) + "\n");
        run(List.of("pg_restore", "--no-owner", "--exit-on-error", "-L", list.toString(), "-d", restoredName,
                dump.toString()), null);

        String restoredUrl = source.config().databaseUrl().replace("/" + source.name(), "/" + restoredName);
        Map<String, String> before;
        Map<String, String> after;
        try (Connection c = source.connect()) {
            before = fingerprint(c);
        }
        try (Connection c = DriverManager.getConnection(restoredUrl, source.config().databaseUser(),
                source.config().databasePassword())) {
            after = fingerprint(c);
        }
        assertTrue(Integer.parseInt(before.get("hazard rows")) > 1000, before.toString());
        assertTrue(Integer.parseInt(before.get("audit_event rows")) > 0, before.toString());
        assertEquals(before, after);

        Config restored = source.config().withDatabase(restoredUrl, source.config().databaseUser(),
                source.config().databasePassword());
        try (Database db = Database.open(restored)) {
            assertEquals(0, db.migrate().migrationsExecuted, "the restored schema is at the latest version");
        }
    }
}
