package org.clearancemap.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 problem document. */
public final class Problem {
    public static final String CONTENT_TYPE = "application/problem+json";

    private Problem() {
    }

    /** The URI of a problem type; stable, listed in docs/API.md. */
    public static String typeUri(String type) {
        return "urn:clearance-map:problem:" + type;
    }

    /** The members of a problem document, in the order RFC 9457 lists them, then extensions. */
    public static Map<String, Object> of(int status, String type, String title, String detail, String instance,
            Map<String, Object> extensions) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", typeUri(type));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (extensions != null) {
            extensions.forEach(body::putIfAbsent);
        }
        return body;
    }
}
