package org.clearancemap.auth;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;

/**
 * {@code GET /api/me} (any token), {@code GET /api/tokens} and {@code DELETE /api/tokens/{id}}
 * (admin; revokes at once in this server, audited). Tokens are created only from the command line.
 */
public final class AuthRoutes {
    private final TokenRepository tokens;
    private final Auth auth;

    public AuthRoutes(TokenRepository tokens, Auth auth) {
        this.tokens = tokens;
        this.auth = auth;
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

    /** Revokes a token: 204, or 404 when there is no such token or it is already revoked. */
    public void revoke(Context ctx) {
        Principal who = Access.requireRole(ctx, Role.ADMIN);
        String raw = ctx.pathParam("id");
        if (!raw.matches("[0-9]{1,18}")) {
            throw ApiException.BadRequest.parameter("id", "id must be a token id as GET /api/tokens lists them (got '"
                    + Params.abbreviate(raw) + "').");
        }
        long id = Long.parseLong(raw);
        if (!tokens.revoke(id, who)) {
            throw new ApiException.NotFound("There is no active token " + id + ".");
        }
        auth.forget(id);
        ctx.status(204);
    }
}
