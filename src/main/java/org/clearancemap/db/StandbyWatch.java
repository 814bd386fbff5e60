package org.clearancemap.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the primary and the standby every second where they are, on two threads of its own (one
 * that waits for an unreachable host never delays the other), and tells {@link ReadRouting}: the
 * primary's WAL position and the standby's replay position, whether each answers. Keeps the
 * standby's replay lag for {@code /health}, in bytes (the primary's position less the standby's
 * replay position; received less replayed while the primary is unreachable) and in seconds (since
 * the last replayed transaction committed, 0 when everything received is replayed), and logs when
 * the lag passes the warning threshold and when it is back under.
 */
final class StandbyWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandbyWatch.class);
    private static final Duration EVERY = Duration.ofSeconds(1);
    private static final String PRIMARY = "SELECT pg_current_wal_lsn()::text";
    private static final String STANDBY = """
            SELECT pg_is_in_recovery(), pg_last_wal_receive_lsn()::text, pg_last_wal_replay_lsn()::text,
                   CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                        ELSE COALESCE(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END
            """;

    private final DataSource primary;
    private final DataSource standby;
    private final ReadRouting routing;
    private final double warnSeconds;
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "standby watch");
        t.setDaemon(true);
        return t;
    });
    private volatile long primaryLsn = ReadRouting.NONE;
    private volatile Map<String, Object> standbyState = Map.of("state", "unknown");
    private volatile boolean lagWarned;

    StandbyWatch(DataSource primary, DataSource standby, ReadRouting routing, Duration warnLag) {
        this.primary = primary;
        this.standby = standby;
        this.routing = routing;
        this.warnSeconds = warnLag.toMillis() / 1000.0;
    }

    void start() {
        threads.scheduleWithFixedDelay(this::watchPrimary, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        threads.scheduleWithFixedDelay(this::watchStandby, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code {"state": "up"|"down"|"unknown", "lagBytes": .., "lagSeconds": .., "reads": "standby"|"primary", ...}}. */
    Map<String, Object> state() {
        var out = new LinkedHashMap<>(standbyState);
        out.putAll(routing.describe());
        return out;
    }

    private void watchPrimary() {
        try (Connection c = primary.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(PRIMARY)) {
            rs.next();
            primaryLsn = Lsn.parse(rs.getString(1));
            routing.primarySeen(true, primaryLsn);
        } catch (SQLException | RuntimeException e) {
            if (ReadRouting.unreachable(e)) {
                primaryLsn = ReadRouting.NONE;
                routing.primarySeen(false, ReadRouting.NONE);
            }
        }
    }

    private void watchStandby() {
        try (Connection c = standby.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(STANDBY)) {
            rs.next();
            boolean inRecovery = rs.getBoolean(1);
            String received = rs.getString(2);
            String replayedText = rs.getString(3);
            if (!inRecovery || replayedText == null) {
                standbyState = Map.of("state", "not-a-standby");
                routing.standbySeen(false, ReadRouting.NONE);
                return;
            }
            long replayed = Lsn.parse(replayedText);
            long ahead = primaryLsn != ReadRouting.NONE ? primaryLsn : received == null ? replayed : Lsn.parse(received);
            double lagSeconds = Math.round(rs.getDouble(4) * 1000) / 1000.0;
            var state = new LinkedHashMap<String, Object>();
            state.put("state", "up");
            state.put("lagBytes", Math.max(0, ahead - replayed));
            state.put("lagSeconds", lagSeconds);
            state.put("replayLsn", replayedText);
            standbyState = state;
            routing.standbySeen(true, replayed);
            warnOfLag(lagSeconds);
        } catch (SQLException | RuntimeException e) {
            standbyState = Map.of("state", "down");
            routing.standbySeen(false, ReadRouting.NONE);
        }
    }

    private void warnOfLag(double lagSeconds) {
        if (lagSeconds > warnSeconds && !lagWarned) {
            lagWarned = true;
            LOG.warn("standby replay lag {} s, over {} s (STANDBY_LAG_WARN_S)", lagSeconds, warnSeconds);
        } else if (lagSeconds <= warnSeconds && lagWarned) {
            lagWarned = false;
            LOG.info("standby replay lag {} s, back under {} s", lagSeconds, warnSeconds);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
