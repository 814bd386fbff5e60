package org.clearancemap.auth;

import io.javalin.config.JavalinConfig;
import java.util.List;

/**
 * Headers on every response, and CORS only for configured origins.
 *
 * <p>The Content-Security-Policy fits the map page in {@code web/}: its scripts, style sheets,
 * images and fetches are all same-origin and the favicon is a {@code data:} URL. No
 * {@code 'unsafe-inline'} at all: Leaflet sets positions and styles through the CSSOM
 * ({@code element.style.x = ...}), which CSP does not restrict, and the page writes no
 * {@code style="..."} attributes ({@code ContentSecurityPolicyBrowserTest} draws the map under
 * this policy and fails on any violation). Should a later page need inline style attributes, add
 * {@code style-src-attr 'unsafe-inline'}, never {@code 'unsafe-inline'} for scripts.
 *
 * <p>The optional online basemap: {@code img-src} adds exactly the origins of
 * {@code BASEMAP_TILE_ORIGINS} (https only, checked by {@code Config}) and nothing else, so tiles
 * from any other origin stay blocked. The page learns the list from {@code GET /page-settings}.
 */
public final class SecurityHeaders {
    /** The policy without online basemap origins (the default). */
    public static final String CONTENT_SECURITY_POLICY = contentSecurityPolicy(List.of());

    private final List<String> corsOrigins;
    private final String contentSecurityPolicy;

    public SecurityHeaders(List<String> corsOrigins, List<String> basemapTileOrigins) {
        this.corsOrigins = List.copyOf(corsOrigins);
        this.contentSecurityPolicy = contentSecurityPolicy(basemapTileOrigins);
    }

    /** The policy with images also allowed from these origins (already validated by {@code Config}). */
    public static String contentSecurityPolicy(List<String> basemapTileOrigins) {
        String images = basemapTileOrigins.isEmpty() ? "" : " " + String.join(" ", basemapTileOrigins);
        return String.join("; ",
                "default-src 'none'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data:" + images,
                "font-src 'self'",
                "connect-src 'self'",
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'");
    }

    public void install(JavalinConfig cfg) {
        cfg.routes.before(ctx -> {
            ctx.header("Content-Security-Policy", contentSecurityPolicy);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        });
        if (!corsOrigins.isEmpty()) {
            cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                rule.allowHost(corsOrigins.get(0), corsOrigins.subList(1, corsOrigins.size()).toArray(String[]::new));
                rule.exposeHeader("X-Request-Id");
                rule.exposeHeader("Retry-After");
                rule.exposeHeader("WWW-Authenticate");
            }));
        }
    }
}
