package org.clearancemap.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of the server: ISO 8601 dates, names as declared (camelCase), unknown
 * members of a request body ignored. Every part of the server, Javalin's {@code ctx.json} included,
 * reads and writes JSON with {@link #mapper()}; nothing configures it further (a configured mapper is
 * safe to share between threads).
 */
public final class Json {
    private static final ObjectMapper MAPPER = configured(JsonMapper.builder());

    private Json() {
    }

    /** The server's mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The same configuration reading through {@code factory}: for input that needs limits or
     * leniencies of its own (an uploaded file's nesting depth, its {@code NaN} literals).
     */
    public static ObjectMapper readingThrough(JsonFactory factory) {
        return configured(JsonMapper.builder(factory));
    }

    private static ObjectMapper configured(JsonMapper.Builder builder) {
        return builder
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
