/**
 * The audit trail: one append-only {@code audit_event} per write, recorded by
 * {@link org.clearancemap.audit.AuditLog#record} inside the write's transaction (so it exists if
 * and only if the write committed), read by admins through {@code GET /api/audit}.
 */
package org.clearancemap.audit;
