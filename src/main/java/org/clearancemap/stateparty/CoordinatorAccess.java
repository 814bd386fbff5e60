package org.clearancemap.stateparty;

import io.javalin.http.Context;
import org.clearancemap.auth.Access;
import org.clearancemap.auth.Role;

/**
 * The one place that decides whether a request may write a coordinator's records, and who it is.
 * The server uses {@link #TOKEN} (coordinator or admin by bearer token); {@link #OPEN} lets
 * every write through as {@code anonymous} and is for tests of the records themselves.
 */
public interface CoordinatorAccess {

    /** Returns the actor to record in the audit trail, or throws a 401/403 problem. */
    String check(Context ctx, String iso3);

    CoordinatorAccess OPEN = (ctx, iso3) -> "anonymous";

    /** Coordinators and admins, by bearer token (401/403 problem otherwise). */
    CoordinatorAccess TOKEN = (ctx, iso3) -> Access.requireRole(ctx, Role.COORDINATOR).name();
}
