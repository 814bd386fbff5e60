/**
 * Who may do what.
 *
 * <ul>
 *   <li><b>Token</b>: a bearer secret {@code cm_...} issued from the command line
 *       ({@link org.clearancemap.auth.TokenCommand}) to a person or organisation, with a
 *       {@link org.clearancemap.auth.Role}; stored only as its SHA-256; revoked, never deleted.
 *   <li><b>Principal</b>: the resolved token of a request ({@link org.clearancemap.auth.Auth},
 *       a before-handler), carried in the request to the guard and, as the audit
 *       {@link org.clearancemap.audit.Actor}, to the audit trail.
 *   <li><b>Guard</b>: {@link org.clearancemap.auth.Access#require} and
 *       {@link org.clearancemap.auth.Access#requireRole}, the first line of every protected route:
 *       401 without a token, 403 when the role or the State Party does not fit, 429 when the token
 *       writes faster than {@code WRITE_RATE_PER_MINUTE}.
 *   <li><b>Scope</b>: an operator token lists the State Parties it may write to; coordinators and
 *       admins write to all.
 *   <li>The admin's views: the token list ({@link org.clearancemap.auth.AuthRoutes}) and the audit
 *       trail ({@link org.clearancemap.auth.AuditRoutes}).
 * </ul>
 */
package org.clearancemap.auth;
