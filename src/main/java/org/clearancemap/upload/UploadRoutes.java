package org.clearancemap.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.clearancemap.audit.AuditAction;
import org.clearancemap.audit.AuditLog;
import org.clearancemap.auth.Access;
import org.clearancemap.auth.Principal;
import org.clearancemap.auth.Role;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.clearancemap.db.DataAccessException;
import org.clearancemap.geo.Territories;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.clearancemap.land.HazardRetirement;
import org.clearancemap.stateparty.StateParty;
import org.clearancemap.stateparty.StatePartyRepository;

/**
 * The upload endpoints: files of hazards and releases in, hazards retired, uploads listed.
 *
 * <p>{@link #actor} is the one place where the caller is identified and checked: an operator of
 * the State Party, a coordinator or an admin; the token's name is recorded with the upload, and the
 * token with its audit event.
 */
public final class UploadRoutes {
    /** Media types an upload may declare; anything else is 415. Absent is accepted (content decides). */
    private static final Set<String> ACCEPTED_TYPES = Set.of("application/json", "application/geo+json",
            "application/octet-stream", "application/zip", "application/x-zip-compressed", "application/x-zip",
            "application/geopackage+sqlite3", "application/x-sqlite3", "application/vnd.sqlite3",
            "application/vnd.google-earth.kml+xml", "application/vnd.google-earth.kmz", "application/xml", "text/xml",
            "text/csv", "text/plain", "application/x-shapefile", "multipart/form-data");
    private static final int MAX_RETIRE_BODY = 64 * 1024;

    private final StatePartyRepository stateParties;
    private final UploadRepository uploads;
    private final HazardRetirement retirements;
    private final SurveyUpload survey;
    private final UploadLimits limits;
    private final UploadListener listener;
    private final Clock clock;
    private final ObjectMapper json;

    public UploadRoutes(DataSource dataSource, UploadLimits limits, UploadListener listener, Clock clock,
            ObjectMapper json) {
        this.stateParties = new StatePartyRepository(dataSource);
        this.uploads = new UploadRepository(dataSource);
        this.retirements = new HazardRetirement(dataSource);
        this.limits = limits;
        this.listener = listener;
        this.clock = clock;
        this.json = json;
        this.survey = new SurveyUpload(uploads,
                new TerritoryBounds(Territories.naturalEarth()), limits, listener, clock, json);
    }

    /** Stops the upload path's background work (checker threads, GDAL processes); call when the server stops. */
    public void close() {
        survey.close();
    }

    /** POST /api/state-parties/{iso3}/hazards */
    public void uploadHazards(Context ctx) throws Exception {
        upload(ctx, UploadKind.HAZARDS);
    }

    /** POST /api/state-parties/{iso3}/releases */
    public void uploadReleases(Context ctx) throws Exception {
        upload(ctx, UploadKind.RELEASES);
    }

    private void upload(Context ctx, UploadKind kind) throws Exception {
        StateParty sp = stateParty(ctx);
        Principal actor = actor(ctx, sp.iso3());
        boolean dryRun = flag(ctx, "dryRun");
        boolean strict = flag(ctx, "strict");
        boolean skipInvalid = invalid(ctx);
        String layer = ctx.queryParam("layer");
        String type = mediaType(ctx);
        if (type != null && !ACCEPTED_TYPES.contains(type)) {
            throw new ApiException.UnsupportedFormat("Content-Type " + type + " is not an upload format; send "
                    + "GeoJSON (application/geo+json), a zipped Shapefile or KMZ (application/zip), a GeoPackage, "
                    + "KML, CSV (text/csv), or multipart/form-data with the file in part 'file'.");
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > limits.maxBodyBytes()) {
            throw new ApiException.PayloadTooLarge("The body declares " + declared + " bytes; the limit is "
                    + limits.maxBodyBytes() + " bytes (MAX_BODY_BYTES). Nothing was read.");
        }
        ReceivedFile file;
        boolean claimsJson;
        if ("multipart/form-data".equals(type)) {
            // streamed straight into the received file: written to disk once, no container copy
            MultipartBody.Part part;
            try (InputStream in = ctx.bodyInputStream()) {
                part = MultipartBody.read(in, MultipartBody.boundary(ctx.contentType()), "file", limits.maxBodyBytes());
            }
            file = part.file();
            claimsJson = part.contentType() != null && part.contentType().toLowerCase(Locale.ROOT).contains("json");
        } else {
            try (InputStream in = ctx.bodyInputStream()) {
                file = ReceivedFile.copy(in, fileName(ctx), limits.maxBodyBytes());
            }
            claimsJson = type != null && type.contains("json");
        }
        try (file) {
            SurveyUpload.Outcome outcome = survey.run(new SurveyUpload.Request(sp, kind, file, claimsJson, layer,
                    dryRun, strict, skipInvalid, actor));
            ctx.status(outcome.status()).json(outcome.body());
        }
    }

    /** POST /api/state-parties/{iso3}/hazards/{externalId}/retire with {@code {"date": "YYYY-MM-DD", "reason": "..."}} */
    public void retire(Context ctx) throws Exception {
        StateParty sp = stateParty(ctx);
        Principal actor = actor(ctx, sp.iso3());
        String externalId = ctx.pathParam("externalId");
        JsonNode body;
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes(MAX_RETIRE_BODY + 1);
            if (bytes.length > MAX_RETIRE_BODY) {
                throw new ApiException.PayloadTooLarge("A retirement is a small JSON object {date, reason}.");
            }
            body = bytes.length == 0 ? null : json.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.BadRequest.notJson(e);
        }
        if (body == null || !body.isObject()) {
            throw new ApiException.BadRequest("Send a JSON object {\"date\": \"YYYY-MM-DD\", \"reason\": \"...\"}.");
        }
        LocalDate date = retireDate(body.path("date").asText(null));
        String reason = body.path("reason").asText("").trim();
        if (reason.isEmpty() || reason.length() > 1000) {
            throw ApiException.BadRequest.parameter("reason", "reason is required: why the hazard is retired "
                    + "(at most 1000 characters).");
        }
        HazardRetirement.Result r = retirements.retire(sp.iso3(), externalId, date, reason,
                c -> uploads.lock(c, sp.iso3(), UploadKind.HAZARDS),
                (c, hazardId) -> AuditLog.record(c, actor, AuditAction.HAZARD_RETIRE, "hazard", String.valueOf(hazardId),
                        sp.iso3(), null, Map.of("externalId", externalId, "date", date.toString(), "reason", reason)));
        switch (r.outcome()) {
            case NO_CURRENT_VERSION -> throw new ApiException.NotFound("No current hazard '"
                    + Params.abbreviate(externalId) + "' in " + sp.iso3() + " (unknown, or already retired).");
            case BEFORE_RECORDED -> throw ApiException.BadRequest.parameter("date", "date " + date
                    + " is before the current version's recorded_on " + r.recordedOn() + ".");
            default -> { }
        }
        SurveyUpload.tell(listener, sp.iso3());
        var result = new LinkedHashMap<String, Object>();
        result.put("iso3", sp.iso3());
        result.put("externalId", externalId);
        result.put("hazardId", r.hazardId());
        result.put("retiredOn", date);
        result.put("reason", reason);
        ctx.json(result);
    }

    /** GET /api/uploads?stateParty=ISO3&limit=N, newest first. */
    public void list(Context ctx) {
        String raw = ctx.queryParam("stateParty");
        String iso3 = raw == null || raw.isBlank() ? null : Params.iso3(raw, "stateParty");
        int limit = 100;
        String rawLimit = ctx.queryParam("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw ApiException.BadRequest.parameter("limit", "limit must be a whole number from 1 to 1000.");
            }
        }
        ctx.json(uploads.list(iso3, limit));
    }

    /** GET /api/uploads/{id}: the upload and its full report. */
    public void one(Context ctx) throws Exception {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.BadRequest.parameter("id", "id must be a whole number (got '"
                    + Params.abbreviate(ctx.pathParam("id")) + "').");
        }
        Map<String, Object> row = uploads.one(id)
                .orElseThrow(() -> new ApiException.NotFound("No upload with id " + id + "."));
        ObjectNode result = json.valueToTree(row);
        result.remove("report");
        JsonNode report = json.readTree((String) row.get("report"));
        report.properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                result.set(e.getKey(), e.getValue());
            }
        });
        for (String list : List.of("warnings", "skipped")) {
            if (!result.has(list)) {
                result.set(list, json.createArrayNode());
            }
        }
        ctx.json(result);
    }

    private StateParty stateParty(Context ctx) {
        String iso3 = Params.iso3(ctx.pathParam("iso3"), "iso3");
        return stateParties.existing(iso3);
    }

    /**
     * Who is writing: an operator of this State Party, a coordinator or an admin (401/403 problem
     * otherwise). The name recorded is the token's name.
     */
    private static Principal actor(Context ctx, String iso3) {
        return Access.require(ctx, Role.OPERATOR, iso3);
    }

    private static boolean flag(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.BadRequest.parameter(name, name + " must be true or false (got '"
                    + Params.abbreviate(raw) + "').");
        };
    }

    /** {@code invalid=skip} leaves out the features that cannot be stored; {@code refuse} (the default) refuses the file. */
    private static boolean invalid(Context ctx) {
        String raw = ctx.queryParam("invalid");
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "skip" -> true;
            case "refuse" -> false;
            default -> throw ApiException.BadRequest.parameter("invalid", "invalid must be skip (leave out the "
                    + "features that cannot be stored) or refuse (the default: refuse the file); got '"
                    + Params.abbreviate(raw) + "'.");
        };
    }

    private static String mediaType(Context ctx) {
        String raw = ctx.contentType();
        if (raw == null || raw.isBlank()) {
            return null;
        }
        int semi = raw.indexOf(';');
        return (semi < 0 ? raw : raw.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** A file name from {@code Content-Disposition: ...; filename="x"}, when sent. */
    private static String fileName(Context ctx) {
        String disposition = ctx.header("Content-Disposition");
        if (disposition == null) {
            return null;
        }
        for (String part : disposition.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("filename=")) {
                String name = p.substring(9).replace("\"", "").trim();
                return name.isEmpty() ? null : Params.abbreviate(name);
            }
        }
        return null;
    }

    private LocalDate retireDate(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.BadRequest.parameter("date", "date is required, in the form YYYY-MM-DD.");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.BadRequest.parameter("date", "date must be a real date in the form YYYY-MM-DD (got '"
                    + Params.abbreviate(raw) + "').");
        }
        if (date.isAfter(LocalDate.now(clock).plusDays(1))) {
            throw ApiException.BadRequest.parameter("date", "date " + date + " is in the future.");
        }
        return date;
    }
}
