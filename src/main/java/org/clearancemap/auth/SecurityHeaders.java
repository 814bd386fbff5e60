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
 */
public final class SecurityHeaders {
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private final List<String> corsOrigins;

    public SecurityHeaders(List<String> corsOrigins) {
        this.corsOrigins = List.copyOf(corsOrigins);
    }

    public void install(JavalinConfig cfg) {
        cfg.routes.before(ctx -> {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
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
