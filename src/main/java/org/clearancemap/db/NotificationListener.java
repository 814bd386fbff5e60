package org.clearancemap.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL notification channels on a connection of its own, outside the pool, and
 * hands each notice's payload to its channel's consumer, in the order the database sent them
 * (the order the announcing transactions committed). While the connection is down it tries again
 * every few seconds; on every (re)connection it runs {@code onConnect}, since notices sent
 * meanwhile were not heard.
 */
public class NotificationListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
    private static final int WAIT_MS = 500;
    private static final long RETRY_MS = 2_000;

    private final String url;
    private final String what;
    private final Properties properties = new Properties();
    private final Map<String, Consumer<String>> channels;
    private final Runnable onConnect;
    private final LongConsumer primaryPosition;
    private volatile boolean closed;
    private volatile Connection connection;
    private volatile boolean listening;
    private final CountDownLatch firstConnection = new CountDownLatch(1);
    private Thread thread;

    /**
     * @param what      what is listened for, for the log and the connection's application name
     * @param channels  per channel (a plain lower-case identifier), what to do with a notice's payload
     * @param onConnect run on each (re)connection: notices may have been missed
     */
    public NotificationListener(String url, String user, String password, String what,
            Map<String, Consumer<String>> channels, Runnable onConnect) {
        this(url, user, password, what, channels, onConnect, null);
    }

    /**
     * The same, and {@code primaryPosition} hears the database's WAL position (see {@link Lsn}) on
     * each (re)connection and before each batch of notices is handed on: at least that of every
     * write the batch announces (a notice is sent once its transaction has committed), so a read
     * routed to a standby can wait for it ({@link ReadRouting#awaitReplay}).
     */
    public NotificationListener(String url, String user, String password, String what,
            Map<String, Consumer<String>> channels, Runnable onConnect, LongConsumer primaryPosition) {
        for (String channel : channels.keySet()) {
            if (!channel.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain channel name: " + channel);
            }
        }
        this.url = url;
        this.what = what;
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "clearance-map " + what);
        this.channels = new LinkedHashMap<>(channels);
        this.onConnect = onConnect;
        this.primaryPosition = primaryPosition;
    }

    /** Whether it is connected and listening now: no notice sent from now on will be missed while this stays true. */
    public boolean listening() {
        return listening;
    }

    /**
     * Waits until it has connected once (its first {@code onConnect} has run), at most
     * {@code timeout}; whether it has. Work whose results {@code onConnect} would drop (a warm-up of
     * caches) waits for this first.
     */
    public boolean awaitFirstConnection(Duration timeout) {
        try {
            return firstConnection.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public synchronized void start() {
        if (thread == null && !closed) {
            thread = new Thread(this::run, "listening: " + what);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        boolean warned = false;
        while (!closed) {
            try (Connection c = DriverManager.getConnection(url, properties)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    for (String channel : channels.keySet()) {
                        s.execute("LISTEN " + channel);
                    }
                }
                tellPosition(c);
                onConnect.run();
                listening = true;
                firstConnection.countDown();
                if (warned) {
                    LOG.info("listening for {} again", what);
                    warned = false;
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(WAIT_MS);
                    if (notes != null && notes.length > 0) {
                        tellPosition(c);
                        for (PGNotification n : notes) {
                            Consumer<String> consumer = channels.get(n.getName());
                            if (consumer != null) {
                                consumer.accept(n.getParameter());
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                if (!warned) {
                    LOG.warn("not listening for {} ({}); trying again every {} s", what, e.toString(), RETRY_MS / 1000);
                    warned = true;
                }
                try {
                    Thread.sleep(RETRY_MS);
                } catch (InterruptedException ie) {
                    break;
                }
            } finally {
                listening = false;
                connection = null;
            }
        }
    }

    private void tellPosition(Connection c) throws SQLException {
        if (primaryPosition == null) {
            return;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            primaryPosition.accept(Lsn.parse(rs.getString(1)));
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = thread;
        }
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
