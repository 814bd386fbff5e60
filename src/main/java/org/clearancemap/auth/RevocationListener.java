package org.clearancemap.auth;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on channel {@code api_token_revoked} (migration V41 announces every revocation there,
 * whoever makes it) on a connection of its own, outside the pool, and tells {@link Auth} to forget
 * the token at once instead of after {@code AUTH_CACHE_SECONDS}. While the connection is down it
 * tries again every few seconds; on every (re)connection the whole token cache is dropped, since
 * revocations made meanwhile were not heard.
 */
public final class RevocationListener implements AutoCloseable {
    static final String CHANNEL = "api_token_revoked";
    private static final Logger LOG = LoggerFactory.getLogger(RevocationListener.class);
    private static final int WAIT_MS = 500;
    private static final long RETRY_MS = 2_000;

    private final String url;
    private final Properties properties = new Properties();
    private final LongConsumer revoked;
    private final Runnable heardNothingFor;
    private volatile boolean closed;
    private volatile Connection connection;
    private Thread thread;

    /**
     * @param revoked        told each revoked token id
     * @param heardNothingFor told on each (re)connection: revocations may have been missed
     */
    public RevocationListener(String url, String user, String password, LongConsumer revoked, Runnable heardNothingFor) {
        this.url = url;
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "clearance-map token revocations");
        this.revoked = revoked;
        this.heardNothingFor = heardNothingFor;
    }

    public synchronized void start() {
        if (thread == null && !closed) {
            thread = new Thread(this::run, "token-revocations");
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
                    s.execute("LISTEN " + CHANNEL);
                }
                heardNothingFor.run();
                if (warned) {
                    LOG.info("listening for token revocations again");
                    warned = false;
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(WAIT_MS);
                    if (notes != null) {
                        for (PGNotification n : notes) {
                            heard(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                if (!warned) {
                    LOG.warn("not listening for token revocations ({}); revocations by other processes take up to "
                            + "AUTH_CACHE_SECONDS until the database answers again", e.toString());
                    warned = true;
                }
                try {
                    Thread.sleep(RETRY_MS);
                } catch (InterruptedException ie) {
                    break;
                }
            } finally {
                connection = null;
            }
        }
    }

    private void heard(String id) {
        try {
            revoked.accept(Long.parseLong(id));
        } catch (NumberFormatException e) {
            LOG.warn("ignored a token revocation notice without a token id: '{}'", id);
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
