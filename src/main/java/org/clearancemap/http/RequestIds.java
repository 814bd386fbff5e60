package org.clearancemap.http;

import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;

/** A short id per request, sent back as {@code X-Request-Id} and written in the request log. */
public final class RequestIds {
    private static final String ATTRIBUTE = "requestId";
    public static final String HEADER = "X-Request-Id";

    private RequestIds() {
    }

    /** The id of this request, made on first use. */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            id = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
            ctx.attribute(ATTRIBUTE, id);
            ctx.header(HEADER, id);
        }
        return id;
    }
}
