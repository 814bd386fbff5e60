package org.clearancemap.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every error into RFC 9457 {@code application/problem+json}: typed {@link ApiException}s,
 * Javalin's own responses (404 no route, 405 wrong method, 413 body too large, ...), database
 * outages (503) and anything unexpected (500 with a request id; the stack trace goes to the log
 * only).
 */
public final class ProblemMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    private final ObjectMapper json;

    public ProblemMapper(ObjectMapper json) {
        this.json = json;
    }

    /** Registers the handlers on a Javalin configuration. */
    public void install(JavalinConfig config) {
        config.http.prefer405over404 = true;
        config.routes.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            write(ctx, e.status(), e.type(), e.title(), e.detail(), e.extensions());
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> fromJavalin(ctx, e.getStatus(), e.getMessage()));
        config.routes.exception(Exception.class, this::unexpected);
        // Javalin answers some statuses without throwing (e.g. unmatched static paths): cover them too.
        for (int status : new int[] {404, 405}) {
            config.routes.error(status, ctx -> {
                if (!isProblem(ctx)) {
                    fromJavalin(ctx, status, null);
                }
            });
        }
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.CONTENT_TYPE);
    }

    private void fromJavalin(Context ctx, int status, String message) {
        switch (status) {
            case 404 -> write(ctx, 404, "not-found", "Not found",
                    "No resource at " + ctx.method() + " " + ctx.path() + ".", null);
            case 405 -> write(ctx, 405, "method-not-allowed", "Method not allowed",
                    ctx.method() + " is not allowed on " + ctx.path() + ".", null);
            case 413 -> write(ctx, 413, "payload-too-large", "Payload too large",
                    "The request body is larger than this server accepts.", null);
            default -> {
                HttpStatus known = HttpStatus.forStatus(status);
                String title = known == HttpStatus.UNKNOWN ? "Error" : known.getMessage();
                String detail = message == null || message.isBlank() ? title + "." : message;
                write(ctx, status, "http-" + status, title, detail, null);
            }
        }
    }

    private void unexpected(Exception e, Context ctx) {
        if (isStatementTimeout(e)) {
            LOG.warn("statement timeout on {} {}: {}", ctx.method(), ctx.path(), e.toString());
            ctx.header("Retry-After", String.valueOf(ApiException.Unavailable.RETRY_AFTER_SECONDS));
            write(ctx, 503, "database-timeout", "Database timeout",
                    "The database did not answer within this server's statement timeout; nothing was changed. "
                            + "Try again later, or ask for less (a smaller page, area or file).", null);
            return;
        }
        if (isDatabaseUnavailable(e)) {
            LOG.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), e.toString());
            ctx.header("Retry-After", String.valueOf(ApiException.Unavailable.RETRY_AFTER_SECONDS));
            write(ctx, 503, "service-unavailable", "Service unavailable",
                    "The database is unavailable; try again shortly.", null);
            return;
        }
        String requestId = RequestIds.of(ctx);
        LOG.error("unexpected error, request id {} on {} {}", requestId, ctx.method(), ctx.path(), e);
        write(ctx, 500, "internal-error", "Internal server error",
                "Something went wrong on the server. Quote request id " + requestId + " when reporting it.",
                Map.of("requestId", requestId));
    }

    /**
     * True when a statement was cancelled by the statement timeout ({@code DB_STATEMENT_TIMEOUT_MS},
     * SQLSTATE 57014 query_canceled).
     */
    public static boolean isStatementTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for failures that mean "the database is not there right now": no connection from the
     * pool in time, connection refused or broken (SQLSTATE class 08), shutdown (57P01..57P03), a
     * read a hot standby cancelled to go on replaying (conflict with recovery, 40001: the same read
     * again succeeds).
     */
    public static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("57014") || state.equals("40001")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void write(Context ctx, int status, String type, String title, String detail, Map<String, Object> ext) {
        Map<String, Object> body = Problem.of(status, type, title, detail, ctx.path(), ext);
        try {
            ctx.status(status).contentType(Problem.CONTENT_TYPE).result(json.writeValueAsBytes(body));
        } catch (JsonProcessingException impossible) {
            ctx.status(status).contentType(Problem.CONTENT_TYPE).result("{\"status\":" + status + "}");
        }
    }
}
