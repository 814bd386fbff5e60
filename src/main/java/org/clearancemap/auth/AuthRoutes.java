package org.clearancemap.auth;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/me} (any token) and {@code GET /api/tokens} (admin). */
public final class AuthRoutes {
    private final TokenRepository tokens;

    public AuthRoutes(TokenRepository tokens) {
        this.tokens = tokens;
    }

    /** Who the token belongs to and what it may do. */
    public void me(Context ctx) {
        Principal p = Access.requireRole(ctx, Role.ANALYST);
        var body = new LinkedHashMap<String, Object>();
        body.put("tokenId", p.tokenId());
        body.put("name", p.name());
        body.put("role", p.role().wireName());
        body.put("stateParties", p.stateParties());
        ctx.header("Cache-Control", "no-store").json(body);
    }

    /** Every token without its secret (which is not stored). */
    public void list(Context ctx) {
        Access.requireRole(ctx, Role.ADMIN);
        ctx.header("Cache-Control", "no-store").json(Map.of("tokens", tokens.list()));
    }
}
