package org.clearancemap.auth;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.Optional;
import org.clearancemap.http.ApiException;

/**
 * The one-call guard every protected route starts with.
 *
 * <pre>{@code
 * Principal who = Access.require(ctx, Role.OPERATOR, iso3);   // upload to one State Party
 * Principal who = Access.requireRole(ctx, Role.COORDINATOR);   // treaty records, new State Parties
 * }</pre>
 *
 * Each throws a typed {@link ApiException}: 401 when the request has no token (unknown and revoked
 * tokens are already refused by {@link Auth}), 403 when the role is too low or an operator writes
 * to a State Party not on its token, 429 with {@code Retry-After} when a write exceeds
 * {@code WRITE_RATE_PER_MINUTE} for its token. Reads ({@code GET}, {@code HEAD}) are never
 * counted against the rate.
 */
public final class Access {
    private Access() {
    }

    /** The principal of this request, if it came with a valid token. */
    public static Optional<Principal> principal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(Auth.PRINCIPAL));
    }

    /**
     * A principal with at least {@code role}; when that role is {@link Role#OPERATOR}, only for a
     * State Party listed on its token (coordinators and admins may write to any).
     */
    public static Principal require(Context ctx, Role role, String iso3) {
        Principal p = authenticated(ctx);
        checkRole(ctx, p, role);
        if (!p.mayWriteTo(iso3)) {
            throw new ApiException.Forbidden("Token " + p.tokenId() + " (" + p.name() + ") is an operator token for "
                    + (p.stateParties().isEmpty() ? "no State Party" : String.join(", ", p.stateParties()))
                    + "; it may not write to " + iso3 + ".",
                    Map.of("iso3", iso3, "stateParties", p.stateParties()));
        }
        checkRate(ctx, p);
        return p;
    }

    /** A principal with at least {@code role}, whatever the State Party. */
    public static Principal requireRole(Context ctx, Role role) {
        Principal p = authenticated(ctx);
        checkRole(ctx, p, role);
        checkRate(ctx, p);
        return p;
    }

    private static Principal authenticated(Context ctx) {
        return principal(ctx).orElseThrow(() -> new ApiException.Unauthorized(ctx.method() + " " + ctx.path()
                + " needs a token: send 'Authorization: Bearer <token>'.", false));
    }

    private static void checkRole(Context ctx, Principal p, Role role) {
        if (!p.role().atLeast(role)) {
            throw new ApiException.Forbidden("Token " + p.tokenId() + " (" + p.name() + ") has role "
                    + p.role().wireName() + "; " + ctx.method() + " " + ctx.path() + " needs " + role.wireName()
                    + " or higher.", Map.of("role", p.role().wireName(), "requiredRole", role.wireName()));
        }
    }

    private static void checkRate(Context ctx, Principal p) {
        HandlerType method = ctx.method();
        if (method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS) {
            return;
        }
        Auth auth = ctx.appData(Auth.KEY);
        long wait = auth.takeWrite(p);
        if (wait > 0) {
            throw new ApiException.TooManyRequests("Token " + p.tokenId() + " has made more than "
                    + auth.writesPerMinute() + " writes in a minute; try again in " + wait + " s.", wait);
        }
    }
}
