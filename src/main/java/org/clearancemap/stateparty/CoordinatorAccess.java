package org.clearancemap.stateparty;

import io.javalin.http.Context;
import org.clearancemap.auth.Access;
import org.clearancemap.auth.Role;

/**
 * The one place that decides whether a request may write a coordinator's records, and who it is.
 * Until tokens exist every write is let through as {@code anonymous}; the auth work replaces
 * {@link #OPEN} with a check of the bearer token's role (coordinator or admin).
 */
public interface CoordinatorAccess {

    /** Returns the actor to record in the audit trail, or throws a 401/403 problem. */
    String check(Context ctx, String iso3);

    CoordinatorAccess OPEN = (ctx, iso3) -> "anonymous";

    /** Coordinators and admins, by bearer token (401/403 problem otherwise). */
    CoordinatorAccess TOKEN = (ctx, iso3) -> Access.requireRole(ctx, Role.COORDINATOR).name();
}
