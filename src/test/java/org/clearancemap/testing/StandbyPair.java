package org.clearancemap.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.clearancemap.config.Config;
import org.clearancemap.db.Database;

/**
 * A PostgreSQL primary and a streaming hot standby of it, made for one test class on free
 * loopback ports by {@code scripts/topology.sh databases} (the same script that starts the
 * topology by hand), with every migration applied; both dropped on {@link #close()}. Needs root,
 * as the script does (PostgreSQL itself runs as the postgres user).
 */
public final class StandbyPair implements AutoCloseable {
    public static final String USER = "clearance";
    public static final String PASSWORD = "clearance";
    private static final String PG_VERSION = "15";

    private final Map<String, String> env;
    private final String name;
    private final int primaryPort;
    private final int standbyPort;

    private StandbyPair(Map<String, String> env, String name, int primaryPort, int standbyPort) {
        this.env = env;
        this.name = name;
        this.primaryPort = primaryPort;
        this.standbyPort = standbyPort;
    }

    /** Creates and starts both clusters, applies the migrations; lets {@code clearance} pause and resume replay. */
    public static StandbyPair create() throws IOException, InterruptedException {
        String name = "cmt" + Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffL, 36);
        int primaryPort = freePort();
        int standbyPort = freePort();
        Path runDir = Files.createTempDirectory("standby-pair");
        var env = Map.of("TOPOLOGY_NAME", name, "TOPOLOGY_PRIMARY_PORT", String.valueOf(primaryPort),
                "TOPOLOGY_STANDBY_PORT", String.valueOf(standbyPort), "TOPOLOGY_RUN_DIR", runDir.toString());
        var pair = new StandbyPair(env, name, primaryPort, standbyPort);
        try {
            run(env, List.of("scripts/topology.sh", "databases"));
            // the tests hold replay to see what reads do while the standby is behind
            run(Map.of(), List.of("runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                    "-h", "/var/run/postgresql", "-p", String.valueOf(primaryPort), "-d", "clearance", "-c",
                    "GRANT EXECUTE ON FUNCTION pg_wal_replay_pause(), pg_wal_replay_resume() TO " + USER));
            try (Database db = Database.open(Config.fromEnv(Map.of()).withDatabase(pair.primaryUrl(), USER, PASSWORD))) {
                db.migrate();
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            pair.close();
            throw e;
        }
        return pair;
    }

    public String primaryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/clearance";
    }

    public String standbyUrl() {
        return "jdbc:postgresql://127.0.0.1:" + standbyPort + "/clearance";
    }

    /** A server's settings: writes to the primary; reads from the standby when {@code readFromStandby}. */
    public Config config(boolean readFromStandby) {
        return config(readFromStandby, Map.of("WRITE_RATE_PER_MINUTE", "100000"));
    }

    /** The same with other settings from {@code env}, as the environment would give them. */
    public Config config(boolean readFromStandby, Map<String, String> env) {
        return Config.fromEnv(env)
                .withDatabase(primaryUrl(), USER, PASSWORD)
                .withReadDatabase(readFromStandby ? standbyUrl() : "")
                .withPort(0);
    }

    public Connection connectPrimary() throws SQLException {
        return DriverManager.getConnection(primaryUrl(), USER, PASSWORD);
    }

    public Connection connectStandby() throws SQLException {
        return DriverManager.getConnection(standbyUrl(), USER, PASSWORD);
    }

    /** The standby stops applying what it receives (it still answers reads, of the state it has). */
    public void pauseReplay() throws SQLException {
        try (Connection c = connectStandby(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_pause()");
        }
    }

    public void resumeReplay() throws SQLException {
        try (Connection c = connectStandby(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_resume()");
        }
    }

    public void stopPrimary() throws IOException, InterruptedException {
        pgCtl(name + "_primary", "stop");
    }

    public void startPrimary() throws IOException, InterruptedException {
        pgCtl(name + "_primary", "start");
    }

    public void stopStandby() throws IOException, InterruptedException {
        pgCtl(name + "_standby", "stop");
    }

    public void startStandby() throws IOException, InterruptedException {
        pgCtl(name + "_standby", "start");
    }

    /** Sets {@code setting} on the standby ({@code ALTER SYSTEM}, then a reload); {@code null} resets it. */
    public void setOnStandby(String setting, String value) throws IOException, InterruptedException {
        if (!setting.matches("[a-z_]+") || (value != null && !value.matches("[a-z0-9]+"))) {
            throw new IllegalArgumentException("not a plain setting: " + setting + " = " + value);
        }
        run(Map.of(), List.of("runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", "/var/run/postgresql", "-p", String.valueOf(standbyPort), "-d", "postgres",
                "-c", value == null ? "ALTER SYSTEM RESET " + setting : "ALTER SYSTEM SET " + setting + " = '" + value + "'",
                "-c", "SELECT pg_reload_conf()"));
    }

    /** The standby becomes a primary of its own (after {@link #stopPrimary}, a switchover). */
    public void promoteStandby() throws IOException, InterruptedException {
        pgCtl(name + "_standby", "promote");
    }

    private void pgCtl(String cluster, String action) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("pg_ctlcluster", PG_VERSION, cluster, action));
        if (action.equals("stop")) {
            command.addAll(List.of("-m", "fast"));
        }
        run(Map.of(), command);
    }

    @Override
    public void close() {
        try {
            run(env, List.of("scripts/topology.sh", "remove"));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot remove the clusters of " + name, e);
        }
    }

    private static void run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (it needs root): " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
