package org.clearancemap.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.clearancemap.config.Config;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool and the schema.
 *
 * <p>The pool is created without touching the database so that a server can start, answer
 * {@code /health} with 503 and recover by itself when PostgreSQL comes back. Every connection has
 * the configured statement timeout. With {@code DATABASE_READ_URL} a second pool, on the hot
 * standby, serves the routed reads ({@link #reads()}).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final HikariDataSource standbyPool;
    private final ReadRouting reads;
    private final StandbyWatch watch;

    private Database(HikariDataSource pool, HikariDataSource standbyPool, Duration lagWarn) {
        this.pool = pool;
        this.standbyPool = standbyPool;
        this.reads = new ReadRouting(pool, standbyPool);
        this.watch = standbyPool == null ? null : new StandbyWatch(pool, standbyPool, reads, lagWarn);
        if (watch != null) {
            watch.start();
        }
    }

    /** A pool on the configured database, and one on the standby when {@code DATABASE_READ_URL} names one; connects lazily. */
    public static Database open(Config config) {
        String readUrl = config.databaseReadUrl();
        return new Database(pool("clearance-map", config.databaseUrl(), config),
                readUrl.isEmpty() ? null : pool("clearance-map standby", readUrl, config),
                Duration.ofSeconds(config.standbyLagWarnS()));
    }

    private static HikariDataSource pool(String name, String url, Config config) {
        var hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setJdbcUrl(url);
        hikari.setUsername(config.databaseUser());
        hikari.setPassword(config.databasePassword());
        hikari.setMaximumPoolSize(config.dbPoolSize());
        hikari.setMinimumIdle(Math.min(2, config.dbPoolSize()));
        hikari.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
        hikari.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        hikari.setInitializationFailTimeout(-1);
        var props = new Properties();
        props.setProperty("options", "-c statement_timeout=" + config.statementTimeoutMs());
        props.setProperty("connectTimeout", "3");
        // a server that accepts but never answers (a half-dead host) must not hold a pool thread for long
        props.setProperty("loginTimeout", "5");
        props.setProperty("socketTimeout", String.valueOf(config.statementTimeoutMs() / 1000 + 30));
        props.setProperty("ApplicationName", name);
        props.setProperty("reWriteBatchedInserts", "true");
        hikari.setDataSourceProperties(props);
        return new HikariDataSource(hikari);
    }

    /** The primary's pool: writes, uploads, migrations, and reads that are not routed. */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * The DataSource of the routed reads (map layers, OGC, tiles, reports, the geometry the figures
     * are computed from): the standby's pool when it can serve them, else the primary's (see
     * {@link ReadRouting}); the primary's alone without {@code DATABASE_READ_URL}.
     */
    public ReadRouting reads() {
        return reads;
    }

    /**
     * For {@code /health}: null without a standby, else its state ({@code "up"}, {@code "down"})
     * with its replay lag ({@code lagBytes}, {@code lagSeconds}) and where reads go now.
     */
    public Map<String, Object> standbyState() {
        return watch == null ? null : watch.state();
    }

    /**
     * Waits until the database answers, at most {@code maxWait}; fails with a message that says
     * where it looked and what to do.
     */
    public void awaitReachable(Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        SQLException last = null;
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            try (Connection c = pool.getConnection()) {
                if (c.isValid(2)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
                if (attempt++ % 5 == 0) {
                    LOG.warn("database not reachable yet at {}: {}", pool.getJdbcUrl(), e.getMessage());
                }
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("Cannot reach the database at " + pool.getJdbcUrl() + " as "
                + pool.getUsername() + " after " + maxWait.toSeconds() + " s"
                + (last == null ? "" : " (" + last.getMessage() + ")")
                + ". Start it with scripts/db.sh, or set DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD.", last);
    }

    /** Applies the migrations of {@code sql/} (packaged as {@code db/migration}). */
    public MigrateResult migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        var current = flyway.info().current();
        LOG.info("schema at version {} ({} migrations applied now)",
                current == null ? "none" : current.getVersion(), result.migrationsExecuted);
        return result;
    }

    /** True when a connection can be had and answers within two seconds. */
    public boolean isUp() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
            standbyPool.close();
        }
        pool.close();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }
}
