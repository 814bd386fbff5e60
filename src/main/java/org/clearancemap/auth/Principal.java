package org.clearancemap.auth;

import java.util.Set;
import java.util.TreeSet;
import org.clearancemap.audit.Actor;

/**
 * Who is making a request: the token it came with, its role and, for operators, the State Parties
 * it may write to.
 *
 * @param tokenId      id of the token in {@code api_token}; null for work the server does itself
 * @param name         the token's name (a person or organisation), written as the actor of audit events
 * @param role         what the token may do
 * @param stateParties ISO3 codes an operator may write to (ignored for coordinators and admins)
 */
public record Principal(Long tokenId, String name, Role role, Set<String> stateParties) implements Actor {

    public Principal {
        stateParties = Set.copyOf(new TreeSet<>(stateParties));
    }

    /** Work done without a token (the command line), with every role: recorded in the audit trail under this name. */
    public static Principal system(String name) {
        return new Principal(null, name, Role.ADMIN, Set.of());
    }

    /** True when this principal may write data of State Party {@code iso3} (any case; null: none named). */
    public boolean mayWriteTo(String iso3) {
        return role.atLeast(Role.COORDINATOR)
                || role == Role.OPERATOR && iso3 != null && stateParties.contains(iso3.toUpperCase(java.util.Locale.ROOT));
    }
}
