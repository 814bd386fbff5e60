package org.clearancemap.auth;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.clearancemap.db.NotificationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on channel {@code api_token_revoked} (migration V41 announces every revocation there,
 * whoever makes it) and tells {@link Auth} to forget the token at once instead of after
 * {@code AUTH_CACHE_SECONDS}. On every (re)connection the whole token cache is dropped, since
 * revocations made meanwhile were not heard. The server listens with one
 * {@link NotificationListener} for this channel and others ({@link #CHANNEL}, {@link #consumer}).
 */
public final class RevocationListener extends NotificationListener {
    public static final String CHANNEL = "api_token_revoked";
    private static final Logger LOG = LoggerFactory.getLogger(RevocationListener.class);

    /**
     * @param revoked        told each revoked token id
     * @param heardNothingFor told on each (re)connection: revocations may have been missed
     */
    public RevocationListener(String url, String user, String password, LongConsumer revoked, Runnable heardNothingFor) {
        super(url, user, password, "token revocations", Map.of(CHANNEL, consumer(revoked)), heardNothingFor);
    }

    /** What to do with a notice of {@link #CHANNEL}: its payload is the revoked token's id. */
    public static Consumer<String> consumer(LongConsumer revoked) {
        return id -> {
            try {
                revoked.accept(Long.parseLong(id));
            } catch (NumberFormatException e) {
                LOG.warn("ignored a token revocation notice without a token id: '{}'", id);
            }
        };
    }
}
