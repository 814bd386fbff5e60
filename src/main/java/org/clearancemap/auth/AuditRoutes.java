package org.clearancemap.auth;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import org.clearancemap.audit.AuditEvent;
import org.clearancemap.audit.AuditRepository;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;

/**
 * {@code GET /api/audit?iso3=&action=&since=&limit=&offset=}: the audit trail, newest first, for
 * admins. {@code since} is a date ({@code YYYY-MM-DD}, midnight UTC) or an ISO 8601 instant with
 * offset; {@code action} a name such as {@code upload.create} (see {@link AuditRepository.Query}).
 */
public final class AuditRoutes {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final AuditRepository audit;

    public AuditRoutes(AuditRepository audit) {
        this.audit = audit;
    }

    public void list(Context ctx) {
        Access.requireRole(ctx, Role.ADMIN);
        String iso3 = ctx.queryParam("iso3") == null ? null : Params.iso3(ctx.queryParam("iso3"), "iso3");
        String action = blankToNull(ctx.queryParam("action"));
        if (action != null && !action.matches("[a-z0-9_.-]{1,64}")) {
            throw ApiException.BadRequest.parameter("action",
                    "action must be an action name such as upload.create (got '" + Params.abbreviate(action) + "').");
        }
        OffsetDateTime since = since(blankToNull(ctx.queryParam("since")));
        int limit = (int) number(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long offset = number(ctx, "offset", 0, 0, Long.MAX_VALUE / 2);
        List<AuditEvent> events = audit.page(new AuditRepository.Query(iso3, action, since, limit, offset));

        var body = new LinkedHashMap<String, Object>();
        body.put("events", events);
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("numberReturned", events.size());
        body.put("next", events.size() < limit ? null : nextLink(ctx, limit, offset + limit));
        ctx.header("Cache-Control", "no-store").json(body);
    }

    private static String nextLink(Context ctx, int limit, long offset) {
        var q = new StringBuilder("/api/audit?limit=").append(limit).append("&offset=").append(offset);
        for (String name : List.of("iso3", "action", "since")) {
            String v = blankToNull(ctx.queryParam(name));
            if (v != null) {
                q.append('&').append(name).append('=').append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }

    private static OffsetDateTime since(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            if (raw.length() == 10) {
                return LocalDate.parse(raw).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.BadRequest.parameter("since", "since must be a date YYYY-MM-DD or an instant such as "
                    + "2026-01-31T12:00:00Z (got '" + Params.abbreviate(raw) + "').");
        }
    }

    private static long number(Context ctx, String name, long fallback, long min, long max) {
        String raw = blankToNull(ctx.queryParam(name));
        if (raw == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(raw);
            if (n < min || n > max) {
                throw ApiException.BadRequest.parameter(name, name + " must be between " + min + " and " + max
                        + " (got " + raw + ").");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.BadRequest.parameter(name, name + " must be a whole number (got '"
                    + Params.abbreviate(raw) + "').");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
