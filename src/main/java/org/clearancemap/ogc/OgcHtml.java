package org.clearancemap.ogc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The HTML pages of OGC API – Features, written on the server from the JSON documents the same
 * requests return, so that both say the same. Every value is escaped. A page has a title, its
 * breadcrumbs back up to the map page, one {@code h1}, a link to its JSON ({@code rel=alternate})
 * and, for a collection, its items and an item, a small map ({@code web/js/ogc-map.js}) that reads
 * the extent from {@code data-bbox} or the features from the JSON at {@code data-features}. The
 * tables hold everything the map shows, so the page reads without JavaScript.
 */
final class OgcHtml {
    private static final String API_TITLE = "Clearance Map – OGC API – Features";
    private static final String TITLE_SUFFIX = " – Clearance Map OGC API";
    private static final String STYLESHEET = "/css/ogc.css";
    private static final String LEAFLET_CSS = "/node_modules/leaflet/dist/leaflet.css";
    private static final String TOPOJSON = "/node_modules/topojson-client/dist/topojson-client.min.js";
    private static final String MAP_MODULE = "/js/ogc-map.js";

    /** One step of the breadcrumbs; the last is the page itself and has no link. */
    private record Crumb(String title, String href) {
    }

    String landing(JsonNode landing, String context, String jsonHref) {
        var main = new StringBuilder();
        main.append("<h1>").append(escape(landing.path("title").asText())).append("</h1>\n<p>")
                .append(escape(landing.path("description").asText())).append("</p>\n<h2>What this API serves</h2>\n<ul class=\"links\">\n");
        for (JsonNode link : landing.path("links")) {
            String rel = link.path("rel").asText();
            if (!rel.equals("self") && !rel.equals("alternate")) {
                main.append("<li>").append(anchor(link.path("href").asText(), link.path("title").asText())).append("</li>\n");
            }
        }
        main.append("</ul>\n");
        return page("OGC API – Features", context, List.of(new Crumb("OGC API – Features", null)), jsonHref, null, main);
    }

    String conformance(JsonNode conformance, String context, String base, String jsonHref) {
        var main = new StringBuilder("<h1>Conformance classes</h1>\n<p>The parts of OGC API – Features and CQL2 this server implements:</p>\n<ul class=\"links\">\n");
        for (JsonNode c : conformance.path("conformsTo")) {
            main.append("<li><code>").append(escape(c.asText())).append("</code></li>\n");
        }
        main.append("</ul>\n");
        return page("Conformance classes", context, List.of(new Crumb("OGC API – Features", base),
                new Crumb("Conformance", null)), jsonHref, null, main);
    }

    String collections(JsonNode collections, String context, String base, String jsonHref) {
        var main = new StringBuilder("<h1>Collections</h1>\n");
        for (JsonNode c : collections.path("collections")) {
            String url = base + "/collections/" + c.path("id").asText();
            main.append("<section class=\"collection\">\n<h2>").append(anchor(url, c.path("title").asText())).append("</h2>\n<p>")
                    .append(escape(c.path("description").asText())).append("</p>\n<p>")
                    .append(anchor(url + "/items", "Features")).append(" · <code>").append(escape(c.path("id").asText()))
                    .append("</code> · ").append(extentText(c.path("extent"))).append("</p>\n</section>\n");
        }
        return page("Collections", context, List.of(new Crumb("OGC API – Features", base), new Crumb("Collections", null)),
                jsonHref, null, main);
    }

    String collection(JsonNode c, String context, String base, String jsonHref) {
        String url = base + "/collections/" + c.path("id").asText();
        String title = c.path("title").asText();
        var main = new StringBuilder();
        main.append("<h1>").append(escape(title)).append("</h1>\n<p>").append(escape(c.path("description").asText()))
                .append("</p>\n<p class=\"actions\">").append(anchor(url + "/items", "Browse the features"))
                .append(" · ").append(anchor(url + "/queryables", "Queryables (JSON Schema)")).append("</p>\n");
        JsonNode box = c.path("extent").path("spatial").path("bbox").path(0);
        if (box.size() == 4) {
            main.append("<div id=\"ogc-map\" class=\"ogc-map\" role=\"region\" aria-label=\"Map of the extent of ")
                    .append(escape(title)).append("\" data-bbox=\"").append(box.get(0).asText()).append(',')
                    .append(box.get(1).asText()).append(',').append(box.get(2).asText()).append(',')
                    .append(box.get(3).asText()).append("\"></div>\n");
        }
        main.append("<h2>Description</h2>\n<table class=\"properties\">\n<tbody>\n");
        row(main, "Identifier", "<code>" + escape(c.path("id").asText()) + "</code>");
        row(main, "Extent", extentText(c.path("extent")));
        row(main, "Item type", escape(c.path("itemType").asText()));
        var crs = new StringBuilder("<ul class=\"plain\">");
        for (JsonNode uri : c.path("crs")) {
            crs.append("<li><code>").append(escape(uri.asText())).append("</code></li>");
        }
        row(main, "Reference systems", crs.append("</ul>").toString());
        row(main, "Storage reference system", "<code>" + escape(c.path("storageCrs").asText()) + "</code>");
        main.append("</tbody>\n</table>\n");
        return page(title, context, List.of(new Crumb("OGC API – Features", base), new Crumb("Collections", base + "/collections"),
                new Crumb(title, null)), jsonHref, box.size() == 4 ? "map" : null, main);
    }

    /**
     * A page of features: counts, paging links, the map and one table row per feature (a column
     * per property, in the order the features name them).
     */
    String items(JsonNode page, Collection c, String context, String base, long offset, String mapData) {
        String url = base + "/collections/" + c.id();
        JsonNode features = page.path("features");
        int returned = features.size();
        var main = new StringBuilder();
        main.append("<h1>").append(escape(c.title())).append(": features</h1>\n<p class=\"count\" data-testid=\"ogc-count\">");
        if (returned == 0) {
            main.append("No feature on this page; ").append(page.path("numberMatched").asLong()).append(" match in all.");
        } else {
            main.append("Features ").append(offset + 1).append("–").append(offset + returned).append(" of ")
                    .append(page.path("numberMatched").asLong()).append(" matching.");
        }
        main.append("</p>\n");
        paging(main, page);
        main.append("<div id=\"ogc-map\" class=\"ogc-map\" role=\"region\" aria-label=\"Map of the features on this page\" data-features=\"")
                .append(escape(mapData)).append("\"></div>\n");
        Set<String> names = new LinkedHashSet<>();
        features.forEach(f -> f.path("properties").fieldNames().forEachRemaining(names::add));
        main.append("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Table of the features\">\n")
                .append("<table class=\"features\">\n<caption>The properties of the features on this page</caption>\n<thead><tr><th scope=\"col\">id</th>");
        for (String name : names) {
            main.append("<th scope=\"col\">").append(escape(name)).append("</th>");
        }
        main.append("</tr></thead>\n<tbody>\n");
        for (JsonNode f : features) {
            String id = f.path("id").asText();
            main.append("<tr><th scope=\"row\">").append(anchor(url + "/items/" + encodePath(id), id)).append("</th>");
            for (String name : names) {
                main.append(cell(f.path("properties").path(name)));
            }
            main.append("</tr>\n");
        }
        main.append("</tbody>\n</table>\n</div>\n");
        paging(main, page);
        return page(c.title() + ": features", context, List.of(new Crumb("OGC API – Features", base),
                new Crumb("Collections", base + "/collections"), new Crumb(c.title(), url), new Crumb("Features", null)),
                alternate(page), "application/geo+json", "map", main);
    }

    /** One feature: the map and a table of its properties. */
    String item(JsonNode feature, Collection c, String context, String base, String mapData) {
        String url = base + "/collections/" + c.id();
        String id = feature.path("id").asText();
        String title = c.title() + ": feature " + id;
        var main = new StringBuilder();
        main.append("<h1>").append(escape(title)).append("</h1>\n")
                .append("<div id=\"ogc-map\" class=\"ogc-map\" role=\"region\" aria-label=\"Map of feature ").append(escape(id))
                .append("\" data-features=\"").append(escape(mapData)).append("\"></div>\n")
                .append("<table class=\"properties\">\n<caption>Properties</caption>\n<tbody>\n");
        row(main, "id", escape(id));
        feature.path("properties").fields().forEachRemaining(p -> row(main, escape(p.getKey()), text(p.getValue())));
        main.append("</tbody>\n</table>\n");
        return page(title, context, List.of(new Crumb("OGC API – Features", base), new Crumb("Collections", base + "/collections"),
                new Crumb(c.title(), url), new Crumb("Features", url + "/items"), new Crumb(id, null)), alternate(feature),
                "application/geo+json", "map", main);
    }

    private static String page(String title, String context, List<Crumb> trail, String jsonHref, String map, StringBuilder main) {
        return page(title, context, trail, jsonHref, "application/json", map, main);
    }

    private static String page(String title, String context, List<Crumb> trail, String jsonHref, String jsonType, String map,
            StringBuilder main) {
        var out = new StringBuilder(main.length() + 2048);
        out.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(escape(trail.size() == 1 ? API_TITLE : title + TITLE_SUFFIX)).append("</title>\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n");
        if (map != null) {
            out.append("<link rel=\"stylesheet\" href=\"").append(escape(context + LEAFLET_CSS)).append("\">\n");
        }
        out.append("<link rel=\"stylesheet\" href=\"").append(escape(context + STYLESHEET)).append("\">\n")
                .append("<link rel=\"alternate\" type=\"").append(jsonType).append("\" href=\"").append(escape(jsonHref)).append("\">\n");
        if (map != null) {
            // topojson-client ships as UMD only: this classic script sets window.topojson for the basemap
            out.append("<script src=\"").append(escape(context + TOPOJSON)).append("\"></script>\n")
                    .append("<script type=\"module\" src=\"").append(escape(context + MAP_MODULE)).append("\"></script>\n");
        }
        out.append("</head>\n<body class=\"ogc\">\n<a class=\"skip-link\" href=\"#main\">Skip to the content</a>\n")
                .append("<header class=\"ogc-header\">\n<nav aria-label=\"Breadcrumbs\">\n<ol class=\"breadcrumbs\">\n")
                .append("<li><a href=\"").append(escape(context + "/")).append("\">Clearance Map</a></li>\n");
        for (Crumb crumb : trail) {
            if (crumb.href() == null) {
                out.append("<li aria-current=\"page\">").append(escape(crumb.title())).append("</li>\n");
            } else {
                out.append("<li>").append(anchor(crumb.href(), crumb.title())).append("</li>\n");
            }
        }
        out.append("</ol>\n</nav>\n<p class=\"formats\">This page as <a rel=\"alternate\" type=\"").append(jsonType).append("\" href=\"")
                .append(escape(jsonHref)).append("\" data-testid=\"ogc-json\">JSON</a></p>\n</header>\n<main id=\"main\">\n")
                .append(main).append("</main>\n<footer class=\"ogc-footer\">\n<p>").append(escape(API_TITLE))
                .append(". QGIS, GDAL and other GIS clients read the same addresses as JSON.</p>\n</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    /** The previous and next page links of a page of features, when it has them. */
    private static void paging(StringBuilder main, JsonNode page) {
        String prev = href(page, "prev");
        String next = href(page, "next");
        if (prev == null && next == null) {
            return;
        }
        main.append("<nav class=\"paging\" aria-label=\"Pages\">");
        if (prev != null) {
            main.append("<a rel=\"prev\" href=\"").append(escape(prev)).append("\">← Previous page</a>");
        }
        if (next != null) {
            main.append("<a rel=\"next\" href=\"").append(escape(next)).append("\">Next page →</a>");
        }
        main.append("</nav>\n");
    }

    /** "Longitude a to b, latitude c to d; dates e to f", from a collection's extent. */
    private static String extentText(JsonNode extent) {
        var parts = new ArrayList<String>();
        JsonNode box = extent.path("spatial").path("bbox").path(0);
        if (box.size() == 4) {
            parts.add("longitude " + box.get(0).asText() + " to " + box.get(2).asText() + ", latitude " + box.get(1).asText()
                    + " to " + box.get(3).asText() + " (WGS 84)");
        }
        JsonNode interval = extent.path("temporal").path("interval").path(0);
        if (interval.size() == 2) {
            parts.add("dates " + interval.get(0).asText().replace("T00:00:00Z", "") + " to "
                    + interval.get(1).asText().replace("T00:00:00Z", ""));
        }
        return parts.isEmpty() ? "no data yet" : escape(String.join("; ", parts));
    }

    private static String href(JsonNode doc, String rel) {
        for (JsonNode link : doc.path("links")) {
            if (link.path("rel").asText().equals(rel)) {
                return link.path("href").asText();
            }
        }
        return null;
    }

    private static String alternate(JsonNode doc) {
        String href = href(doc, "alternate");
        return href == null ? "" : href;
    }

    private static void row(StringBuilder out, String headerHtml, String valueHtml) {
        out.append("<tr><th scope=\"row\">").append(headerHtml).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    private static String cell(JsonNode value) {
        return value.isNumber() ? "<td class=\"n\">" + text(value) + "</td>" : "<td>" + text(value) + "</td>";
    }

    /** A property value as the JSON has it: numbers in plain decimals (never 1.2E7), nothing for null. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isFloatingPointNumber()) {
            return java.math.BigDecimal.valueOf(value.doubleValue()).toPlainString();
        }
        return escape(value.isValueNode() ? value.asText() : value.toString());
    }

    private static String anchor(String href, String text) {
        return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
    }

    private static String encodePath(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
