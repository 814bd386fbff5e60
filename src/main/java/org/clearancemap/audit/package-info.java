/**
 * The audit trail: one append-only {@code audit_event} per write, recorded by
 * {@link org.clearancemap.audit.AuditLog#record}, the one writer, inside the write's transaction
 * (so it exists if and only if the write committed), and read by {@link
 * org.clearancemap.audit.AuditRepository}.
 *
 * <p>Terms:
 * <ul>
 *   <li><b>action</b>: what was done, an {@link org.clearancemap.audit.AuditAction} named
 *       {@code <thing>.<verb>} ({@code upload.create}, {@code hazard.retire},
 *       {@code extension-request.decide}, {@code token.revoke}, ...). Events written before these
 *       names keep theirs; a filter by a current name finds them too.</li>
 *   <li><b>actor</b>: who did it, an {@link org.clearancemap.audit.Actor}: the token's name and id,
 *       or a name without a token for the server's own work and the command line.</li>
 *   <li><b>entity</b>: the kind of row written ({@code upload}, {@code hazard}, {@code state_party},
 *       {@code extension_request}, {@code reported_figure}, {@code milestone}, {@code api_token}),
 *       with its id when it has one.</li>
 * </ul>
 *
 * <p>This package sits at the bottom: it knows the database and the JSON settings, not who may
 * read the trail ({@code GET /api/audit} is served by {@code auth.AuditRoutes}, for admins).
 */
package org.clearancemap.audit;
