package org.clearancemap.auth;

import io.javalin.config.JavalinConfig;
import io.javalin.config.Key;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.clearancemap.config.Config;
import org.clearancemap.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves {@code Authorization: Bearer <token>} into a {@link Principal} before every request.
 *
 * <ul>
 *   <li>No header: a write ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) to an
 *       existing route is refused with 401 here, so a write route that forgot its {@link Access} call is still closed to
 *       anonymous clients (the route's own guard decides the role and State Party). Other requests
 *       go on without a principal; with {@code READ_REQUIRES_TOKEN}, reads under {@code /api},
 *       {@code /ogc} and {@code /tiles} are refused with 401 here.
 *   <li>A header that is malformed, or a token that is unknown or revoked: 401, even on an open
 *       read, so that a client with a bad token finds out at once.
 *   <li>A resolved token is remembered for {@code AUTH_CACHE_SECONDS} (so a revocation made from
 *       the command line takes effect within that time); its {@code last_used_at} is written at
 *       most once a minute.
 * </ul>
 * The secret is never logged: only the token's id and name are.
 */
public final class Auth {
    static final Key<Auth> KEY = new Key<>("clearance-map.auth");
    static final String PRINCIPAL = "clearance-map.principal";
    private static final Logger LOG = LoggerFactory.getLogger(Auth.class);
    private static final long TOUCH_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private static final int MAX_CACHED = 10_000;

    private final TokenRepository tokens;
    private final boolean readRequiresToken;
    private final long cacheNanos;
    private final LongSupplier nanoTime;
    private final WriteRate writeRate;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<Long, Long> touchedAt = new ConcurrentHashMap<>();

    private record Cached(TokenRepository.Lookup lookup, long until) {
    }

    public Auth(TokenRepository tokens, Config config) {
        this(tokens, config.readRequiresToken(), Duration.ofSeconds(config.authCacheSeconds()),
                config.writeRatePerMinute(), System::nanoTime);
    }

    Auth(TokenRepository tokens, boolean readRequiresToken, Duration cacheFor, int writesPerMinute,
            LongSupplier nanoTime) {
        this.tokens = tokens;
        this.readRequiresToken = readRequiresToken;
        this.cacheNanos = cacheFor.toNanos();
        this.nanoTime = nanoTime;
        this.writeRate = new WriteRate(writesPerMinute, nanoTime);
    }

    /** Registers the before-handler; call after the request id handler so that 401s carry an id. */
    public void install(JavalinConfig cfg) {
        cfg.appData(KEY, this);
        cfg.routes.before(this::resolve);
        cfg.routes.beforeMatched(Auth::refuseAnonymousWrite);
    }

    /** Runs only when a route matched, so unknown paths and wrong methods stay 404 and 405. */
    private static void refuseAnonymousWrite(Context ctx) {
        if (isWrite(ctx) && ctx.attribute(PRINCIPAL) == null) {
            throw new ApiException.Unauthorized(ctx.method() + " " + ctx.path()
                    + " needs a token: send 'Authorization: Bearer <token>'.", false);
        }
    }

    private void resolve(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            if (readRequiresToken && isGuardedRead(ctx)) {
                throw new ApiException.Unauthorized("This server requires a token for reads: send "
                        + "'Authorization: Bearer <token>' (any role).", false);
            }
            return;
        }
        String[] parts = header.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw new ApiException.Unauthorized("The Authorization header must be 'Bearer <token>'.", true);
        }
        ctx.attribute(PRINCIPAL, principalFor(parts[1].trim()));
    }

    private static boolean isWrite(Context ctx) {
        HandlerType method = ctx.method();
        return method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH
                || method == HandlerType.DELETE;
    }

    private static boolean isGuardedRead(Context ctx) {
        HandlerType method = ctx.method();
        if (method != HandlerType.GET && method != HandlerType.HEAD) {
            return false;
        }
        String path = ctx.path();
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/ogc") || path.startsWith("/tiles/");
    }

    private Principal principalFor(String secret) {
        if (!TokenSecret.looksLikeSecret(secret)) {
            throw new ApiException.Unauthorized("The bearer token is not one this server issued.", true);
        }
        long now = nanoTime.getAsLong();
        String key = TokenSecret.hash(secret);
        Cached cached = cache.get(key);
        TokenRepository.Lookup lookup;
        if (cached != null && now - cached.until() < 0) {
            lookup = cached.lookup();
        } else {
            Optional<TokenRepository.Lookup> found = tokens.find(secret);
            if (found.isEmpty()) {
                throw new ApiException.Unauthorized("The bearer token is not known to this server.", true);
            }
            lookup = found.get();
            if (cacheNanos > 0) {
                if (cache.size() >= MAX_CACHED) {
                    cache.clear();
                }
                cache.put(key, new Cached(lookup, now + cacheNanos));
            }
        }
        Principal principal = lookup.principal();
        if (lookup.revoked()) {
            throw new ApiException.Unauthorized("Token " + principal.tokenId() + " has been revoked.", true);
        }
        recordUse(principal.tokenId(), now);
        return principal;
    }

    private void recordUse(long tokenId, long now) {
        Long last = touchedAt.get(tokenId);
        if (last != null && now - last < TOUCH_EVERY_NANOS) {
            return;
        }
        touchedAt.put(tokenId, now);
        try {
            tokens.touch(tokenId);
        } catch (RuntimeException e) {
            LOG.warn("could not record the use of token {}: {}", tokenId, e.getMessage());
        }
    }

    /** Drops a token from the cache, so that a revocation (by this server or heard of) applies at once. */
    public void forget(long tokenId) {
        cache.values().removeIf(c -> Long.valueOf(tokenId).equals(c.lookup().principal().tokenId()));
    }

    /** Drops every cached token: revocations may have been missed (see {@link RevocationListener}). */
    public void forgetAll() {
        cache.clear();
    }

    /** 0 when the principal may write now, else seconds until it may. */
    long takeWrite(Principal principal) {
        return principal.tokenId() == null ? 0 : writeRate.take(principal.tokenId());
    }

    int writesPerMinute() {
        return writeRate.perMinute();
    }
}
