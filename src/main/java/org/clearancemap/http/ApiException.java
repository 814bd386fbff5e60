package org.clearancemap.http;

import java.util.Map;

/**
 * An error a client caused or must be told about. Each subtype carries its HTTP status, a stable
 * problem type and a title; the detail is written for the person who sent the request and never
 * holds SQL, stack traces or other internals. {@link ProblemMapper} turns these into RFC 9457
 * {@code application/problem+json}.
 */
public abstract class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    protected ApiException(int status, String type, String title, String detail, Map<String, Object> extensions) {
        this(status, type, title, detail, extensions, null);
    }

    protected ApiException(int status, String type, String title, String detail, Map<String, Object> extensions,
            Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Response headers the problem needs, e.g. {@code WWW-Authenticate} or {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    /** Short problem-type name, e.g. {@code bad-parameter}; see {@link Problem#typeUri(String)}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra members of the problem document (e.g. {@code errors}, {@code parameter}). */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** 400: a query parameter, path parameter or body field is malformed. */
    public static final class BadRequest extends ApiException {
        public BadRequest(String detail) {
            super(400, "bad-request", "Bad request", detail, null);
        }

        public static BadRequest parameter(String name, String detail) {
            return new BadRequest(name, detail);
        }

        /**
         * Broken JSON: where it broke (line, column) and what the parser expected, without the
         * parser's own terms (its source description, feature names, character codes).
         */
        public static BadRequest notJson(com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage()
                    .replaceAll("\\(start marker at \\[Source:[^\\]]*?line: (\\d+), column: (\\d+)\\]\\)",
                            "(opened at line $1, column $2)")
                    .replaceAll("\\[Source:[^\\]]*\\]", "")
                    .replaceAll(" \\(code -?\\d+\\)", "")
                    .replaceAll("\\s+", " ").trim();
            if (reason.length() > 200) {
                reason = reason.substring(0, 197) + "...";
            }
            return new BadRequest("The body is not valid JSON" + where + (reason.isEmpty() ? "." : ": " + reason
                    + (reason.endsWith(".") ? "" : ".")));
        }

        private BadRequest(String parameter, String detail) {
            super(400, "bad-parameter", "Invalid parameter", detail, Map.of("parameter", parameter));
        }
    }

    /** 401: no token, or a token that is unknown or revoked; carries {@code WWW-Authenticate: Bearer}. */
    public static final class Unauthorized extends ApiException {
        public Unauthorized(String detail, boolean tokenWasSent) {
            super(401, "unauthorized", "Unauthorized", detail, null, Map.of("WWW-Authenticate",
                    tokenWasSent ? "Bearer realm=\"clearance-map\", error=\"invalid_token\"" : "Bearer realm=\"clearance-map\""));
        }
    }

    /** 403: a valid token whose role or State Parties do not allow this request. */
    public static final class Forbidden extends ApiException {
        public Forbidden(String detail, Map<String, Object> extensions) {
            super(403, "forbidden", "Forbidden", detail, extensions);
        }
    }

    /** 429: too many writes with one token; {@code Retry-After} says when to try again. */
    public static final class TooManyRequests extends ApiException {
        public TooManyRequests(String detail, long retryAfterSeconds) {
            super(429, "too-many-requests", "Too many requests", detail, Map.of("retryAfterSeconds", retryAfterSeconds),
                    Map.of("Retry-After", Long.toString(retryAfterSeconds)));
        }
    }

    /** 404: the thing named in the path does not exist. */
    public static final class NotFound extends ApiException {
        public NotFound(String detail) {
            super(404, "not-found", "Not found", detail, null);
        }
    }

    /** 409: the request conflicts with what is stored. */
    public static final class Conflict extends ApiException {
        public Conflict(String detail) {
            super(409, "conflict", "Conflict", detail, null);
        }
    }

    /** 413: the body is larger than the configured limit. */
    public static final class PayloadTooLarge extends ApiException {
        public PayloadTooLarge(String detail) {
            super(413, "payload-too-large", "Payload too large", detail, null);
        }
    }

    /** 415: the body is in a format the endpoint does not take. */
    public static final class UnsupportedFormat extends ApiException {
        public UnsupportedFormat(String detail) {
            super(415, "unsupported-format", "Unsupported format", detail, null);
        }
    }

    /** 422: well-formed but invalid content, with every problem found. */
    public static final class Unprocessable extends ApiException {
        public Unprocessable(String detail, Map<String, Object> extensions) {
            super(422, "invalid-content", "Invalid content", detail, extensions);
        }
    }

    /** 503: the database cannot be reached or did not answer in time; carries {@code Retry-After}. */
    public static final class Unavailable extends ApiException {
        /** Seconds a client is asked to wait unless a reason of its own says otherwise. */
        public static final int RETRY_AFTER_SECONDS = 5;

        public Unavailable(String detail) {
            this(detail, RETRY_AFTER_SECONDS, null);
        }

        public Unavailable(String detail, int retryAfterSeconds) {
            this(detail, retryAfterSeconds, null);
        }

        /** With extra members of the problem document, e.g. which dependency is down. */
        public Unavailable(String detail, Map<String, Object> extensions) {
            this(detail, RETRY_AFTER_SECONDS, extensions);
        }

        private Unavailable(String detail, int retryAfterSeconds, Map<String, Object> extensions) {
            super(503, "service-unavailable", "Service unavailable", detail, extensions,
                    Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
        }
    }
}
