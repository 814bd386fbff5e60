package org.clearancemap.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * The read DataSource: a connection to the hot standby when it can serve the read, else one to
 * the primary.
 *
 * <p>Rules, in order:
 * <ul>
 *   <li>Without a standby every connection is the primary's.</li>
 *   <li>While the primary is unreachable, reads go to the standby (nothing newer can be committed).</li>
 *   <li>While the standby is unreachable, reads go to the primary; a connection to the standby that
 *       cannot be had marks it unreachable until the watch ({@link StandbyWatch}) reaches it again.</li>
 *   <li>A write announced to {@link #awaitReplay} (its commit's WAL position, from this server or
 *       heard through the notices) sends every read to the primary until the standby has replayed
 *       that position: a figure never shows the state before a write that was acknowledged or
 *       heard of.</li>
 *   <li>While the server does not hear the notices, it cannot know what others wrote: reads go to
 *       the primary.</li>
 * </ul>
 */
public final class ReadRouting implements DataSource {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ReadRouting.class);
    /** WAL position of no write yet. */
    static final long NONE = -1;
    /** Stands for the position of a write whose position could not be read: the primary's current one, once known. */
    static final long UNKNOWN = Long.MAX_VALUE;

    private final DataSource primary;
    private final DataSource standby;
    private final AtomicLong awaited = new AtomicLong(NONE);
    private final AtomicLong replayed = new AtomicLong(NONE);
    private volatile boolean standbyUp = true;
    private volatile boolean primaryUp = true;
    private volatile BooleanSupplier hearsWrites = () -> true;

    /** Reads from {@code standby} when it can serve them; {@code standby} null: every read from {@code primary}. */
    ReadRouting(DataSource primary, DataSource standby) {
        this.primary = primary;
        this.standby = standby;
    }

    /** Whether a standby is configured. */
    public boolean hasStandby() {
        return standby != null;
    }

    /** Tells whether the notices of every server's writes are heard now (the notice listener's state). */
    public void hearsWritesWhile(BooleanSupplier listening) {
        this.hearsWrites = listening;
    }

    /** A write committed at WAL position {@code lsn} (see {@link Lsn}): reads go to the primary until it is replayed. */
    public void awaitReplay(long lsn) {
        awaited.accumulateAndGet(lsn, Math::max);
    }

    /**
     * Reads the primary's current WAL position, after a write of this server committed, and awaits
     * its replay. When the primary cannot tell, the position is taken as unknown: reads go to the
     * primary (while it is reachable) until it can.
     */
    public void awaitReplayOfPrimary() {
        if (standby == null) {
            return;
        }
        try (Connection c = primary.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            awaitReplay(Lsn.parse(rs.getString(1)));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot read the primary's WAL position after a write ({}); reads stay on the primary until it can",
                    e.toString());
            awaited.set(UNKNOWN);
        }
    }

    /** What the watch found: the primary's position replaces an unknown awaited one. */
    void primarySeen(boolean up, long currentLsn) {
        primaryUp = up;
        if (up && currentLsn != NONE) {
            awaited.compareAndSet(UNKNOWN, currentLsn);
        }
    }

    /** What the watch found of the standby: reachable or not, and its replay position when reachable. */
    void standbySeen(boolean up, long replayLsn) {
        if (up != standbyUp) {
            if (up) {
                LOG.info("standby reachable again: reads go to it");
            } else {
                LOG.warn("standby unreachable: reads go to the primary");
            }
        }
        standbyUp = up;
        if (up && replayLsn != NONE) {
            replayed.accumulateAndGet(replayLsn, Math::max);
        }
    }

    /** Whether reads wait for the standby to replay a write (and go to the primary meanwhile). */
    boolean catchingUp() {
        return replayed.get() < awaited.get();
    }

    /** For {@code /health}: where reads go now. */
    Map<String, Object> describe() {
        var out = new LinkedHashMap<String, Object>();
        out.put("reads", standby == null ? "primary" : readsFromStandby() ? "standby" : "primary");
        out.put("catchingUp", catchingUp());
        return out;
    }

    private boolean readsFromStandby() {
        return standbyUp && (!primaryUp || (hearsWrites.getAsBoolean() && !catchingUp()));
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (standby == null) {
            return primary.getConnection();
        }
        if (standbyUp && (!primaryUp || hearsWrites.getAsBoolean())) {
            Connection c = standbyConnection();
            if (c != null) {
                if (!primaryUp || !catchingUp() || replayedNow(c)) {
                    return c;
                }
                c.close();
            }
        }
        try {
            return primary.getConnection();
        } catch (SQLException e) {
            if (!standbyUp || !unreachable(e)) {
                throw e;
            }
            primaryUp = false;
            LOG.warn("primary unreachable ({}): reads go to the standby", e.getMessage());
            return standby.getConnection();
        }
    }

    /**
     * Whether {@code e} says the database cannot be reached (connection refused or broken, class
     * 08; shutting down, 57P), not only that the pool had no connection free in time: a busy
     * primary is not a lost one, and reads that must see a write do not leave it.
     */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    private Connection standbyConnection() {
        try {
            return standby.getConnection();
        } catch (SQLException e) {
            standbySeen(false, NONE);
            return null;
        }
    }

    /** Whether {@code c} (the standby's) has replayed what reads wait for; asks it. */
    private boolean replayedNow(Connection c) {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_last_wal_replay_lsn()::text")) {
            rs.next();
            String lsn = rs.getString(1);
            if (lsn != null) {
                replayed.accumulateAndGet(Lsn.parse(lsn), Math::max);
            }
            return !catchingUp();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the read pool has one role");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return primary.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        primary.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        primary.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return primary.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return primary.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
