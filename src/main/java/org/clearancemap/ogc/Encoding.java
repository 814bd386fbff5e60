package org.clearancemap.ogc;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.clearancemap.http.ApiException;
import org.clearancemap.http.Params;
import org.eclipse.jetty.http.QuotedQualityCSV;

/**
 * The encoding a resource under {@code /ogc} is sent in: JSON (GeoJSON for features) or HTML.
 *
 * <p>{@code f} decides when given: {@code json} or {@code geojson} for JSON, {@code html} for
 * HTML; any other value is a 400 naming {@code f}. Without {@code f}, HTML only when the
 * {@code Accept} header, in its order of preference (q values, then order of listing), names
 * {@code text/html} or {@code application/xhtml+xml} before any JSON type; as a browser does
 * ({@code text/html,application/xhtml+xml,...,*}{@code /*;q=0.8}). Everything else gets JSON:
 * no Accept, {@code *}{@code /*}, {@code application/json}, {@code application/geo+json}, or
 * GDAL's {@code application/geo+json, application/json}.
 */
public enum Encoding {
    JSON, HTML;

    /** The values {@code f} accepts on the resources that have an HTML page. */
    public static final List<String> VALUES = List.of("json", "geojson", "html");
    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");

    public static Encoding of(Context ctx) {
        List<String> f = ctx.queryParamMap().get("f");
        return of(f == null || f.isEmpty() ? null : f.get(0), ctx.header("Accept"));
    }

    /** The encoding for an {@code f} value (or null) and an {@code Accept} header (or null). */
    public static Encoding of(String f, String accept) {
        if (f != null) {
            return switch (f) {
                case "json", "geojson" -> JSON;
                case "html" -> HTML;
                default -> throw ApiException.BadRequest.parameter("f", "f must be one of " + String.join(", ", VALUES)
                        + " (got '" + Params.abbreviate(f) + "').");
            };
        }
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        var preferred = new QuotedQualityCSV();
        preferred.addValue(accept);
        for (String type : preferred.getValues()) {
            String media = type.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
            if (HTML_TYPES.contains(media)) {
                return HTML;
            }
            if (media.contains("json")) {
                return JSON;
            }
        }
        return JSON;
    }
}
